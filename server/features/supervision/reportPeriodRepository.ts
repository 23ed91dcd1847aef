import { type RawBuilder, sql } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'

/**
 * What happened in a 督查专报's period, counted per department (through its supervision links) and over
 * the report's whole reach (合计, each enterprise once). Times are ISO instants in UTC; `fromIso` / `toIso`
 * are the period's 北京时间 bounds (start of its first day, start of the day after its last).
 */
export interface PeriodBounds {
  start: string
  end: string
  fromIso: string
  toIso: string
  /** The days before the period's first and last day: a deadline on them is passed within the period. */
  dayBeforeStart: string
  dayBeforeEnd: string
  campaignId: number | null
}

export const PERIOD_METRICS = ['submitted', 'returned', 'issued', 'closed', 'becameOverdue', 'urged'] as const
export type PeriodMetric = (typeof PERIOD_METRICS)[number]

/** One row per event, naming its enterprise. */
function events(metric: PeriodMetric, b: PeriodBounds): RawBuilder<unknown> {
  const campaign = b.campaignId === null ? sql`` : sql` and a.campaign_id = ${b.campaignId}`
  switch (metric) {
    case 'submitted':
    case 'returned':
      return sql`select a.enterprise_id from assessment_events ev join assessments a on a.id = ev.assessment_id
        where ev.to_status = ${metric} and ev.created_at >= ${b.fromIso} and ev.created_at < ${b.toIso}${campaign}`
    case 'issued':
      return sql`select r.enterprise_id from rectifications r
        where r.created_at >= ${b.fromIso} and r.created_at < ${b.toIso}`
    case 'closed':
      return sql`select r.enterprise_id from rectification_events ev join rectifications r on r.id = ev.rectification_id
        where ev.to_status = 'closed' and ev.created_at >= ${b.fromIso} and ev.created_at < ${b.toIso}`
    case 'becameOverdue':
      // Its deadline (a 北京时间 day, ending at 16:00 UTC) passed in the period before it was handed in.
      return sql`select r.enterprise_id from rectifications r
        where r.deadline >= ${b.dayBeforeStart} and r.deadline <= ${b.dayBeforeEnd}
        and r.created_at < ${b.toIso}
        and not exists (select 1 from rectification_events ev where ev.rectification_id = r.id
          and ev.to_status in ('awaiting_verification', 'closed') and ev.created_at < (r.deadline || 'T16:00:00.000Z'))`
    case 'urged':
      return sql`select u.enterprise_id from urges u where u.day >= ${b.start} and u.day <= ${b.end}`
  }
}

export const reportPeriodRepository = {
  /** Each metric's count per department (linked enterprises) and over `reach` (null: every enterprise). */
  async counts(
    db: DbOrTrx,
    b: PeriodBounds,
    reach: number | null,
  ): Promise<Record<PeriodMetric, { total: number; byDepartment: Map<number, number> }>> {
    const within =
      reach === null
        ? sql``
        : sql` where e.enterprise_id in (select enterprise_id from supervision_links where department_id = ${reach})`
    const entries = await Promise.all(
      PERIOD_METRICS.map(async (metric) => {
        const src = events(metric, b)
        const [total, per] = await Promise.all([
          sql<{ n: number | string }>`select count(*) as n from (${src}) e${within}`.execute(db),
          sql<{ department_id: number; n: number | string }>`select l.department_id, count(*) as n
            from (${src}) e join supervision_links l on l.enterprise_id = e.enterprise_id
            group by l.department_id`.execute(db),
        ])
        const byDepartment = new Map(per.rows.map((r) => [Number(r.department_id), Number(r.n)]))
        return [metric, { total: Number(total.rows[0]?.n ?? 0), byDepartment }] as const
      }),
    )
    return Object.fromEntries(entries) as Record<
      PeriodMetric,
      { total: number; byDepartment: Map<number, number> }
    >
  },

  /** Enterprises whose 自查 was returned in the period (the last return first), within `reach`. */
  async returnedIn(db: DbOrTrx, b: PeriodBounds, reach: number | null, limit: number) {
    const rows = await countsByEnterprise(
      db,
      sql`(${events('returned', b)}) x join enterprises e on e.id = x.enterprise_id where 1 = 1`,
      reach,
      limit,
    )
    return rows.map(({ n, ...r }) => ({ ...r, times: n }))
  },

  /** Enterprises with 整改 overdue at `today` whose deadline fell on or before the period's last day. */
  async overdueBy(db: DbOrTrx, b: PeriodBounds, today: string, reach: number | null, limit: number) {
    const rows = await countsByEnterprise(
      db,
      sql`rectifications r join enterprises e on e.id = r.enterprise_id
      where r.status in ('open', 'returned') and r.deadline < ${today} and r.deadline <= ${b.end}`,
      reach,
      limit,
    )
    return rows.map(({ n, ...r }) => ({ ...r, overdue: n }))
  },
}

/**
 * How many rows of `fromWhere` (joined to enterprises as `e`) each enterprise within `reach` has, by id,
 * `limit` enterprises at most.
 */
async function countsByEnterprise(
  db: DbOrTrx,
  fromWhere: RawBuilder<unknown>,
  reach: number | null,
  limit: number,
) {
  const within =
    reach === null
      ? sql``
      : sql` and e.id in (select enterprise_id from supervision_links where department_id = ${reach})`
  const rows = await sql<{
    id: number
    name: string
    n: number | string
  }>`select e.id, e.name, count(*) as n from ${fromWhere}${within}
    group by e.id, e.name order by e.id limit ${limit}`.execute(db)
  return rows.rows.map((r) => ({ enterpriseId: Number(r.id), name: r.name, n: Number(r.n) }))
}
