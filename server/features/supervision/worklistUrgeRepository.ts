import type { Insertable } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'
import { pageWithTotal, type PageRequest } from '../../core/db/page'
import type { UrgeTable } from '../../core/db/schema'
import { riskAlerting } from '../risks/repository'

/** 催办 with who sent them (department or office) and by whom, as the history shows them. */
const urgesWithSenders = (db: DbOrTrx) =>
  db
    .selectFrom('urges as u')
    .innerJoin('users as p', 'p.id', 'u.created_by')
    .leftJoin('departments as d', 'd.id', 'u.department_id')

const URGE_COLUMNS = [
  'u.id',
  'u.enterprise_id',
  'u.department_id',
  'u.kind',
  'u.item_id',
  'u.note',
  'u.created_by',
  'u.created_at',
  'p.name as created_by_name',
  'd.name as department_name',
] as const

const urgeRows = (db: DbOrTrx) => urgesWithSenders(db).select(URGE_COLUMNS)

export type UrgeRow = Awaited<ReturnType<ReturnType<typeof urgeRows>['execute']>>[number]

export const urgeRepository = {
  /** One 催办; null when the matter was already reminded that day (the unique index decides, also in a race). */
  async insert(db: DbOrTrx, row: Insertable<UrgeTable>): Promise<number | null> {
    const inserted = await db
      .insertInto('urges')
      .values(row)
      .onConflict((oc) => oc.columns(['enterprise_id', 'kind', 'item_id', 'day']).doNothing())
      .returning('id')
      .executeTakeFirst()
    return inserted?.id ?? null
  },

  byId(db: DbOrTrx, id: number) {
    return urgeRows(db).where('u.id', '=', id).executeTakeFirstOrThrow()
  },

  /** One enterprise's 催办, newest first. */
  page(db: DbOrTrx, enterpriseId: number, page: PageRequest) {
    return pageWithTotal(
      urgesWithSenders(db).where('u.enterprise_id', '=', enterpriseId),
      (q) => q.select(URGE_COLUMNS).orderBy('u.id', 'desc'),
      page,
    )
  },

  /** The first of these departments that supervises the enterprise (the one a 催办 is sent for). */
  async supervisingDepartment(db: DbOrTrx, departmentIds: number[], enterpriseId: number) {
    if (departmentIds.length === 0) return null
    const link = await db
      .selectFrom('supervision_links')
      .select('department_id')
      .where('department_id', 'in', departmentIds)
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('department_id')
      .executeTakeFirst()
    return link?.department_id ?? null
  },

  /** Whether the enterprise's risk is under 风险预警 today; undefined when it has no such risk. */
  async riskAlerting(db: DbOrTrx, enterpriseId: number, riskId: number, today: string) {
    const row = await db
      .selectFrom('risks as r')
      .select((eb) => eb.case().when(riskAlerting(today)).then(1).else(0).end().as('alerting'))
      .where('r.id', '=', riskId)
      .where('r.enterprise_id', '=', enterpriseId)
      .executeTakeFirst()
    return row && Number(row.alerting) === 1
  },

  /** The enterprise's approved 联络员 (who find a 催办 in 任务). */
  async liaisonCount(db: DbOrTrx, enterpriseId: number): Promise<number> {
    const { n } = await db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('organisation_kind', '=', 'enterprise')
      .where('organisation_id', '=', enterpriseId)
      .where('role', '=', 'liaison')
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow()
    return Number(n)
  },

  /**
   * The 催办 of these enterprises whose matter the enterprise still owes: the 整改 is still to do (待整改 /
   * 被退回), the campaign is open and its self-assessment not submitted, or the risk is still under 风险预警
   * (北京时间 `today`). Newest first; what is done drops out by itself. Each with what its to-do names.
   */
  stillOwed(db: DbOrTrx, enterpriseIds: number[], today: string) {
    if (enterpriseIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('urges as u')
      .innerJoin('enterprises as e', 'e.id', 'u.enterprise_id')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .leftJoin('rectifications as r', (join) =>
        join.onRef('r.id', '=', 'u.item_id').on('u.kind', '=', 'rectification'),
      )
      .leftJoin('campaigns as c', (join) =>
        join.onRef('c.id', '=', 'u.item_id').on('u.kind', '=', 'campaign'),
      )
      .leftJoin('assessments as a', (join) =>
        join.onRef('a.campaign_id', '=', 'c.id').onRef('a.enterprise_id', '=', 'u.enterprise_id'),
      )
      .leftJoin('risks as k', (join) =>
        join
          .onRef('k.id', '=', 'u.item_id')
          .onRef('k.enterprise_id', '=', 'u.enterprise_id')
          .on('u.kind', '=', 'risk'),
      )
      .where('u.enterprise_id', 'in', enterpriseIds)
      .where((eb) =>
        eb.or([
          eb.and([eb('u.kind', '=', 'rectification'), eb('r.status', 'in', ['open', 'returned'])]),
          eb.and([
            eb('u.kind', '=', 'campaign'),
            eb('c.closed_at', 'is', null),
            eb.or([eb('a.id', 'is', null), eb('a.status', 'in', ['draft', 'returned'])]),
          ]),
          eb.and([eb('u.kind', '=', 'risk'), riskAlerting(today, 'k')]),
        ]),
      )
      .select([
        'u.id',
        'u.kind',
        'u.item_id',
        'u.enterprise_id',
        'u.note',
        'e.name as enterprise_name',
        'd.name as department_name',
        'r.title as rectification_title',
        'r.deadline',
        'c.name as campaign_name',
        'c.due_date',
        'a.id as assessment_id',
        'k.area as risk_area',
        'k.area_name as risk_area_name',
        'k.post as risk_post',
        'k.next_review_date as risk_review_date',
      ])
      .orderBy('u.id', 'desc')
      .execute()
  },
}
