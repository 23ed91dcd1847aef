import { sql, type RawBuilder } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'
import type { TRiskFilter } from '../../../src/models/supervisionOverview'
import { inReach, type FactsParams, type FactsRow } from './factsRepository'

/**
 * 廉洁风险点 over the enterprises in reach: counts of 有效 risk points grouped in SQL, and the condition the
 * enterprises list filters on (`risk=`), the same rule both sides so a figure is its list's total.
 */

/** What a `risk` filter asks of one risk point `k` (有效 always). */
export function riskCondition(filter: TRiskFilter, today: string): RawBuilder<unknown> {
  if (filter === 'overdue') return sql`k.next_review_date < ${today}`
  if (filter.startsWith('area:')) return sql`k.area = ${filter.slice(5)}`
  return sql`k.level = ${filter}`
}

/** An enterprise (`column`) with at least one 有效 risk point matching `filter`. */
export function hasRisk(column: string, filter: TRiskFilter, today: string): RawBuilder<unknown> {
  return sql`exists (select 1 from risks k where k.enterprise_id = ${sql.ref(column)} and k.status = 'active' and ${riskCondition(filter, today)})`
}

/** 有效 risk points of the enterprises in reach (and `departmentId`'s). */
function reach(p: FactsParams, departmentId?: number): RawBuilder<unknown> {
  return sql`k.status = 'active' ${inReach(p, 'k.enterprise_id', departmentId)}`
}

export const riskFactsRepository = {
  /** In all and past review: points and distinct enterprises. */
  async totals(db: DbOrTrx, p: FactsParams, departmentId?: number): Promise<FactsRow> {
    const overdue = sql`k.next_review_date < ${p.today}`
    const { rows } = await sql<FactsRow>`
      select count(*) as points, count(distinct k.enterprise_id) as enterprises,
        sum(case when ${overdue} then 1 else 0 end) as overdue_points,
        count(distinct case when ${overdue} then k.enterprise_id end) as overdue_enterprises
      from risks k where ${reach(p, departmentId)}`.execute(db)
    return rows[0]
  },

  /** Per level or per area: points and distinct enterprises. */
  async grouped(db: DbOrTrx, p: FactsParams, by: 'level' | 'area', departmentId?: number) {
    const { rows } = await sql<{ key: string; points: number | string; enterprises: number | string }>`
      select ${sql.ref(`k.${by}`)} as key, count(*) as points, count(distinct k.enterprise_id) as enterprises
      from risks k where ${reach(p, departmentId)} group by ${sql.ref(`k.${by}`)}`.execute(db)
    return rows
  },

  /** Per supervising department in reach: points and enterprises with a 高 one. */
  async byDepartment(db: DbOrTrx, p: FactsParams) {
    const { rows } = await sql<{ department_id: number; points: number | string; high: number | string }>`
      select l.department_id, count(*) as points,
        count(distinct case when k.level = 'high' then k.enterprise_id end) as high
      from risks k join supervision_links l on l.enterprise_id = k.enterprise_id
      where ${reach(p)} group by l.department_id`.execute(db)
    return rows
  },
}
