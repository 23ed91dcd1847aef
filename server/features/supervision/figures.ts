import type { DbOrTrx, Dialect } from '../../core/db/database'
import { type AuthContext, isOffice, supervisorDepartmentIds } from '../../core/access'
import { notFound } from '../../core/errors'
import type { SectionScore, TCampaign } from '../../../src/models/assessment'
import { SECTIONS } from '../../../src/models/checklist'
import { OWNERSHIPS, PARTY_ORGS, type TOwnership, type TPartyOrg } from '../../../src/models/org'
import { MILESTONE_STATUSES, type TMilestoneSummary } from '../../../src/models/milestones'
import { milestoneSummaries } from '../milestones/service'
import { shanghaiDate, shanghaiYear, shanghaiYearRange } from '../../../src/models/shanghaiTime'
import {
  ATTENDANCE_BANDS,
  COMPLETION_STATUSES,
  MEETING_BANDS,
  PLEDGE_BANDS,
  SCORE_BANDS,
  SCORE_KEYS,
  type TCompletionStatus,
  type TEnterpriseListFilter,
  type TEnterpriseListPage,
  type TEnterpriseListRow,
  type TMeetingFigures,
  type TRiskFigures,
  type TSupervisionFigures,
  demonstrationMark,
} from '../../../src/models/supervisionOverview'
import { listCampaigns } from '../assessments/campaigns'
import { factsRepository, type FactsParams, type FactsRow } from './factsRepository'
import { riskFactsRepository as risks } from './riskFacts'
import { RISK_AREAS } from '../../../src/models/riskCatalogue'
import { figuresRow } from './figuresRepository'

/**
 * 监管总览's figures and the lists behind them. The caller's reach: the office sees every enterprise, a
 * 监管员 those of its departments (read on every request, so a removed link counts at once). Narrowing to a
 * department outside that reach, or to a campaign the caller cannot see, answers 404 like a missing one.
 */

interface Scope {
  campaigns: TCampaign[]
  campaign: TCampaign | null
  params: FactsParams
  /** The departments the caller may narrow to; null for the office (all). */
  ownDepartments: number[] | null
}

async function scopeOf(
  db: DbOrTrx,
  dialect: Dialect,
  auth: AuthContext,
  query: { campaignId?: number; compareCampaignId?: number; departmentId?: number },
  now: number,
): Promise<Scope> {
  const office = isOffice(auth)
  const ownDepartments = office ? null : supervisorDepartmentIds(auth)
  if (ownDepartments && query.departmentId !== undefined && !ownDepartments.includes(query.departmentId))
    throw notFound()
  const campaigns = await listCampaigns(db, auth)
  const find = (id: number | undefined) => {
    if (id === undefined) return null
    const found = campaigns.find((c) => c.id === id)
    if (!found) throw notFound()
    return found
  }
  const campaign = query.campaignId !== undefined ? find(query.campaignId) : (campaigns[0] ?? null)
  const compare = find(query.compareCampaignId)
  return {
    campaigns,
    campaign,
    ownDepartments,
    params: {
      dialect,
      campaignId: campaign?.id ?? null,
      compareCampaignId: compare?.id ?? null,
      departmentIds: ownDepartments,
      today: shanghaiDate(now),
      nowIso: new Date(now).toISOString(),
      yearRange: shanghaiYearRange(shanghaiYear(now)),
    },
  }
}

/** What each figures route calls: the caller's scope and filters, as of `now`. */
export type Figures<Q, R> = (
  db: DbOrTrx,
  dialect: Dialect,
  auth: AuthContext,
  query: Q,
  now: number,
) => Promise<R>

const n = (v: unknown) => Number(v ?? 0)
const score = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10)
const pick = <K extends string>(row: FactsRow, prefix: string, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, n(row[`${prefix}_${k}`])])) as Record<K, number>

/** 三会一课 完成率 over the same enterprises as `supervisionFigures` (the list's `meetings` filter). */
export const supervisionMeetingFigures: Figures<
  { campaignId?: number; departmentId?: number },
  TMeetingFigures
> = async (db, dialect, auth, query, now) => {
  const scope = await scopeOf(db, dialect, auth, query, now)
  const row = await factsRepository.meetingFigures(db, scope.params, query.departmentId)
  return {
    year: shanghaiYear(now),
    total: n(row.total),
    required: n(row.m_required),
    done: n(row.m_done),
    bands: pick(row, 'meetings', MEETING_BANDS),
  }
}

/** 廉洁风险点 (有效) over the same enterprises as `supervisionFigures` (the list's `risk` filter). */
export const supervisionRiskFigures: Figures<{ departmentId?: number }, TRiskFigures> = async (
  db,
  dialect,
  auth,
  query,
  now,
) => {
  const scope = await scopeOf(db, dialect, auth, query, now)
  const d = query.departmentId
  const [totals, levels, areas, departments, names] = await Promise.all([
    risks.totals(db, scope.params, d),
    risks.grouped(db, scope.params, 'level', d),
    risks.grouped(db, scope.params, 'area', d),
    risks.byDepartment(db, scope.params),
    factsRepository.departmentCounts(db, scope.ownDepartments),
  ])
  const countOf = (rows: typeof levels, key: string) => {
    const row = rows.find((r) => r.key === key)
    return { points: n(row?.points), enterprises: n(row?.enterprises) }
  }
  const perDepartment = new Map(departments.map((r) => [n(r.department_id), r]))
  return {
    active: { points: n(totals.points), enterprises: n(totals.enterprises) },
    levels: {
      high: countOf(levels, 'high'),
      medium: countOf(levels, 'medium'),
      low: countOf(levels, 'low'),
    },
    overdue: { points: n(totals.overdue_points), enterprises: n(totals.overdue_enterprises) },
    areas: RISK_AREAS.map((a) => ({ area: a.code, ...countOf(areas, a.code) })),
    departments: names.map((x) => ({
      id: x.id,
      name: x.name,
      points: n(perDepartment.get(x.id)?.points),
      high: n(perDepartment.get(x.id)?.high),
    })),
  }
}

export const supervisionFigures: Figures<
  { campaignId?: number; departmentId?: number },
  TSupervisionFigures
> = async (db, dialect, auth, query, now) => {
  const scope = await scopeOf(db, dialect, auth, query, now)
  const [row, departments] = await Promise.all([
    figuresRow(db, scope.params, query.departmentId),
    factsRepository.departmentCounts(db, scope.ownDepartments),
  ])
  return {
    campaign: scope.campaign,
    campaigns: scope.campaigns,
    departments: departments.map((d) => ({ id: d.id, name: d.name, enterprises: n(d.n) })),
    departmentId: query.departmentId ?? null,
    total: n(row.total),
    ownership: pick(row, 'ownership', OWNERSHIPS),
    partyOrg: pick(row, 'party', PARTY_ORGS),
    completion: pick(row, 'status', COMPLETION_STATUSES),
    scores: SCORE_KEYS.map((key) => ({
      key,
      average: score(row[`avg_${key}`]),
      scored: n(row[`n_${key}`]),
      bands: SCORE_BANDS.map((_, i) => n(row[`band_${key}_${i}`])),
    })),
    rectifications: {
      open: { enterprises: n(row.rect_open), items: n(row.items_open) },
      awaiting: { enterprises: n(row.rect_awaiting), items: n(row.items_awaiting) },
      overdue: { enterprises: n(row.rect_overdue), items: n(row.items_overdue) },
    },
    pledges: {
      year: shanghaiYear(now),
      members: n(row.members),
      signed: n(row.signed),
      bands: pick(row, 'pledge', PLEDGE_BANDS),
    },
    attendance: {
      expected: n(row.expected),
      attended: n(row.attended),
      bands: pick(row, 'attendance', ATTENDANCE_BANDS),
    },
    milestones: {
      leadingGroup: pick(row, 'lg', MILESTONE_STATUSES),
      plan: pick(row, 'plan', MILESTONE_STATUSES),
    },
  }
}

/** A page's scores from the stored JSON (a handful of rows: no need to extract them in SQL). */
function scoresOf(overall: unknown, stored: unknown) {
  const parsed = typeof stored === 'string' ? (JSON.parse(stored) as SectionScore[]) : []
  const bySection = new Map(parsed.map((s) => [s.section, s.score]))
  return {
    overall: score(overall),
    sections: SECTIONS.map((section) => ({ section, score: score(bySection.get(section)) })),
  }
}

const change = (now: number | null, then: number | null) =>
  now === null || then === null ? null : Math.round((now - then) * 10) / 10

function toRow(row: FactsRow, comparing: boolean, milestones: TMilestoneSummary): TEnterpriseListRow {
  const scores = scoresOf(row.overall, row.a_sections)
  const other = comparing ? scoresOf(row.c_overall, row.c_sections) : null
  return {
    enterpriseId: n(row.id),
    enterpriseName: String(row.name),
    creditCode: String(row.credit_code),
    ownership: row.ownership as TOwnership,
    demonstration: demonstrationMark(row.demonstration),
    partyOrg: row.party_org as TPartyOrg,
    status: row.status as TCompletionStatus,
    assessmentId: row.assessment_id === null ? null : n(row.assessment_id),
    scores,
    compare: other && {
      status: (row.c_status ?? 'not_started') as TCompletionStatus,
      scores: other,
      change: {
        overall: change(scores.overall, other.overall),
        sections: scores.sections.map((s, i) => ({
          section: s.section,
          change: change(s.score, other.sections[i].score),
        })),
      },
    },
    rectifications: { open: n(row.open_n), awaiting: n(row.awaiting_n), overdue: n(row.overdue_n) },
    pledges: { members: n(row.members), signed: n(row.signed) },
    attendance: { expected: n(row.expected), attended: n(row.attended) },
    meetings: { required: n(row.m_required), done: n(row.m_done) },
    milestones,
  }
}

export async function supervisionEnterprises(
  db: DbOrTrx,
  dialect: Dialect,
  auth: AuthContext,
  filter: TEnterpriseListFilter,
  now: number,
): Promise<TEnterpriseListPage> {
  const scope = await scopeOf(db, dialect, auth, filter, now)
  const { rows, total } = await factsRepository.page(db, scope.params, filter)
  const comparing = scope.params.compareCampaignId !== null
  // The page's rows only: their filings' receipts (the states themselves are the facts' rule too).
  const milestones = await milestoneSummaries(
    db,
    rows.map((r) => ({
      id: n(r.id),
      milestone_deadline: r.milestone_deadline as string | null,
      leading_group_date: r.leading_group_date as string | null,
      plan_filed_date: r.plan_filed_date as string | null,
    })),
    now,
  )
  return {
    campaign: scope.campaign,
    compareCampaign: comparing
      ? (scope.campaigns.find((c) => c.id === scope.params.compareCampaignId) ?? null)
      : null,
    items: rows.map((r) => toRow(r, comparing, milestones.get(n(r.id))!)),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  }
}
