import { sql, type RawBuilder } from 'kysely'
import { MEETING_RULES, periodsOfYear } from '../../../src/models/meetingCompliance'
import { shanghaiYear } from '../../../src/models/shanghaiTime'

/**
 * 三会一课 完成率 per enterprise in SQL, the rule of `computeCompliance` (meetingCompliance.ts) summed over
 * its branches: for each rule and period of this year (党小组会: per group), a cell counts as required once
 * it has ended after the branch (or group) was set up, or once it is done; done when a submitted record of
 * that type falls in it. The periods come from the rules as literals (44 of them), so the database only
 * walks this year's records once and each branch and group once: no cell per branch is materialised.
 * Every instant is an ISO string (UTC, `toISOString`), compared as text.
 */

interface RulePeriod {
  type: string
  perGroup: boolean
  start: string
  end: string
}

function rulePeriods(year: number): RulePeriod[] {
  return MEETING_RULES.flatMap((rule) =>
    periodsOfYear(year, rule.period).map((p) => ({
      type: rule.type,
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

/**
 * `(enterprise_id, m_required, m_done)` for the enterprises with a branch, this year (北京时间) as of
 * `nowIso`; `only` restricts it to some enterprises (a page's rows).
 */
export function meetingCompliance(nowIso: string, only: (column: string) => RawBuilder<unknown>) {
  const periods = rulePeriods(shanghaiYear(Date.parse(nowIso)))
  const [yearStart, yearEnd] = [periods[0].start, periods[periods.length - 1].end]
  const rp = sql.join(
    periods.map(
      (p, i) =>
        sql`select ${p.type} as t, ${sql.lit(p.perGroup ? 1 : 0)} as g, ${p.start} as s, ${p.end} as e, ${sql.lit(i)} as k`,
    ),
    sql` union all `,
  )
  const groupSince = sql`case when g.created_at > b.created_at then g.created_at else b.created_at end`
  return sql`select sc.enterprise_id, sum(sc.required) + coalesce(sum(dn.extra), 0) as m_required,
      coalesce(sum(dn.done), 0) as m_done
    from (
      select b.id as branch_id, 0 as gkey, b.enterprise_id, b.created_at as since,
        ${elapsed(periods, false, nowIso, sql`b.created_at`)} as required
      from party_branches b where 1 = 1 ${only('b.enterprise_id')}
      union all
      select b.id, g.id, b.enterprise_id, ${groupSince}, ${elapsed(periods, true, nowIso, groupSince)}
      from party_groups g join party_branches b on b.id = g.branch_id where 1 = 1 ${only('b.enterprise_id')}
    ) sc
    left join (
      -- Per scope: its done cells, and those not already among the ended periods it was required to hold.
      select dc.branch_id, dc.gkey, count(*) as done,
        sum(case when dc.e <= ${nowIso} and dc.e > dc.since then 0 else 1 end) as extra
      from (
        select distinct m.branch_id, case when rp.g = 1 then m.group_id else 0 end as gkey, rp.k, rp.e,
          case when rp.g = 1 and gr.created_at > br.created_at then gr.created_at else br.created_at end as since
        from meetings m
        join (${rp}) rp on rp.t = m.type and m.starts_at >= rp.s and m.starts_at < rp.e
        join party_branches br on br.id = m.branch_id
        left join party_groups gr on gr.id = m.group_id and gr.branch_id = m.branch_id
        where m.status = 'submitted' and m.starts_at >= ${yearStart} and m.starts_at < ${yearEnd}
          and (rp.g = 0 or gr.id is not null) ${only('m.enterprise_id')}
      ) dc
      group by dc.branch_id, dc.gkey
    ) dn on dn.branch_id = sc.branch_id and dn.gkey = sc.gkey
    group by sc.enterprise_id`
}
