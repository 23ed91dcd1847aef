import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely'
import { changedOne, type DbOrTrx } from '../../core/db/database'
import { findRow, updateAtVersion } from '../../core/db/rows'
import type {
  Database,
  SpecialCampaignTable,
  SpecialProblemTable,
  SpecialScopeTable,
} from '../../core/db/schema'
import { pageWithTotal } from '../../core/db/page'
import { enterpriseMatches } from '../../core/db/search'
import { supervisedEnterpriseIds } from '../../core/access'
import type { TOwnership } from '../../../src/models/org'

export type SpecialRow = Selectable<SpecialCampaignTable> & { issuer_name: string }
export type ProblemRow = Selectable<SpecialProblemTable>
type Progress = 'unreported' | 'in_progress' | 'done'
/** Expressions over the scope row `s` (casts below: Kysely's builder types do not widen to a join). */
type Scope = ExpressionBuilder<Database & { s: SpecialScopeTable }, 's'>

/** A problem of that list still 整改中. */
const openProblem = (eb: Scope) =>
  eb.exists(
    eb
      .selectFrom('special_problems as p')
      .select('p.id')
      .whereRef('p.special_id', '=', 's.special_id')
      .whereRef('p.enterprise_id', '=', 's.enterprise_id')
      .where('p.status', '=', 'in_progress'),
  )

function progressIs(eb: Scope, progress: Progress) {
  if (progress === 'unreported') return eb('s.reported_at', 'is', null)
  const open = openProblem(eb)
  return eb.and([eb('s.reported_at', 'is not', null), progress === 'in_progress' ? open : eb.not(open)])
}

const countOf = (eb: Scope, status?: 'done') => {
  let q = eb
    .selectFrom('special_problems as p')
    .select((x) => x.fn.countAll<number | string>().as('n'))
    .whereRef('p.special_id', '=', 's.special_id')
    .whereRef('p.enterprise_id', '=', 's.enterprise_id')
  if (status) q = q.where('p.status', '=', status)
  return q
}

/** 专项整治, their fixed scope and the enterprises' problem lists. */
export const specialsRepository = {
  async insert(db: DbOrTrx, values: Omit<Insertable<SpecialCampaignTable>, 'id' | 'writes'>) {
    const row = await db
      .insertInto('special_campaigns')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  },

  /** The enterprises within reach of the opener (a department's supervised ones, or all for the office). */
  reach(db: DbOrTrx, departmentId: number | null) {
    let q = db.selectFrom('enterprises').select(['id', 'name', 'ownership'])
    if (departmentId !== null) q = q.where('id', 'in', supervisedEnterpriseIds(db, departmentId))
    return q
  },

  async inReach(
    db: DbOrTrx,
    departmentId: number | null,
    by: { ownerships: TOwnership[] } | { ids: number[] },
  ): Promise<number[]> {
    let q = this.reach(db, departmentId)
    q = 'ids' in by ? q.where('id', 'in', by.ids) : q.where('ownership', 'in', by.ownerships)
    return (await q.orderBy('id').execute()).map((r) => r.id)
  },

  async fixScope(db: DbOrTrx, specialId: number, enterpriseIds: number[]) {
    for (let i = 0; i < enterpriseIds.length; i += 500)
      await db
        .insertInto('special_scope')
        .values(enterpriseIds.slice(i, i + 500).map((id) => ({ special_id: specialId, enterprise_id: id })))
        .execute()
  },

  find(db: DbOrTrx, id: number): Promise<SpecialRow | undefined> {
    return db
      .selectFrom('special_campaigns as c')
      .innerJoin('departments as d', 'd.id', 'c.department_id')
      .selectAll('c')
      .select('d.name as issuer_name')
      .where('c.id', '=', id)
      .executeTakeFirst()
  },

  /** The issuer's 专项整治 (every one for `departments` 'all'), newest first, by title. */
  async page(db: DbOrTrx, departments: number[] | 'all', q: string | undefined, page: number, size: number) {
    let query = db
      .selectFrom('special_campaigns as c')
      .innerJoin('departments as d', 'd.id', 'c.department_id')
    if (departments !== 'all')
      query = departments.length
        ? query.where('c.department_id', 'in', departments)
        : query.where(sql.lit(false))
    if (q) query = query.where((eb) => eb(eb.fn('lower', ['c.title']), 'like', `%${q.toLowerCase()}%`))
    const newestFirst = (q: typeof query) =>
      q.selectAll('c').select('d.name as issuer_name').orderBy('c.id', 'desc')
    const found = await pageWithTotal(query, newestFirst, { page, pageSize: size })
    return found as { rows: SpecialRow[]; total: number }
  },

  /** Applies `changes` on the version read and moves it on; false when someone else moved it first. */
  async update(db: DbOrTrx, id: number, version: number, changes: Updateable<SpecialCampaignTable>) {
    return updateAtVersion(db, 'special_campaigns', { id }, version, changes)
  },

  /**
   * A list's write takes its turn on the 专项整治's row, on the condition it is still open: a close waits
   * for it or it finds the 专项整治 closed (false). Nothing else reads `writes`.
   */
  async whileOpen(db: DbOrTrx, id: number): Promise<boolean> {
    return changedOne(
      db
        .updateTable('special_campaigns')
        .set((eb) => ({ writes: eb('writes', '+', 1) }))
        .where('id', '=', id)
        .where('status', '=', 'open'),
    )
  },

  scopeRow(db: DbOrTrx, specialId: number, enterpriseId: number) {
    return findRow(db, 'special_scope', { special_id: specialId, enterprise_id: enterpriseId })
  },

  /** The first report of the list (a problem, or 无突出问题); true only for the write that made it. */
  async markReported(db: DbOrTrx, specialId: number, enterpriseId: number, at: string) {
    return changedOne(
      db
        .updateTable('special_scope')
        .set({ reported_at: at })
        .where('special_id', '=', specialId)
        .where('enterprise_id', '=', enterpriseId)
        .where('reported_at', 'is', null),
    )
  },

  /** Counts over the whole scope: by state, and the problems. */
  async counts(db: DbOrTrx, specialId: number) {
    const [scope, problems] = await Promise.all([
      db
        .selectFrom('special_scope as s')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('enterprises'),
          eb.fn
            .sum<number | string>(eb.case().when('s.reported_at', 'is', null).then(1).else(0).end())
            .as('unreported'),
          eb.fn
            .sum<number | string>(
              eb
                .case()
                .when(progressIs(eb as unknown as Scope, 'in_progress'))
                .then(1)
                .else(0)
                .end(),
            )
            .as('in_progress'),
        ])
        .where('s.special_id', '=', specialId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('special_problems')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('problems'),
          eb.fn.sum<number | string>(eb.case().when('status', '=', 'done').then(1).else(0).end()).as('done'),
        ])
        .where('special_id', '=', specialId)
        .executeTakeFirstOrThrow(),
    ])
    const enterprises = Number(scope.enterprises)
    const unreported = Number(scope.unreported ?? 0)
    const inProgress = Number(scope.in_progress ?? 0)
    return {
      enterprises,
      unreported,
      inProgress,
      done: enterprises - unreported - inProgress,
      problems: Number(problems.problems),
      problemsDone: Number(problems.done ?? 0),
    }
  },

  /** One page of the completion: 未填报 first, then 整改中, then 已完成, by name. */
  async completion(
    db: DbOrTrx,
    specialId: number,
    filter: { q?: string; progress?: Progress },
    page: number,
    size: number,
  ) {
    let query = db
      .selectFrom('special_scope as s')
      .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .where('s.special_id', '=', specialId)
    if (filter.q) {
      const q = filter.q
      query = query.where((eb) => enterpriseMatches(eb as never, q))
    }
    if (filter.progress) {
      const progress = filter.progress
      query = query.where((eb) => progressIs(eb as unknown as Scope, progress))
    }
    const { rows, total } = await pageWithTotal(
      query,
      (q) =>
        q
          .select(['s.enterprise_id', 's.reported_at', 'e.name', 'e.ownership'])
          .select((eb) => [
            countOf(eb as unknown as Scope).as('problems'),
            countOf(eb as unknown as Scope, 'done').as('done'),
          ])
          .orderBy((eb) =>
            eb
              .case()
              .when('s.reported_at', 'is', null)
              .then(0)
              .when(openProblem(eb as unknown as Scope))
              .then(1)
              .else(2)
              .end(),
          )
          .orderBy('e.name')
          .orderBy('e.id'),
      { page, pageSize: size },
    )
    return { rows: rows.map((r) => ({ ...r, problems: Number(r.problems), done: Number(r.done) })), total }
  },

  /** The 专项整治 this enterprise is in, newest first, with its list's state. */
  async ofEnterprise(db: DbOrTrx, enterpriseId: number) {
    const rows = await db
      .selectFrom('special_scope as s')
      .innerJoin('special_campaigns as c', 'c.id', 's.special_id')
      .innerJoin('departments as d', 'd.id', 'c.department_id')
      .selectAll('c')
      .select(['d.name as issuer_name', 's.reported_at'])
      .select((eb) => [
        countOf(eb as unknown as Scope).as('problems'),
        countOf(eb as unknown as Scope, 'done').as('done'),
      ])
      .where('s.enterprise_id', '=', enterpriseId)
      .orderBy('c.id', 'desc')
      .execute()
    return rows.map((r) => ({ ...r, problems: Number(r.problems), done: Number(r.done) }))
  },

  problems(db: DbOrTrx, specialId: number, enterpriseId: number): Promise<ProblemRow[]> {
    return db
      .selectFrom('special_problems')
      .selectAll()
      .where('special_id', '=', specialId)
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('id')
      .execute()
  },

  history(db: DbOrTrx, problemIds: number[]) {
    if (problemIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('special_problem_history as h')
      .leftJoin('users as u', 'u.id', 'h.actor_id')
      .select(['h.problem_id', 'h.kind', 'h.note', 'h.status', 'h.created_at', 'u.name'])
      .where('h.problem_id', 'in', problemIds)
      .orderBy('h.id')
      .execute()
  },

  findProblem(db: DbOrTrx, specialId: number, enterpriseId: number, id: number) {
    return findRow(db, 'special_problems', { id, special_id: specialId, enterprise_id: enterpriseId })
  },

  async insertProblem(db: DbOrTrx, values: Omit<Insertable<SpecialProblemTable>, 'id'>) {
    const row = await db
      .insertInto('special_problems')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  },

  async updateProblem(db: DbOrTrx, id: number, version: number, changes: Updateable<SpecialProblemTable>) {
    return updateAtVersion(db, 'special_problems', { id }, version, changes)
  },

  async record(
    db: DbOrTrx,
    problemId: number,
    entry: { kind: 'created' | 'edited' | 'note'; note: string | null; status: ProblemRow['status'] | null },
    actor: number,
    at: string,
  ) {
    await db
      .insertInto('special_problem_history')
      .values({ problem_id: problemId, ...entry, actor_id: actor, created_at: at })
      .execute()
  },

  /** Open 专项整治 whose list these enterprises (their liaisons') have not reported yet. */
  unreported(db: DbOrTrx, enterpriseIds: number[]) {
    return db
      .selectFrom('special_scope as s')
      .innerJoin('special_campaigns as c', 'c.id', 's.special_id')
      .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .select(['c.id', 'c.title', 'c.deadline', 's.enterprise_id', 'e.name as enterprise_name'])
      .where('s.enterprise_id', 'in', enterpriseIds)
      .where('s.reported_at', 'is', null)
      .where('c.status', '=', 'open')
      .execute()
  },
}
