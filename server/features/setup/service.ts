import crypto from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { AppError } from '../../core/errors'
import { isoAt } from '../../core/clock'
import type { WriteOutcome } from '../../core/writes'
import type { TAdminCodeRedeemed } from '../../../src/models/setup'
import { departmentsRepository } from '../organisations/repository'
import { membershipsRepository } from '../organisations/membershipsRepository'
import { setupRepository } from './repository'
import { setCountyDeadline } from '../milestones/service'
import { milestonesRepository } from '../milestones/repository'

type Trx = Transaction<Database>

/** An administrator code is good for 24 hours, once. */
export const ADMIN_CODE_HOURS = 24
// No 0/O/1/I/L: the code is read off a terminal and typed on a phone.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export function newAdminCode(): string {
  const bytes = crypto.randomBytes(12)
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length])
  // 12 characters from 31: ~59 bits; shown as three groups of four
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`
}

/** The code as typed (any case, with or without dashes and spaces) → the form that is hashed. */
export function normaliseAdminCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '')
}

export const adminCodeHash = (code: string) =>
  crypto.createHash('sha256').update(normaliseAdminCode(code)).digest('hex')

export interface SetUpCountyResult {
  office: { id: number; name: string; created: boolean }
  code: string
  expiresAt: string
  /** The county-wide 领导小组与实施方案完成期限 now in force (null: the programme's). */
  milestoneDeadline: string | null
}

/**
 * `npm run setup`: the county's 领导小组办公室 (created once) and a new one-time administrator code; the
 * office's earlier open codes are revoked. The code itself is returned to be printed, never stored.
 * `milestoneDeadline`, when given, sets the county-wide 领导小组与实施方案完成期限 (null clears it; left out,
 * it stays as it is), with an audit row of its own (no user: the script); a date before the programme's
 * fails the whole setup (AppError DEADLINE_BEFORE_PROGRAMME).
 */
export async function setUpCounty(
  db: DbOrTrx,
  county: string,
  now: number,
  options: { milestoneDeadline?: string | null } = {},
): Promise<SetUpCountyResult> {
  const at = isoAt(now)
  let milestoneDeadline: string | null
  if (options.milestoneDeadline !== undefined) {
    const outcome = await setCountyDeadline(db, options.milestoneDeadline, null, now)
    milestoneDeadline = outcome.result.deadline
    await setupRepository.audit(db, {
      action: 'milestones.county_deadline.set',
      entityType: outcome.entityType,
      entityId: String(outcome.entityId),
      detail: { ...(outcome.detail as object), via: 'npm run setup' },
      at,
    })
  } else {
    milestoneDeadline = await milestonesRepository.countyDeadline(db)
  }
  // Kept for what the office issues in the county's name (督查专报); the last run's spelling wins.
  await setupRepository.setCountyName(db, county)
  let office = await setupRepository.findOffice(db)
  let created = false
  if (!office) {
    office = await departmentsRepository.insert(db, `${county}清廉企业建设工作领导小组办公室`, true, at)
    created = true
  }
  await setupRepository.revokeOpenCodes(db, office.id, at)
  const code = newAdminCode()
  const expiresAt = isoAt(now + ADMIN_CODE_HOURS * 3600_000)
  await setupRepository.insertCode(db, office.id, adminCodeHash(code), expiresAt, at)
  return { office: { id: office.id, name: office.name, created }, code, expiresAt, milestoneDeadline }
}

/** The signed-in user who redeems a valid code becomes a member of the office (role office). */
export async function redeemAdminCode(
  trx: Trx,
  userId: number,
  code: string,
  now: number,
): Promise<WriteOutcome<TAdminCodeRedeemed>> {
  const at = isoAt(now)
  const claimed = await setupRepository.claim(trx, adminCodeHash(code), userId, at)
  if (!claimed) throw new AppError(404, 'ADMIN_CODE_INVALID')
  const office = await departmentsRepository.findById(trx, claimed.department_id)
  const existing = (await membershipsRepository.listForUser(trx, userId)).find(
    (m) =>
      m.organisationKind === 'department' &&
      m.organisationId === claimed.department_id &&
      m.role === 'office',
  )
  if (!existing)
    await membershipsRepository.insert(
      trx,
      {
        user_id: userId,
        organisation_kind: 'department',
        organisation_id: claimed.department_id,
        role: 'office',
        status: 'approved',
      },
      at,
    )
  return {
    result: { departmentId: claimed.department_id, departmentName: office!.name, role: 'office' },
    entityType: 'admin_code',
    entityId: claimed.id,
    detail: { departmentId: claimed.department_id },
  }
}
