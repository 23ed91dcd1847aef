import type { DbOrTrx } from '../../core/db/database'
import { isOffice, supervisorDepartmentIds, type AuthContext } from '../../core/access'
import { AppError, found, invalid, notFound } from '../../core/errors'
import { isoAt } from '../../core/clock'
import type { WriteOutcome } from '../../core/writes'
import { OWNERSHIP_LABELS, type TOwnership } from '../../../src/models/org'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import {
  specialBasis,
  specialProgress,
  type TSpecial,
  type TSpecialCompletion,
  type TSpecialCreate,
  type TSpecialDetail,
  type TSpecialList,
  type TSpecialUpdate,
} from '../../../src/models/special'
import { specialsRepository, type SpecialRow } from './repository'

/**
 * 专项整治 as its issuer sees it (task 13: 列出企业突出问题清单，开展专项整治): open one over a scope fixed
 * at that moment, edit or close it, and follow each enterprise's list. The office reads every one; a
 * department only its own (another's answers 404 like a missing one); only the issuer writes.
 */

export interface SpecialWrite {
  db: DbOrTrx
  auth: AuthContext
  now: number
}

export function toSpecial(row: SpecialRow, today: string): TSpecial {
  const basis = specialBasis(row.basis)
  return {
    id: row.id,
    title: row.title,
    basis: row.basis as TSpecial['basis'],
    basisLabel: basis?.label ?? row.basis,
    basisQuote: basis?.quote ?? '',
    description: row.description,
    deadline: row.deadline,
    overdue: row.status === 'open' && row.deadline < today,
    status: row.status,
    issuerName: row.issuer_name,
    byOffice: row.by_office === 1,
    scopeLabel: row.scope_label,
    version: row.version,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  }
}

function officeDepartmentId(auth: AuthContext): number | undefined {
  return auth.memberships.find((m) => m.role === 'office' && m.organisation_kind === 'department')
    ?.organisation_id
}

/** Whether the caller reads this 专项整治 (write: issues it); anyone else is told it does not exist. */
function reaches(auth: AuthContext, row: SpecialRow, write: boolean): boolean {
  if (row.by_office === 1) return isOffice(auth)
  if (!write && isOffice(auth)) return true
  return supervisorDepartmentIds(auth).includes(row.department_id)
}

export async function loadSpecial(db: DbOrTrx, auth: AuthContext, id: number, write = false) {
  const row = await found(specialsRepository.find(db, id))
  if (!reaches(auth, row, write)) throw notFound()
  return row
}

async function detailOf(
  db: DbOrTrx,
  auth: AuthContext,
  row: SpecialRow,
  now: number,
): Promise<TSpecialDetail> {
  return {
    ...toSpecial(row, shanghaiDate(now)),
    counts: await specialsRepository.counts(db, row.id),
    canManage: reaches(auth, row, true),
  }
}

export async function specialDetail(db: DbOrTrx, auth: AuthContext, id: number, now: number) {
  return detailOf(db, auth, await loadSpecial(db, auth, id), now)
}

export async function listSpecials(
  db: DbOrTrx,
  auth: AuthContext,
  query: { page: number; pageSize: number; q?: string },
  now: number,
): Promise<TSpecialList> {
  const departments = isOffice(auth) ? 'all' : supervisorDepartmentIds(auth)
  const { rows, total } = await specialsRepository.page(db, departments, query.q, query.page, query.pageSize)
  const items = await Promise.all(rows.map((r) => detailOf(db, auth, r, now)))
  return { items, total, page: query.page, pageSize: query.pageSize }
}

/**
 * A write's answer: the 专项整治 as it now stands, under its issuing department, with the audit `detail`
 * the write names (from that answer where it needs it).
 */
async function written(
  w: SpecialWrite,
  id: number,
  detail: (result: TSpecialDetail) => Record<string, unknown>,
): Promise<WriteOutcome<TSpecialDetail>> {
  const row = await found(specialsRepository.find(w.db, id))
  const result = await detailOf(w.db, w.auth, row, w.now)
  return {
    result,
    entityType: 'special',
    entityId: id,
    detail: detail(result),
    organisation: { kind: 'department', id: row.department_id },
  }
}

/** Who opens it: the named department (the caller supervises in it), else the office, else the caller's one department. */
function opener(auth: AuthContext, departmentId: number | undefined) {
  const supervising = supervisorDepartmentIds(auth)
  if (departmentId !== undefined) {
    if (!supervising.includes(departmentId)) throw new AppError(403, 'FORBIDDEN')
    return { departmentId, byOffice: false }
  }
  const office = officeDepartmentId(auth)
  if (office !== undefined) return { departmentId: office, byOffice: true }
  if (supervising.length === 1) return { departmentId: supervising[0]!, byOffice: false }
  throw invalid('departmentId', '请选择以哪个部门的名义开展')
}

export async function openSpecial(
  w: SpecialWrite,
  input: TSpecialCreate,
): Promise<WriteOutcome<TSpecialDetail>> {
  const today = shanghaiDate(w.now)
  if (input.deadline < today) throw invalid('deadline', '截止日期不能早于今天')
  const who = opener(w.auth, input.departmentId)
  const reach = who.byOffice ? null : who.departmentId
  const scope = input.scope
  let ids: number[]
  let scopeLabel: string
  if (scope.kind === 'list') {
    ids = await specialsRepository.inReach(w.db, reach, { ids: scope.enterpriseIds })
    if (ids.length !== scope.enterpriseIds.length)
      throw invalid('scope.enterpriseIds', '所选企业中有不在本部门监管范围内的企业')
    scopeLabel = `指定企业${ids.length}家`
  } else {
    ids = await specialsRepository.inReach(w.db, reach, { ownerships: scope.ownerships })
    scopeLabel = `${scope.ownerships.map((o: TOwnership) => OWNERSHIP_LABELS[o]).join('、')}企业${ids.length}家`
  }
  if (ids.length === 0) throw new AppError(400, 'SPECIAL_SCOPE_EMPTY')
  const at = isoAt(w.now)
  const id = await specialsRepository.insert(w.db, {
    title: input.title,
    basis: input.basis,
    description: input.description,
    deadline: input.deadline,
    status: 'open',
    department_id: who.departmentId,
    by_office: who.byOffice ? 1 : 0,
    scope_label: scopeLabel,
    version: 1,
    created_by: w.auth.user.id,
    created_at: at,
    updated_at: at,
    closed_at: null,
  })
  await specialsRepository.fixScope(w.db, id, ids)
  return written(w, id, () => ({ basis: input.basis, enterprises: ids.length }))
}

const stale = () => new AppError(409, 'SPECIAL_STALE')

export async function updateSpecial(
  w: SpecialWrite,
  id: number,
  input: TSpecialUpdate,
): Promise<WriteOutcome<TSpecialDetail>> {
  const current = await loadSpecial(w.db, w.auth, id, true)
  if (current.version !== input.version) throw stale()
  if (current.status !== 'open') throw new AppError(409, 'SPECIAL_CLOSED')
  if (input.deadline < shanghaiDate(w.now) && input.deadline !== current.deadline)
    throw invalid('deadline', '截止日期不能早于今天')
  const changes = {
    title: input.title,
    description: input.description,
    deadline: input.deadline,
    updated_at: isoAt(w.now),
  }
  if (!(await specialsRepository.update(w.db, id, input.version, changes))) throw stale()
  return written(w, id, () => ({ deadline: input.deadline }))
}

/** Closes it on the version read: from then on the lists are kept as they stand. */
export async function closeSpecial(
  w: SpecialWrite,
  id: number,
  version: number,
): Promise<WriteOutcome<TSpecialDetail>> {
  const current = await loadSpecial(w.db, w.auth, id, true)
  if (current.status !== 'open') throw new AppError(409, 'SPECIAL_CLOSED')
  if (current.version !== version) throw stale()
  const at = isoAt(w.now)
  if (
    !(await specialsRepository.update(w.db, id, version, { status: 'closed', closed_at: at, updated_at: at }))
  )
    throw stale()
  return written(w, id, (result) => ({ counts: result.counts }))
}

export async function specialCompletion(
  db: DbOrTrx,
  auth: AuthContext,
  id: number,
  query: { page: number; pageSize: number; q?: string; progress?: 'unreported' | 'in_progress' | 'done' },
  now: number,
): Promise<TSpecialCompletion> {
  const row = await loadSpecial(db, auth, id)
  const late = row.deadline < shanghaiDate(now)
  const [page, counts] = await Promise.all([
    specialsRepository.completion(db, id, query, query.page, query.pageSize),
    specialsRepository.counts(db, id),
  ])
  return {
    items: page.rows.map((r) => {
      const progress = specialProgress(r.reported_at !== null, r.problems, r.done)
      return {
        enterpriseId: r.enterprise_id,
        enterpriseName: r.name,
        ownership: r.ownership as TOwnership,
        progress,
        problems: r.problems,
        problemsDone: r.done,
        overdue: late && progress !== 'done',
        reportedAt: r.reported_at,
      }
    }),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
    counts,
  }
}
