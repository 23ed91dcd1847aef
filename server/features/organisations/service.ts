import crypto from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import type { DbOrTrx, Dialect } from '../../core/db/database'
import { AppError, notFound } from '../../core/errors'
import { type AuthContext, isOffice, supervisorDepartmentIds } from '../../core/access'
import {
  type TEnterprise,
  type TEnterpriseRole,
  type TEnterpriseUpdate,
  ZEnterpriseCreate,
} from '../../../src/models/org'
import type { TInvite } from '../../../src/models/invite'
import type { z } from 'zod'
import { branchesRepository, departmentsRepository, enterprisesRepository, toPartyBranch } from './repository'
import { inviteMaxUses, invitesRepository, toInvite } from './invitesRepository'
import { membershipsRepository } from './membershipsRepository'
import { departmentInService } from './departments'
import { joinOpenCampaigns } from './openCampaigns'
import type { WriteOutcome } from '../../core/writes'
import { isoAt } from '../../core/clock'

type Trx = Transaction<Database>

/** The enterprises a user may see in lists: all for the office, supervised ones, and their own. */
export function listVisibleEnterprises(db: DbOrTrx, auth: AuthContext): Promise<TEnterprise[]> {
  if (isOffice(auth)) return enterprisesRepository.list(db, { all: true })
  const departmentIds = supervisorDepartmentIds(auth)
  const enterpriseIds = [
    ...new Set(
      auth.memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id),
    ),
  ]
  return enterprisesRepository.list(db, { departmentIds, enterpriseIds })
}

/**
 * The departments a new enterprise is to be supervised by: each one there (else 400 on its field) and in
 * service, its row locked for the transaction (as a link made later is): a retirement waits for this
 * registration and then removes its link too, or went first and this answers 409 DEPARTMENT_RETIRED.
 */
async function departmentsInService(trx: Trx, ids: number[]) {
  for (const [index, id] of ids.entries()) {
    const path = `supervisingDepartmentIds.${index}`
    if (!(await departmentsRepository.findById(trx, id)))
      throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path, message: '监管部门不存在' }])
    if (!(await departmentsRepository.lockInService(trx, id)))
      throw new AppError(409, 'DEPARTMENT_RETIRED', undefined, [{ path, message: '该部门已撤销' }])
  }
}

export async function createEnterprise(
  trx: Trx,
  input: z.output<typeof ZEnterpriseCreate>,
  actorId: number,
  now: number,
  dialect: Dialect,
): Promise<WriteOutcome<TEnterprise>> {
  const at = isoAt(now)
  // Checked by the insert itself: of two registrations of one code at once, the second finds it taken.
  const row = await enterprisesRepository.insertIfCreditCodeFree(trx, input, at)
  if (!row)
    throw new AppError(409, 'CREDIT_CODE_TAKEN', undefined, [
      { path: 'creditCode', message: '该统一社会信用代码已登记' },
    ])
  await departmentsInService(trx, input.supervisingDepartmentIds)
  for (const departmentId of input.supervisingDepartmentIds)
    await enterprisesRepository.link(trx, departmentId, row.id, at)
  await joinOpenCampaigns(trx, dialect, [row.id], actorId, at)
  const enterprise = await enterprisesRepository.get(trx, row.id)
  return {
    result: enterprise!,
    entityType: 'enterprise',
    entityId: row.id,
    detail: { creditCode: row.credit_code },
    organisation: { kind: 'enterprise', id: row.id },
  }
}

export async function updateEnterprise(
  trx: Trx,
  id: number,
  input: TEnterpriseUpdate,
  now: number,
): Promise<WriteOutcome<TEnterprise>> {
  await enterprisesRepository.update(
    trx,
    id,
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.ownership !== undefined ? { ownership: input.ownership } : {}),
      ...(input.partyOrg !== undefined ? { party_org: input.partyOrg } : {}),
      ...(input.industry !== undefined ? { industry: input.industry } : {}),
    },
    isoAt(now),
  )
  const enterprise = await enterprisesRepository.get(trx, id)
  return { result: enterprise!, entityType: 'enterprise', entityId: id, detail: input }
}

export async function linkSupervisor(
  trx: Trx,
  enterpriseId: number,
  departmentId: number,
  now: number,
): Promise<WriteOutcome<TEnterprise>> {
  await departmentInService(trx, departmentId)
  await enterprisesRepository.link(trx, departmentId, enterpriseId, isoAt(now))
  const enterprise = await enterprisesRepository.get(trx, enterpriseId)
  return { result: enterprise!, entityType: 'supervision_link', entityId: `${departmentId}:${enterpriseId}` }
}

export async function createBranch(
  trx: Trx,
  enterpriseId: number,
  input: { name: string; secretaryUserId?: number | null },
  now: number,
) {
  const enterprise = await enterprisesRepository.get(trx, enterpriseId)
  if (!enterprise) throw notFound()
  if (enterprise.partyOrg === 'none') {
    throw new AppError(400, 'VALIDATION_FAILED', '该企业未设立党组织，请先在企业资料中填写党组织情况')
  }
  if (input.secretaryUserId) {
    const member = await membershipsRepository.findExisting(
      trx,
      input.secretaryUserId,
      'enterprise',
      enterpriseId,
      'branch_secretary',
    )
    if (!member || member.status !== 'approved') {
      throw new AppError(400, 'VALIDATION_FAILED', undefined, [
        { path: 'secretaryUserId', message: '支部书记须为本企业已审核的支部书记成员' },
      ])
    }
  }
  const row = await branchesRepository.insert(trx, { enterpriseId, ...input }, isoAt(now))
  return { result: toPartyBranch(row), entityType: 'party_branch', entityId: row.id }
}

// Unambiguous characters only: no 0/O, 1/I/L.
const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export function newInviteCode(): string {
  const bytes = crypto.randomBytes(8)
  return Array.from(bytes, (b) => INVITE_ALPHABET[b % INVITE_ALPHABET.length]).join('')
}

/**
 * An enterprise's invite code. Its liaison invites 职工 / 负责人 / 支部书记; the office also invites the
 * liaison (the enterprise's first one, or a new one).
 */
export async function createInvite(
  trx: Trx,
  auth: AuthContext,
  enterpriseId: number,
  input: {
    role: TEnterpriseRole
    expiresInDays: number
    maxUses?: number
  },
  now: number,
): Promise<WriteOutcome<TInvite>> {
  if (!(await enterprisesRepository.get(trx, enterpriseId))) throw notFound()
  if (input.role === 'liaison' && !isOffice(auth))
    throw new AppError(
      403,
      'INVITE_ROLE_NOT_ALLOWED',
      '联络员邀请码由领导小组办公室生成；移交联络员请用「移交联络员」',
    )
  const expiresAt = isoAt(now + input.expiresInDays * 86_400_000)
  const row = await invitesRepository.insert(
    trx,
    {
      code: newInviteCode(),
      enterpriseId,
      role: input.role,
      createdBy: auth.user.id,
      expiresAt,
      maxUses: inviteMaxUses(input.role, input.maxUses, 50),
    },
    isoAt(now),
  )
  return { result: toInvite(row), entityType: 'invite', entityId: row.id, detail: { role: row.role } }
}
