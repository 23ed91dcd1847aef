import { type Expression, sql, type SqlBool } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'

/**
 * 已阅知 for these departments: the risk (as `alias`) is an alert they may 阅知 (有效, 高, its review not
 * overdue) and every one of them that supervises its enterprise has 阅知 its current occasion. Never for no
 * department (the office reads the alerts but does not 阅知 them). The one rule of the to-dos and 工作清单.
 */
export function alertAcknowledged(
  departmentIds: readonly number[],
  today: string,
  alias = 'r',
): Expression<SqlBool> {
  if (departmentIds.length === 0) return sql<SqlBool>`(1 = 0)`
  const col = (c: string) => sql.ref(`${alias}.${c}`)
  return sql<SqlBool>`(${col('status')} = 'active' and ${col('level')} = 'high'
    and ${col('next_review_date')} >= ${today}
    and not exists (
      select 1 from supervision_links s
      where s.enterprise_id = ${col('enterprise_id')} and s.department_id in (${sql.join([...departmentIds])})
        and not exists (
          select 1 from risk_alert_acks a
          where a.risk_id = ${col('id')} and a.occasion = ${col('alert_occasion')}
            and a.department_id = s.department_id)))`
}

/** The 阅知 of risks' 风险预警: one row per risk, occasion and department. */
export const riskAlertsRepository = {
  /** The 阅知 of one occasion, the first department's first, with the department's and the user's names. */
  acks(db: DbOrTrx, riskId: number, occasion: number) {
    return db
      .selectFrom('risk_alert_acks as a')
      .innerJoin('departments as d', 'd.id', 'a.department_id')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.department_id', 'd.name as department_name', 'u.name as user_name', 'a.acknowledged_at'])
      .where('a.risk_id', '=', riskId)
      .where('a.occasion', '=', occasion)
      .orderBy('a.id')
      .execute()
  },

  /**
   * 阅知 of the occasion by each of these departments, once (the unique index: a department that already has
   * keeps its first, also when two arrive at once). Answers the departments it recorded now.
   */
  async acknowledge(
    db: DbOrTrx,
    riskId: number,
    occasion: number,
    departmentIds: number[],
    userId: number,
    at: string,
  ): Promise<number[]> {
    if (departmentIds.length === 0) return []
    const rows = await db
      .insertInto('risk_alert_acks')
      .values(
        departmentIds.map((d) => ({
          risk_id: riskId,
          occasion,
          department_id: d,
          user_id: userId,
          acknowledged_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['risk_id', 'occasion', 'department_id']).doNothing())
      .returning('department_id')
      .execute()
    return rows.map((r) => r.department_id)
  },

  /** For 工作清单's rows: each risk's occasion and level, and whether these departments have all 阅知 it. */
  states(db: DbOrTrx, riskIds: number[], departmentIds: readonly number[], today: string) {
    if (riskIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('risks as r')
      .select(['r.id', 'r.alert_occasion', 'r.status', 'r.level', 'r.next_review_date'])
      .select(
        sql<number>`case when ${alertAcknowledged(departmentIds, today)} then 1 else 0 end`.as(
          'acknowledged',
        ),
      )
      .where('r.id', 'in', riskIds)
      .execute()
  },
}
