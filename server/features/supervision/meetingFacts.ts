import { sql, type RawBuilder } from 'kysely'
import { MEETING_RULES, periodsOfYear, type TPeriodKind } from '../../../src/models/meetingCompliance'
import { shanghaiYear } from '../../../src/models/shanghaiTime'

/**
 * 三会一课 完成率 per enterprise in SQL, the rule of `computeCompliance` (meetingCompliance.ts) summed over
 * its branches: for each rule and period of this year (党小组会: per group), a cell counts as required once
 * it has ended after the branch (or group) was set up, or once it is done; done when a submitted record of
 * that type, with someone present (a record nobody attended is not counted), falls in it. The periods come from the rules as literals (44 of them), so the database only
 * walks this year's records once and each branch and group once: no cell per branch is materialised.
 * Every instant is an ISO string (UTC, `toISOString`), compared as text.
 */

interface RulePeriod {
  type: string
  kind: TPeriodKind
  perGroup: boolean
  start: string
  end: string
}

function rulePeriods(year: number): RulePeriod[] {
  return MEETING_RULES.flatMap((rule) =>
    periodsOfYear(year, rule.period).map((p) => ({
      type: rule.type,
      kind: rule.period,
      perGroup: rule.perGroup,
      start: new Date(p.start).toISOString(),
      end: new Date(p.end).toISOString(),
    })),
  )
}

/**
 * How many ended periods a scope set up at `since` was required to hold, for the branch's rules
 * (`perGroup` false) or a group's: one `case` per period end, weighted by the rules ending then.
 */
function elapsed(periods: RulePeriod[], perGroup: boolean, nowIso: string, since: RawBuilder<unknown>) {
  const weights = new Map<string, number>()
  for (const p of periods)
    if (p.perGroup === perGroup && p.end <= nowIso) weights.set(p.end, (weights.get(p.end) ?? 0) + 1)
  if (weights.size === 0) return sql`0`
  return sql.join(
    [...weights].map(([end, w]) => sql`case when ${since} < ${end} then ${sql.lit(w)} else 0 end`),
    sql` + `,
  )
}

/** The end of the period (of `kind`) a record's start falls in: its key, as one `case` over the ends. */
function periodEnd(periods: RulePeriod[], kind: TPeriodKind, startsAt: RawBuilder<unknown>) {
  const ends = [...new Set(periods.filter((p) => p.kind === kind).map((p) => p.end))].sort()
  return sql`case ${sql.join(
    ends.map((end) => sql`when ${startsAt} < ${end} then ${end}`),
    sql` `,
  )} end`
}

/**
 * `(enterprise_id, m_required, m_done)` for the enterprises with a branch, this year (北京时间) as of
 * `nowIso`; `only` restricts it to some enterprises (a page's rows). Rows of three kinds are summed: each
 * branch's and group's ended periods, then each done cell (distinct branch, type, group, period), counted
 * as required too unless it is already among those ended periods (the current period, or one before `since`).
 */
export function meetingCompliance(nowIso: string, only: (column: string) => RawBuilder<unknown>) {
  const periods = rulePeriods(shanghaiYear(Date.parse(nowIso)))
  const [yearStart, yearEnd] = [periods[0].start, periods[periods.length - 1].end]
  const quarterly = MEETING_RULES.filter((r) => r.period === 'quarter').map((r) => r.type)
  const startsAt = sql.ref('m.starts_at')
  const groupSince = sql`case when g.created_at > b.created_at then g.created_at else b.created_at end`
  return sql`select x.enterprise_id, sum(x.req) as m_required, sum(x.done) as m_done from (
      select b.enterprise_id, ${elapsed(periods, false, nowIso, sql`b.created_at`)} as req, 0 as done
      from party_branches b where 1 = 1 ${only('b.enterprise_id')}
      union all
      select b.enterprise_id, ${elapsed(periods, true, nowIso, groupSince)}, 0
      from party_groups g join party_branches b on b.id = g.branch_id where 1 = 1 ${only('b.enterprise_id')}
      union all
      select c.enterprise_id, case when c.e <= ${nowIso} and c.e > c.since then 0 else 1 end, 1 from (
        select distinct m.enterprise_id, m.branch_id, m.type, g.id as gid,
          case when m.type in (${sql.join(quarterly)}) then ${periodEnd(periods, 'quarter', startsAt)}
            else ${periodEnd(periods, 'month', startsAt)} end as e,
          case when g.id is not null and g.created_at > b.created_at then g.created_at else b.created_at end as since
        from meetings m
        join party_branches b on b.id = m.branch_id
        left join party_groups g on m.type = 'group' and g.id = m.group_id and g.branch_id = m.branch_id
        where m.status = 'submitted' and m.present_count > 0 and m.starts_at >= ${yearStart} and m.starts_at < ${yearEnd}
          and m.type in (${sql.join(MEETING_RULES.map((r) => r.type))})
          and (m.type <> 'group' or g.id is not null) ${only('m.enterprise_id')}
      ) c
    ) x group by x.enterprise_id`
}
