import type { DbOrTrx } from '../../core/db/database'
import { isOffice, supervisorDepartmentIds, type AuthContext } from '../../core/access'
import { isoAt } from '../../core/clock'
import { AppError, notFound } from '../../core/errors'
import { isDatabaseConflict } from '../../core/errorHandler'
import type { WriteOutcome } from '../../core/writes'
import {
  DEALING_LIST_BASIS,
  DEALING_LIST_KINDS,
  DEALING_LIST_LABELS,
  type TDealingDraftCreate,
  type TDealingItem,
  type TDealingLists,
  type TDealingListKind,
  type TDealingRef,
  type TDealingVersion,
} from '../../../src/models/dealings'
import { dealingsRepository as repo, type DealingVersionRow } from './repository'

/**
 * 政商交往清单 (主要任务10): the office and the 监管员 of the task's 牵头单位 (DEALING_LIST_PUBLISHER_DEPARTMENTS)
 * draft and publish versions; everyone signed in reads them. One version in force per kind is the unique
 * `in_force_kind`; an edit or a publish names the revision it was made on (409 DEALINGS_STALE otherwise).
 */

export async function canPublish(db: DbOrTrx, auth: AuthContext): Promise<boolean> {
  if (isOffice(auth)) return true
  return (await repo.publisherDepartments(db, supervisorDepartmentIds(auth))).length > 0
}

async function requirePublisher(db: DbOrTrx, auth: AuthContext): Promise<void> {
  if (!(await canPublish(db, auth)))
    throw new AppError(403, 'FORBIDDEN', '政商交往清单由县委统战部、县工商联和领导小组办公室发布')
}

function itemsOf(row: DealingVersionRow): TDealingVersion['items'] {
  return (JSON.parse(row.items) as TDealingItem[]).map((i) => ({ text: i.text, basis: i.basis ?? null }))
}

export function versionOf(row: DealingVersionRow): TDealingVersion {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    status: row.version === null ? 'draft' : row.in_force_kind ? 'in_force' : 'superseded',
    items: itemsOf(row),
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  }
}

const storedItems = (items: TDealingItem[]) =>
  JSON.stringify(items.map((i) => ({ text: i.text, basis: i.basis?.trim() ? i.basis.trim() : null })))

export async function lists(db: DbOrTrx, auth: AuthContext): Promise<TDealingLists> {
  const [rows, publisher] = await Promise.all([repo.all(db), canPublish(db, auth)])
  return {
    basis: DEALING_LIST_BASIS,
    canPublish: publisher,
    lists: DEALING_LIST_KINDS.map((kind) => {
      const own = rows.filter((r) => r.kind === kind)
      const current = own.find((r) => r.in_force_kind !== null)
      return {
        kind,
        label: DEALING_LIST_LABELS[kind],
        inForce: current ? versionOf(current) : null,
        history: own
          .filter((r) => r.version !== null)
          .sort((a, b) => b.version! - a.version!)
          .map((r) => ({ id: r.id, version: r.version!, publishedAt: r.published_at })),
        drafts: publisher ? own.filter((r) => r.version === null).map(versionOf) : [],
      }
    }),
  }
}

/** One version: a published one for everyone, a draft only for those who may publish (404 otherwise). */
export async function version(db: DbOrTrx, auth: AuthContext, id: number): Promise<TDealingVersion> {
  const row = await repo.byId(db, id)
  if (!row || (row.version === null && !(await canPublish(db, auth)))) throw notFound()
  return versionOf(row)
}

export async function createDraft(
  db: DbOrTrx,
  auth: AuthContext,
  body: TDealingDraftCreate,
  now: number,
): Promise<WriteOutcome<TDealingVersion>> {
  await requirePublisher(db, auth)
  const at = isoAt(now)
  const id = await repo.insert(db, {
    kind: body.kind,
    version: null,
    items: storedItems(body.items),
    revision: 0,
    in_force_kind: null,
    created_by: auth.user.id,
    created_at: at,
    updated_at: at,
  })
  return outcome(db, id, { kind: body.kind, items: body.items.length })
}

async function staleOrMissing(db: DbOrTrx, id: number): Promise<never> {
  const row = await repo.byId(db, id)
  if (!row) throw notFound()
  if (row.version !== null) throw new AppError(409, 'DEALINGS_PUBLISHED')
  throw new AppError(409, 'DEALINGS_STALE')
}

export async function updateDraft(
  db: DbOrTrx,
  auth: AuthContext,
  id: number,
  body: { items: TDealingItem[]; revision: number },
  now: number,
): Promise<WriteOutcome<TDealingVersion>> {
  await requirePublisher(db, auth)
  if (!(await repo.updateDraft(db, id, body.revision, storedItems(body.items), isoAt(now))))
    await staleOrMissing(db, id)
  return outcome(db, id, { revision: body.revision + 1, items: body.items.length })
}

/**
 * Publishes a draft: it gets the kind's next number and is in force; the version in force before stays,
 * readable. Of two publishes of one kind racing on PostgreSQL, the second finds the first's number or
 * in-force slot taken (unique keys) and is told 409 DEALINGS_PUBLISH_CONFLICT: never two in force.
 */
export async function publish(
  db: DbOrTrx,
  auth: AuthContext,
  id: number,
  revision: number,
  now: number,
): Promise<WriteOutcome<TDealingVersion>> {
  await requirePublisher(db, auth)
  const at = isoAt(now)
  if (!(await repo.claimDraft(db, id, revision, at))) await staleOrMissing(db, id)
  const row = (await repo.byId(db, id))!
  const number = (await repo.lastNumber(db, row.kind)) + 1
  try {
    await repo.retire(db, row.kind)
    await repo.putInForce(db, id, row.kind, number, auth.user.id, at)
  } catch (err) {
    if (isDatabaseConflict(err)) throw new AppError(409, 'DEALINGS_PUBLISH_CONFLICT')
    throw err
  }
  return outcome(db, id, { kind: row.kind, version: number })
}

async function outcome(db: DbOrTrx, id: number, detail: object): Promise<WriteOutcome<TDealingVersion>> {
  return {
    result: versionOf((await repo.byId(db, id))!),
    entityType: 'dealing_list_version',
    entityId: id,
    detail,
    organisation: null,
  }
}

// ---------- what a 政商 pledge records ----------

/** The versions in force now, in the kinds' order: what a 政商 pledge started now is signed under. */
export async function inForceRefs(db: DbOrTrx): Promise<TDealingRef[]> {
  const rows = await repo.inForce(db)
  return refsOf(rows)
}

function refsOf(rows: DealingVersionRow[]): TDealingRef[] {
  const order = (k: TDealingListKind) => DEALING_LIST_KINDS.indexOf(k)
  return rows
    .filter((r) => r.version !== null)
    .sort((a, b) => order(a.kind) - order(b.kind))
    .map((r) => ({ id: r.id, kind: r.kind, version: r.version! }))
}

/** A pledge's stored ids (`pledges.dealing_version_ids`) as the versions they name. */
export async function refsOfIds(db: DbOrTrx, stored: string | null | undefined): Promise<TDealingRef[]> {
  if (!stored) return []
  const ids = (JSON.parse(stored) as unknown[]).filter((x): x is number => typeof x === 'number')
  return refsOf(await repo.byIds(db, ids))
}
