import { sql, type RawBuilder } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'
import {
  ATTENDANCE_BANDS,
  COMPLETION_STATUSES,
  PLEDGE_BANDS,
  SCORE_BANDS,
  SCORE_KEYS,
} from '../../../src/models/supervisionOverview'
import { OWNERSHIPS, PARTY_ORGS } from '../../../src/models/org'
import { MILESTONE_STATUSES } from '../../../src/models/milestones'
import {
  attendanceBand,
  inReach,
  milestoneState,
  participation,
  participationJoins,
  pledgeBand,
  rectificationCounts,
  type FactsParams,
  type FactsRow,
} from './factsRepository'

/**
 * 监管总览's figures as one row, keyed `<group>_<value>` (the same keys as before: figures.ts reads them).
 * Each figure is counted over the table it is about, restricted to the enterprises in reach, with the
 * facts' own expressions (bands, milestone states, 整改 conditions), so it stays the total of its list:
 *  - the enterprises: ownership, 党组织, milestones;
 *  - their assessments of the campaign: status and scores (an enterprise without one is 未开始);
 *  - the 整改 themselves: enterprises with one (`count(distinct)`) and how many;
 *  - members, pledges and attendance per enterprise (their bands need the per-enterprise ratio).
 * No table is joined to the enterprises only to count its rows (the office reaches every enterprise and
 * each row names its own: a foreign key), no row per enterprise is materialised and no JSON is read.
 */
const count = (condition: RawBuilder<unknown>, as: string) =>
  sql`count(*) filter (where ${condition}) as ${sql.ref(as)}`
const countsOf = (column: RawBuilder<unknown>, keys: readonly (string | number)[], prefix: string) =>
  sql.join(keys.map((k) => count(sql`${column} = ${sql.lit(k)}`, `${prefix}_${k}`)))

/** SCORE_BANDS[i] as a range: the band `case` of the lists (first `to` above the score) without the `case`. */
function inBand(col: RawBuilder<unknown>, i: number) {
  const below = sql`${col} < ${sql.lit(SCORE_BANDS[i].to)}`
  return i === 0 ? below : sql`${col} >= ${sql.lit(SCORE_BANDS[i - 1].to)} and ${below}`
}

function scoreFigures() {
  return sql.join(
    SCORE_KEYS.map((key) => {
      const col = sql.ref(key === 'overall' ? 'a.overall_score' : `a.score_${key}`)
      return sql`avg(${col}) as ${sql.ref(`avg_${key}`)}, count(${col}) as ${sql.ref(`n_${key}`)}, ${sql.join(
        SCORE_BANDS.map((_, i) => count(inBand(col, i), `band_${key}_${i}`)),
      )}`
    }),
  )
}

export async function figuresRow(
  db: DbOrTrx,
  p: FactsParams,
  departmentId: number | undefined,
): Promise<FactsRow> {
  const rect = rectificationCounts(p.today)
  const rectFigures = (key: keyof typeof rect) =>
    sql`count(distinct r.enterprise_id) filter (where ${rect[key]}) as ${sql.ref(`rect_${key}`)},
      count(*) filter (where ${rect[key]}) as ${sql.ref(`items_${key}`)}`
  // Independent aggregates: on PostgreSQL they run side by side on the pool's connections.
  const [enterprises, assessed, rectifications, participated] = await Promise.all([
    sql<FactsRow>`
      select count(*) as total,
        ${countsOf(sql`e.ownership`, OWNERSHIPS, 'ownership')},
        ${countsOf(sql`e.party_org`, PARTY_ORGS, 'party')},
        ${countsOf(milestoneState('e.leading_group_date'), MILESTONE_STATUSES, 'lg')},
        ${countsOf(milestoneState('e.plan_filed_date'), MILESTONE_STATUSES, 'plan')}
      from enterprises e where 1 = 1 ${inReach(p, 'e.id', departmentId)}`.execute(db),
    sql<FactsRow>`
      select count(*) as assessed, ${countsOf(sql`a.status`, COMPLETION_STATUSES, 'status')}, ${scoreFigures()}
      from assessments a
      where a.campaign_id = ${p.campaignId ?? -1} ${inReach(p, 'a.enterprise_id', departmentId)}`.execute(db),
    sql<FactsRow>`
      select ${rectFigures('open')}, ${rectFigures('awaiting')}, ${rectFigures('overdue')}
      from rectifications r where r.status <> 'closed' ${inReach(p, 'r.enterprise_id', departmentId)}`.execute(
      db,
    ),
    sql<FactsRow>`
      select sum(f.members) as members, sum(f.signed) as signed,
        ${countsOf(pledgeBand, PLEDGE_BANDS, 'pledge')},
        sum(f.expected) as expected, sum(f.attended) as attended,
        ${countsOf(attendanceBand, ATTENDANCE_BANDS, 'attendance')}
      from (select ${participation} from enterprises e ${participationJoins(p, () => sql``)}
        where 1 = 1 ${inReach(p, 'e.id', departmentId)}) f`.execute(db),
  ])
  const [e, a] = [enterprises.rows[0], assessed.rows[0]]
  // 未开始: the enterprises without an assessment of the campaign, and any assessment still so.
  const notStarted = Number(e.total ?? 0) - Number(a.assessed ?? 0) + Number(a.status_not_started ?? 0)
  return { ...e, ...a, status_not_started: notStarted, ...rectifications.rows[0], ...participated.rows[0] }
}
