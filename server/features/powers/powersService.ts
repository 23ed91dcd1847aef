import type { DbOrTrx } from '../../core/db/database'
import { AppError, notFound } from '../../core/errors'
import { isoAt } from '../../core/clock'
import { type AuthContext, holdsRole, supervisingDepartments, toDepartmentAck } from '../../core/access'
import type { WriteOutcome } from '../../core/writes'
import { POWERS_KEEPER_ROLES } from '../../../src/models/roles'
import {
  SOE_LEADER_OWNERSHIPS,
  ZPowerListContent,
  type TPowerDraftUpdate,
  type TPowerListContent,
  type TPowerOverview,
  type TPowerVersion,
} from '../../../src/models/powers'
import type { TOwnership } from '../../../src/models/org'
import { powersRepository } from './repository'
import { enterpriseOwnership } from '../organisations/repository'

/** 国企“一把手”权力清单和负面清单 (task 12): a draft kept by the liaison and head, published versions, 已阅. */

export interface PowersContext {
  db: DbOrTrx
  auth: AuthContext
  enterpriseId: number
  now: number
}

const EMPTY: TPowerListContent = { items: [], negatives: [] }
const stale = () => new AppError(409, 'POWERS_STALE')

export const isKeeper = (c: PowersContext) =>
  holdsRole(c.auth, 'enterprise', c.enterpriseId, POWERS_KEEPER_ROLES)

/** The enterprise, if it is a 国企 (国有独资 or 国有控股); any other answers 403 POWERS_NOT_SOE. */
export async function soeEnterprise(db: DbOrTrx, enterpriseId: number) {
  const enterprise = await enterpriseOwnership(db, enterpriseId)
  if (!enterprise) throw notFound()
  if (!(SOE_LEADER_OWNERSHIPS as readonly string[]).includes(enterprise.ownership))
    throw new AppError(403, 'POWERS_NOT_SOE')
  return { ...enterprise, ownership: enterprise.ownership as TOwnership }
}

const parse = (json: string): TPowerListContent => ZPowerListContent.parse(JSON.parse(json))

async function ackRows(db: DbOrTrx, versionIds: number[]) {
  const rows = await powersRepository.acks(db, versionIds)
  return (versionId: number) => rows.filter((r) => r.version_id === versionId).map(toDepartmentAck)
}

export async function powersOverview(c: PowersContext): Promise<TPowerOverview> {
  const enterprise = await soeEnterprise(c.db, c.enterpriseId)
  const keeper = isKeeper(c)
  const [draft, versions] = await Promise.all([
    keeper ? powersRepository.draft(c.db, c.enterpriseId) : undefined,
    powersRepository.versions(c.db, c.enterpriseId),
  ])
  const acksOf = await ackRows(
    c.db,
    versions.map((v) => v.id),
  )
  let updatedByName: string | null = null
  if (draft) {
    const user = await c.db
      .selectFrom('users')
      .select('name')
      .where('id', '=', draft.updated_by)
      .executeTakeFirst()
    updatedByName = user?.name ?? null
  }
  return {
    enterpriseId: enterprise.id,
    enterpriseName: enterprise.name,
    ownership: enterprise.ownership,
    canEdit: keeper,
    draft: !keeper
      ? null
      : draft
        ? {
            revision: draft.revision,
            dirty: draft.dirty === 1,
            content: parse(draft.content),
            updatedAt: draft.updated_at,
            updatedByName,
          }
        : { revision: 0, dirty: false, content: EMPTY, updatedAt: null, updatedByName: null },
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: v.published_at,
      publishedByName: v.published_by_name,
      acks: acksOf(v.id),
    })),
  }
}

/** An edit of the draft on the revision read (stale → 409 POWERS_STALE); the first edit makes the draft. */
export async function updateDraft(
  c: PowersContext,
  input: TPowerDraftUpdate,
): Promise<WriteOutcome<TPowerOverview>> {
  await soeEnterprise(c.db, c.enterpriseId)
  const values = {
    content: JSON.stringify(input.content),
    updated_by: c.auth.user.id,
    updated_at: isoAt(c.now),
  }
  const saved =
    input.revision === 0
      ? await powersRepository.insertDraft(c.db, { enterprise_id: c.enterpriseId, ...values })
      : await powersRepository.updateDraft(c.db, c.enterpriseId, input.revision, values)
  if (!saved) throw stale()
  return {
    result: await powersOverview(c),
    entityType: 'power_list',
    entityId: c.enterpriseId,
    detail: { items: input.content.items.length, negatives: input.content.negatives.length },
  }
}

/**
 * Publishes the draft as the next version (immutable). The revision read must be the draft's and the draft
 * must have changed since the last version: of two publishes at once exactly one makes a version.
 */
export async function publish(c: PowersContext, revision: number): Promise<WriteOutcome<TPowerVersion>> {
  await soeEnterprise(c.db, c.enterpriseId)
  const draft = await powersRepository.draft(c.db, c.enterpriseId)
  if (!draft || draft.revision !== revision) throw stale()
  const content = parse(draft.content)
  if (content.items.length === 0 && content.negatives.length === 0) throw new AppError(409, 'POWERS_EMPTY')
  const version = await powersRepository.claimPublish(c.db, c.enterpriseId, revision)
  if (version === null) {
    const now = await powersRepository.draft(c.db, c.enterpriseId)
    throw now && now.revision === revision ? new AppError(409, 'POWERS_NOTHING_TO_PUBLISH') : stale()
  }
  await powersRepository.insertVersion(c.db, {
    enterprise_id: c.enterpriseId,
    version,
    content: draft.content,
    published_by: c.auth.user.id,
    published_at: isoAt(c.now),
  })
  return {
    result: await versionView(c, version),
    entityType: 'power_list',
    entityId: c.enterpriseId,
    detail: { version, revision },
  }
}

/** The caller's 监管员 departments that supervise this enterprise. */
const ownDepartments = (c: PowersContext) => supervisingDepartments(c.db, c.auth, c.enterpriseId)

export async function versionView(c: PowersContext, number: number): Promise<TPowerVersion> {
  await soeEnterprise(c.db, c.enterpriseId)
  const row = await powersRepository.version(c.db, c.enterpriseId, number)
  if (!row) throw notFound()
  const [acks, departments] = await Promise.all([powersRepository.acks(c.db, [row.id]), ownDepartments(c)])
  const done = new Set(acks.map((a) => a.department_id))
  return {
    version: row.version,
    publishedAt: row.published_at,
    publishedByName: row.published_by_name,
    acks: acks.map(toDepartmentAck),
    content: parse(row.content),
    canAcknowledge: departments.some((d) => !done.has(d)),
  }
}

/** 已阅 of a published version by each of the caller's departments supervising the enterprise (once each). */
export async function acknowledge(c: PowersContext, number: number): Promise<WriteOutcome<TPowerVersion>> {
  await soeEnterprise(c.db, c.enterpriseId)
  const row = await powersRepository.version(c.db, c.enterpriseId, number)
  if (!row) throw notFound()
  const departments = await ownDepartments(c)
  // The office reads but does not acknowledge: only a supervising department does.
  if (departments.length === 0) throw new AppError(403, 'FORBIDDEN')
  await powersRepository.acknowledge(c.db, row.id, departments, c.auth.user.id, isoAt(c.now))
  return {
    result: await versionView(c, number),
    entityType: 'power_list',
    entityId: c.enterpriseId,
    detail: { version: number, departments },
  }
}
