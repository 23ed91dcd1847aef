import { sql, type SelectQueryBuilder } from 'kysely'
import { supervisedEnterpriseIds } from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'
import { onePage, type PageRequest } from '../../core/db/page'
import type { Database } from '../../core/db/schema'
import type { TUrgeKind, TWorklist } from '../../../src/models/worklists'
import { enterpriseMatches } from '../../core/db/search'
import { riskAlerting } from '../risks/repository'
import { alertAcknowledged } from '../risks/alertRepository'

/** Whose enterprises a list covers: these departments' (supervision links read now), or all (office). */
export type Reach = { departmentIds: number[] } | 'all'

export interface WorklistFilter {
  reach: Reach
  /** Part of the name or credit code. */
  q?: string
  /** 北京时间 today: what is before it is overdue. */
  today: string
  /** The campaign not_started is about (none open: that list is empty). */
  campaignId: number | null
}

/**
 * The enterprises in reach matching the search, as a subquery of ids (null: every enterprise): the one
 * filter every list and its count apply.
 */
function enterprisesMatching(db: DbOrTrx, filter: WorklistFilter) {
  const q = filter.q?.trim()
  if (filter.reach === 'all' && !q) return null
  let query = db.selectFrom('enterprises').select('id')
  if (filter.reach !== 'all')
    query = query.where('id', 'in', supervisedEnterpriseIds(db, filter.reach.departmentIds))
  if (q) query = query.where((eb) => enterpriseMatches(eb, q))
  return query
}

/** One row of any list (the lists differ in their tables, not in what a row says). */
export interface WorkRow {
  enterprise_id: number
  enterprise_name: string
  credit_code: string
  rectification_id: number | null
  assessment_id: number | null
  risk_id: number | null
  /** risk_alert: the risk's area code and, for 其他, its name (the title is then the post). */
  risk_area: string | null
  risk_area_name: string | null
  title: string
  deadline: string | null
  since: string | null
  status: string
  /** What the list is ordered by, then row_id. */
  sort_key: string
  row_id: number
}
type WorkQuery = SelectQueryBuilder<Database, keyof Database, WorkRow>

const enterpriseColumns = ['e.id as enterprise_id', 'e.name as enterprise_name', 'e.credit_code'] as const
/** The risk columns of the lists that are not about a risk. */
const noRisk = [
  sql<number | null>`null`.as('risk_id'),
  sql<string | null>`null`.as('risk_area'),
  sql<string | null>`null`.as('risk_area_name'),
] as const

/** The leading columns of the lists about a self-assessment (待审核, 未提交自查): its campaign's name the title. */
const assessmentColumns = [
  ...enterpriseColumns,
  sql<number | null>`null`.as('rectification_id'),
  'a.id as assessment_id',
  ...noRisk,
  'c.name as title',
] as const

/** Each list as one query: its rows, and the column it is ordered by (then the row's id). */
function listRows(db: DbOrTrx, list: TWorklist, filter: WorklistFilter): WorkQuery {
  // The branches select the same columns from different tables: one row type for all of them.
  switch (list) {
    case 'overdue':
    case 'verify': {
      let q = db.selectFrom('rectifications as r').innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
      q =
        list === 'overdue'
          ? q.where('r.status', 'in', ['open', 'returned']).where('r.deadline', '<', filter.today)
          : q.where('r.status', '=', 'awaiting_verification')
      return q.select([
        ...enterpriseColumns,
        'r.id as rectification_id',
        sql<number | null>`null`.as('assessment_id'),
        ...noRisk,
        'r.title',
        sql<string | null>`${list === 'overdue' ? sql.ref('r.deadline') : sql`null`}`.as('deadline'),
        sql<string | null>`${list === 'verify' ? sql.ref('r.updated_at') : sql`null`}`.as('since'),
        'r.status',
        sql<string>`${list === 'overdue' ? sql.ref('r.deadline') : sql.ref('r.updated_at')}`.as('sort_key'),
        'r.id as row_id',
      ]) as unknown as WorkQuery
    }
    case 'review':
      return db
        .selectFrom('assessments as a')
        .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
        .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
        .where('a.status', '=', 'submitted')
        .select([
          ...assessmentColumns,
          sql<string | null>`null`.as('deadline'),
          'a.submitted_at as since',
          'a.status',
          sql<string>`coalesce(a.submitted_at, a.updated_at)`.as('sort_key'),
          'a.id as row_id',
        ]) as unknown as WorkQuery
    case 'not_started':
      return db
        .selectFrom('enterprises as e')
        .innerJoin('campaigns as c', (join) => join.on('c.id', '=', filter.campaignId ?? -1))
        .leftJoin('assessments as a', (join) =>
          join.onRef('a.enterprise_id', '=', 'e.id').onRef('a.campaign_id', '=', 'c.id'),
        )
        .where((eb) => eb.or([eb('a.id', 'is', null), eb('a.status', '=', 'draft')]))
        .select([
          ...assessmentColumns,
          'c.due_date as deadline',
          sql<string | null>`null`.as('since'),
          sql<string>`coalesce(a.status, 'none')`.as('status'),
          'e.created_at as sort_key',
          'e.id as row_id',
        ]) as unknown as WorkQuery
    case 'risk_alert':
      // The most overdue review first (a 高 risk not yet due comes after the late ones).
      return db
        .selectFrom('risks as r')
        .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
        .where(riskAlerting(filter.today))
        .select([
          ...enterpriseColumns,
          sql<number | null>`null`.as('rectification_id'),
          sql<number | null>`null`.as('assessment_id'),
          'r.id as risk_id',
          'r.area as risk_area',
          'r.area_name as risk_area_name',
          'r.post as title',
          'r.next_review_date as deadline',
          'r.updated_at as since',
          'r.level as status',
          'r.next_review_date as sort_key',
          'r.id as row_id',
        ]) as unknown as WorkQuery
  }
}

/** A list's rows of the enterprises in reach matching the search, as a table `l`. */
function listQuery(db: DbOrTrx, list: TWorklist, filter: WorklistFilter) {
  const matching = enterprisesMatching(db, filter)
  const rows = db.selectFrom(listRows(db, list, filter).as('l'))
  return matching ? rows.where('l.enterprise_id', 'in', matching) : rows
}

export const worklistRepository = {
  /** The latest campaign still open (the one enterprises are working on now), or undefined. */
  currentCampaign(db: DbOrTrx) {
    return db
      .selectFrom('campaigns')
      .select(['id', 'name', 'due_date'])
      .where('closed_at', 'is', null)
      .orderBy('due_date', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst()
  },

  async count(db: DbOrTrx, list: TWorklist, filter: WorklistFilter): Promise<number> {
    const row = await listQuery(db, list, filter)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  /**
   * Of 风险预警's rows, those the departments in reach have all 阅知 (alertAcknowledged): still listed, counted
   * 已阅知. None for the office.
   */
  async acknowledgedAlerts(db: DbOrTrx, filter: WorklistFilter): Promise<number> {
    if (filter.reach === 'all') return 0
    const acknowledged = db
      .selectFrom('risks as r')
      .select('r.id')
      .where(alertAcknowledged(filter.reach.departmentIds, filter.today))
    const row = await listQuery(db, 'risk_alert', filter)
      .where('l.risk_id', 'in', acknowledged)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  page(
    db: DbOrTrx,
    list: TWorklist,
    filter: WorklistFilter,
    order: 'oldest' | 'newest',
    page: PageRequest,
  ): Promise<WorkRow[]> {
    const direction = order === 'oldest' ? 'asc' : 'desc'
    const query = listQuery(db, list, filter)
      .selectAll()
      .orderBy('sort_key', direction)
      .orderBy('row_id', direction)
    return onePage(query, page).execute()
  },

  /** The latest 催办 of each of these matters, with its 北京时间 day. */
  async latestUrges(db: DbOrTrx, matters: { enterpriseId: number; kind: TUrgeKind; itemId: number }[]) {
    if (matters.length === 0) return []
    return db
      .selectFrom('urges')
      .select([
        'enterprise_id',
        'kind',
        'item_id',
        (eb) => eb.fn.max('created_at').as('at'),
        (eb) => eb.fn.max('day').as('day'),
      ])
      .where((eb) =>
        eb.or(
          matters.map((m) =>
            eb.and([
              eb('enterprise_id', '=', m.enterpriseId),
              eb('kind', '=', m.kind),
              eb('item_id', '=', m.itemId),
            ]),
          ),
        ),
      )
      .groupBy(['enterprise_id', 'kind', 'item_id'])
      .execute()
  },
}
