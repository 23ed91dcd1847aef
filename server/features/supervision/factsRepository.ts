import { sql, type RawBuilder } from 'kysely'
import type { DbOrTrx, Dialect } from '../../core/db/database'
import { SECTIONS } from '../../../src/models/checklist'
import { deadlineSql } from '../milestones/repository'
import {
  MEETING_BANDS,
  SCORE_BANDS,
  type TEnterpriseListFilter,
  type TRectificationFilter,
  type TScoreKey,
} from '../../../src/models/supervisionOverview'
import { meetingCompliance } from './meetingFacts'
import { hasRisk } from './riskFacts'

/**
 * One row of facts per enterprise in reach (`facts`): the campaign's assessment, 整改 counts, members and
 * this year's personal pledges, event attendance, milestone states, and the bands derived from them. The
 * figures aggregate it and the lists filter and page it, so a figure is the total of its list by
 * construction. Everything is grouped in SQL: nothing per enterprise is loaded to count.
 */

export interface FactsParams {
  dialect: Dialect
  campaignId: number | null
  compareCampaignId: number | null
  /** Enterprises supervised by any of these departments; null: every enterprise (the office). */
  departmentIds: number[] | null
  today: string
  nowIso: string
  yearRange: [string, string]
}

export const scoreColumn = (key: TScoreKey) => (key === 'overall' ? 'overall' : `s_${key}`)

export function milestoneState(column: string): RawBuilder<string> {
  const col = sql.ref(column)
  return sql`case when ${col} is null then 'missing' when ${col} <= ${deadlineSql('e.milestone_deadline')} then 'on_time' else 'late' end`
}

/**
 * `and` the enterprise `column` is in reach (and `departmentId`'s): nothing for the office without a
 * department, so a table with the enterprise's id (a foreign key) is counted without a join.
 */
export function inReach(p: FactsParams, column: string, departmentId?: number): RawBuilder<unknown> {
  const col = sql.ref(column)
  const supervisedBy = (ids: number[]) =>
    sql`and ${col} in (select enterprise_id from supervision_links where department_id in (${sql.join(ids)}))`
  const own = p.departmentIds ? supervisedBy(p.departmentIds.length ? p.departmentIds : [-1]) : sql``
  return departmentId ? sql`${own} ${supervisedBy([departmentId])}` : own
}

/** The enterprises in reach (`where`, always: the others are added with `and`). */
export function scopeOf(p: FactsParams) {
  return sql`where 1 = 1 ${inReach(p, 'e.id')}`
}

/**
 * 三会一课 of an enterprise from `meetingCompliance` (mc): periods required and done, and whether it has a
 * registered 党支部 at all (every branch gives mc a row), which tells 未设立支部 from 暂无要求.
 */
const meetingColumns = sql`coalesce(mc.m_required, 0) as m_required, coalesce(mc.m_done, 0) as m_done,
      case when mc.enterprise_id is null then 0 else 1 end as m_branch`

/**
 * The columns of the facts a list can filter on without counting anything (`f`, not materialised, so the
 * database walks the enterprises' indexes and stops at the page); 整改 by `exists` (see `where`).
 */
function plainFacts(p: FactsParams, withMeetings: boolean) {
  return sql`with f as (
    select e.id, e.name, e.credit_code, e.ownership, e.party_org, e.demonstration, coalesce(a.status, 'not_started') as status,
      ${milestoneState('e.leading_group_date')} as lg_status,
      ${milestoneState('e.plan_filed_date')} as plan_status
      ${withMeetings ? sql`, ${meetingColumns}` : sql``}
    from enterprises e
    left join assessments a on a.enterprise_id = e.id and a.campaign_id = ${p.campaignId ?? -1}
    ${withMeetings ? sql`left join (${meetingCompliance(p.nowIso, () => sql``)}) mc on mc.enterprise_id = e.id` : sql``}
    ${scopeOf(p)}
  )`
}

/** What a 整改 filter asks of one 整改 (for `exists` over the plain facts). */
function rectificationCondition(filter: TRectificationFilter, today: string) {
  if (filter === 'awaiting') return sql`r.status = 'awaiting_verification'`
  if (filter === 'overdue') return sql`r.status in ('open', 'returned') and r.deadline < ${today}`
  return sql`r.status in ('open', 'returned', 'awaiting_verification')`
}

/**
 * Per enterprise `e`: approved members (`m.n`), this year's personal pledges (`pl.n`), places in the
 * audiences (`ea.n`) and sign-ins (`si.n`) of the events whose sign-in has opened; the facts' columns
 * `members`, `signed`, `expected` and `attended` (see `participation`), for the lists and the figures alike.
 */
export function participationJoins(p: FactsParams, only: (column: string) => RawBuilder<unknown>) {
  const openedEvents = (table: 'event_audience' | 'sign_ins') => sql`
    select t.enterprise_id, count(*) as n from ${sql.table(table)} t join events ev on ev.id = t.event_id
    where ev.sign_in_opens_at <= ${p.nowIso} and ev.cancelled_at is null ${only('t.enterprise_id')}
    group by t.enterprise_id`
  return sql`left join (
      select organisation_id, count(distinct user_id) as n from memberships
      where organisation_kind = 'enterprise' and status = 'approved' ${only('organisation_id')}
      group by organisation_id
    ) m on m.organisation_id = e.id
    left join (
      select enterprise_id, count(distinct started_by) as n from pledges
      where kind = 'personal' and status = 'effective' and created_at >= ${p.yearRange[0]} and created_at < ${p.yearRange[1]}
      ${only('enterprise_id')} group by enterprise_id
    ) pl on pl.enterprise_id = e.id
    left join (${openedEvents('event_audience')}) ea on ea.enterprise_id = e.id
    left join (${openedEvents('sign_ins')}) si on si.enterprise_id = e.id`
}

/** The columns `participationJoins` gives the facts. */
export const participation = sql`coalesce(m.n, 0) as members, coalesce(pl.n, 0) as signed,
      coalesce(ea.n, 0) as invited, coalesce(ea.n, 0) * coalesce(m.n, 0) as expected, coalesce(si.n, 0) as attended`

/** The open, awaiting and overdue 整改 of a facts row (counted per enterprise, or in all). */
export const rectificationCounts = (today: string) => ({
  open: sql`status in ('open', 'returned', 'awaiting_verification')`,
  awaiting: sql`status = 'awaiting_verification'`,
  overdue: sql`status in ('open', 'returned') and deadline < ${today}`,
})

/**
 * The facts as the common table `f` (materialised: the bands read a column several times, which must not
 * repeat the JSON extraction per read). The sections' scores (`s_…`) are extracted only `withScores`; the
 * stored JSON itself comes along for the rows of a page.
 */
function facts(p: FactsParams, withScores: boolean, ids?: number[], withMeetings = true) {
  const scope = ids ? sql`${scopeOf(p)} and e.id in (${sql.join(ids)})` : scopeOf(p)
  // For a page's rows, the grouped counts are restricted to them too.
  const only = (column: string) => (ids ? sql`and ${sql.ref(column)} in (${sql.join(ids)})` : sql``)
  // Each section's score from its column (written with the JSON: migration 0031), not from the JSON.
  const sections = withScores
    ? sql.join(SECTIONS.map((s) => sql`${sql.ref(`a.score_${s}`)} as ${sql.ref(`s_${s}`)}`))
    : sql`null as s_none`
  const rect = rectificationCounts(p.today)
  const compare =
    p.compareCampaignId !== null
      ? sql`, c.status as c_status, c.overall_score as c_overall, c.section_scores as c_sections`
      : sql``
  const compareJoin =
    p.compareCampaignId !== null
      ? sql`left join assessments c on c.enterprise_id = e.id and c.campaign_id = ${p.compareCampaignId}`
      : sql``
  return sql`with f as materialized (
    select e.id, e.name, e.credit_code, e.ownership, e.party_org, e.demonstration,
      a.id as assessment_id, coalesce(a.status, 'not_started') as status, a.overall_score as overall,
      a.section_scores as a_sections,
      ${sections},
      coalesce(r.open_n, 0) as open_n, coalesce(r.awaiting_n, 0) as awaiting_n, coalesce(r.overdue_n, 0) as overdue_n,
      ${participation},
      ${withMeetings ? meetingColumns : sql`0 as m_required, 0 as m_done, 0 as m_branch`},
      ${milestoneState('e.leading_group_date')} as lg_status,
      ${milestoneState('e.plan_filed_date')} as plan_status,
      e.milestone_deadline, e.leading_group_date, e.plan_filed_date
      ${compare}
    from enterprises e
    left join assessments a on a.enterprise_id = e.id and a.campaign_id = ${p.campaignId ?? -1}
    ${compareJoin}
    left join (
      select enterprise_id,
        sum(case when ${rect.open} then 1 else 0 end) as open_n,
        sum(case when ${rect.awaiting} then 1 else 0 end) as awaiting_n,
        sum(case when ${rect.overdue} then 1 else 0 end) as overdue_n
      from rectifications where status <> 'closed' ${only('enterprise_id')} group by enterprise_id
    ) r on r.enterprise_id = e.id
    ${participationJoins(p, only)}
    ${withMeetings ? sql`left join (${meetingCompliance(p.nowIso, only)}) mc on mc.enterprise_id = e.id` : sql``}
    ${scope}
  )`
}

// Bands as SQL over the facts' columns (f.…), the same expressions for figures and filters.
export const pledgeBand = sql`case when f.members = 0 then 'no_members' when f.signed >= f.members then 'full' when f.signed = 0 then 'none' else 'partial' end`
// 应到 is invited events × members: an enterprise invited with nobody on the system is 暂无成员, not 无活动.
export const attendanceBand = sql`case when f.expected = 0 and f.invited > 0 then 'no_members' when f.expected = 0 then 'no_events' when f.attended * 10 >= f.expected * 8 then 'high' when f.attended * 2 >= f.expected then 'mid' else 'low' end`
// A party organisation in the profile with no 党支部 registered is a gap to follow up, not 暂无要求.
const meetingBand = sql`case when f.m_branch = 0 and f.party_org <> 'none' then 'no_branch' when f.m_required = 0 then 'none' when f.m_done * 10 >= f.m_required * 8 then 'high' when f.m_done * 2 >= f.m_required then 'mid' else 'low' end`
const scoreBand = (column: string) => bandOf(sql.ref(`f.${column}`))
function bandOf(col: RawBuilder<unknown>) {
  return sql`case when ${col} is null then null ${sql.join(
    SCORE_BANDS.map((b, i) => sql`when ${col} < ${sql.lit(b.to)} then ${sql.lit(i)}`),
    sql` `,
  )} end`
}

/** `plain`: over `plainFacts` (no counts): a 整改 filter asks `exists` of the 整改 themselves. */
function where(filter: Partial<TEnterpriseListFilter>, today: string, plain = false): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = []
  const q = filter.q?.trim()
  if (q) {
    // % and _ typed by a user widen the search a little; harmless, and the same on both databases.
    conditions.push(
      sql`(lower(f.name) like ${`%${q.toLowerCase()}%`} or upper(f.credit_code) like ${`%${q.toUpperCase()}%`})`,
    )
  }
  if (filter.ownership) conditions.push(sql`f.ownership = ${filter.ownership}`)
  if (filter.partyOrg) conditions.push(sql`f.party_org = ${filter.partyOrg}`)
  if (filter.departmentId)
    conditions.push(
      sql`f.id in (select enterprise_id from supervision_links where department_id = ${filter.departmentId})`,
    )
  if (filter.status) conditions.push(sql`f.status = ${filter.status}`)
  if (filter.rectification)
    conditions.push(
      plain
        ? sql`exists (select 1 from rectifications r where r.enterprise_id = f.id and ${rectificationCondition(filter.rectification, today)})`
        : sql`${sql.ref(`f.${filter.rectification}_n`)} > 0`,
    )
  if (filter.pledge) conditions.push(sql`${pledgeBand} = ${filter.pledge}`)
  if (filter.attendance) conditions.push(sql`${attendanceBand} = ${filter.attendance}`)
  if (filter.meetings) conditions.push(sql`${meetingBand} = ${filter.meetings}`)
  if (filter.risk) conditions.push(hasRisk('f.id', filter.risk, today))
  if (filter.milestone) {
    const [key, state] = filter.milestone.split('.')
    conditions.push(sql`${sql.ref(key === 'plan' ? 'f.plan_status' : 'f.lg_status')} = ${state}`)
  }
  if (filter.score && filter.band !== undefined)
    conditions.push(sql`${scoreBand(scoreColumn(filter.score))} = ${filter.band}`)
  return conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``
}

const needsScores = (filter: Partial<TEnterpriseListFilter>) =>
  filter.score !== undefined && filter.score !== 'overall'

const sumWhen = (condition: RawBuilder<unknown>) => sql`sum(case when ${condition} then 1 else 0 end)`
const countsOf = (column: RawBuilder<unknown>, keys: readonly (string | number)[], prefix: string) =>
  sql.join(keys.map((k) => sql`${sumWhen(sql`${column} = ${sql.lit(k)}`)} as ${sql.ref(`${prefix}_${k}`)}`))

export type FactsRow = Record<string, string | number | null>

export const factsRepository = {
  /** 三会一课 over the enterprises in reach (and `departmentId`'s): the sums and the enterprises per band. */
  async meetingFigures(db: DbOrTrx, p: FactsParams, departmentId?: number): Promise<FactsRow> {
    const department = departmentId
      ? sql`and e.id in (select enterprise_id from supervision_links where department_id = ${departmentId})`
      : sql``
    const { rows } = await sql<FactsRow>`
      select count(*) as total, sum(f.m_required) as m_required, sum(f.m_done) as m_done,
        ${countsOf(meetingBand, MEETING_BANDS, 'meetings')}
      from (
        select e.id, e.party_org, ${meetingColumns}
        from enterprises e left join (${meetingCompliance(p.nowIso, () => sql``)}) mc on mc.enterprise_id = e.id
        ${scopeOf(p)} ${department}
      ) f`.execute(db)
    return rows[0]
  },

  /** One page of the facts under `filter`, ordered by enterprise, and how many match in all. */
  async page(
    db: DbOrTrx,
    p: FactsParams,
    filter: TEnterpriseListFilter,
  ): Promise<{ rows: FactsRow[]; total: number }> {
    const offset = (filter.page - 1) * filter.pageSize
    // Which enterprises, in order: without counting when the filter needs no count (most drill-downs).
    const plain = !filter.pledge && !filter.attendance && filter.score === undefined
    const matching = plain ? plainFacts(p, filter.meetings !== undefined) : facts(p, needsScores(filter))
    const condition = where(filter, p.today, plain)
    const countAll = () =>
      sql<{ n: number | string }>`${matching} select count(*) as n from f ${condition}`.execute(db)
    let page: { id: number; n?: number | string }[]
    let total: number
    if (filter.meetings !== undefined) {
      // 三会一课 is worked out for every enterprise in reach whatever the page: once, with the total beside
      // each row of the page (counted again only for a page past the end, which has no row to carry it).
      page = (
        await sql<{ id: number; n: number | string }>`${matching} select f.id, count(*) over () as n from f
          ${condition} order by f.id limit ${filter.pageSize} offset ${offset}`.execute(db)
      ).rows
      // An empty first page has nothing to count (未设立支部 is often empty): only a page past the end does.
      total = page.length ? Number(page[0].n) : offset === 0 ? 0 : Number((await countAll()).rows[0].n)
    } else {
      const [count, rows] = await Promise.all([
        countAll(),
        sql<{ id: number }>`${matching} select f.id from f ${condition}
          order by f.id limit ${filter.pageSize} offset ${offset}`.execute(db),
      ])
      page = rows.rows
      total = Number(count.rows[0].n)
    }
    const ids = page.map((r) => Number(r.id))
    // Then everything about that page's enterprises only.
    const rows = ids.length
      ? (await sql<FactsRow>`${facts(p, false, ids)} select f.* from f order by f.id`.execute(db)).rows
      : []
    return { rows, total }
  },

  /** Per department in reach: how many of the enterprises in reach it supervises. */
  departmentCounts(db: DbOrTrx, departmentIds: number[] | null) {
    let query = db
      .selectFrom('departments as d')
      .leftJoin('supervision_links as l', 'l.department_id', 'd.id')
      .select(['d.id', 'd.name', (eb) => eb.fn.count<number | string>('l.enterprise_id').as('n')])
      .where('d.is_office', '=', 0)
      .groupBy(['d.id', 'd.name'])
      .orderBy('d.id')
    if (departmentIds) query = query.where('d.id', 'in', departmentIds.length ? departmentIds : [-1])
    return query.execute()
  },
}
