import { demonstrationMark } from '../../../src/models/supervisionOverview'
import type { DbOrTrx } from '../../core/db/database'
import type { AuthContext } from '../../core/access'
import { notFound } from '../../core/errors'
import type { SectionScore, TAssessmentStatus } from '../../../src/models/assessment'
import { isOverdue } from '../../../src/models/rectificationTimeliness'
import { maskPhone } from '../../../src/models/phone'
import { shanghaiDate, shanghaiYear } from '../../../src/models/shanghaiTime'
import {
  ENTERPRISE_HISTORY_FIRST,
  type TEnterpriseHistory,
  type TEnterpriseHistoryQuery,
  type TSupervisionEnterprise,
} from '../../../src/models/supervisionEnterprise'
import { milestoneSummaries } from '../milestones/service'
import { partySupervision } from '../party/compliance'
import { supervisionCoverage } from '../pledges/coverage'
import { attendanceByEnterprise } from './ledger'
import { supervisionRepository } from './repository'
import { enterpriseRepository as repo } from './enterpriseRepository'
import { toRegistration } from '../organisations/repository'

/**
 * One enterprise's page for its supervising departments and the office (the route checks who may see
 * it). Each part comes from the service that owns it (milestones, 三会一课, pledges, the 台账's
 * attendance), narrowed to this enterprise; a fixed number of queries whatever its history.
 */
export async function supervisionEnterprise(
  db: DbOrTrx,
  auth: AuthContext,
  enterpriseId: number,
  now: number,
): Promise<TSupervisionEnterprise> {
  const e = await repo.enterprise(db, enterpriseId)
  if (!e) throw notFound()
  const today = shanghaiDate(now)
  const year = shanghaiYear(now)
  const [facts, milestones, campaigns, campaignCount, counts, open, party, pledges, attendance, history] =
    await Promise.all([
      supervisionRepository.ledgerFacts(db, [enterpriseId]),
      milestoneSummaries(db, [e], now),
      repo.campaigns(db, enterpriseId),
      repo.campaignCount(db, enterpriseId),
      repo.rectificationCounts(db, enterpriseId, today),
      repo.openRectifications(db, enterpriseId),
      partySupervision(db, auth, now, enterpriseId),
      supervisionCoverage(db, auth, year, enterpriseId),
      attendanceByEnterprise(db, [enterpriseId], new Date(now).toISOString()),
      enterpriseHistory(db, enterpriseId, { page: 1, pageSize: ENTERPRISE_HISTORY_FIRST }),
    ])
  const pledge = pledges.enterprises[0]
  const seen = attendance.get(enterpriseId) ?? { events: 0, expected: 0, attended: 0 }
  return {
    profile: {
      ...toRegistration(e),
      registeredLiaison: { name: e.liaison_name, phone: maskPhone(e.liaison_phone) ?? null },
      liaisons: facts.liaisons.map((l) => ({ name: l.name, phone: maskPhone(l.phone) ?? null })),
      departments: facts.departments.map((d) => d.name),
      demonstration: demonstrationMark(e.demonstration),
    },
    milestones: milestones.get(enterpriseId)!,
    campaigns: campaigns.map((c) => ({
      campaignId: c.campaign_id,
      campaignName: c.campaign_name,
      periodStart: c.period_start,
      periodEnd: c.period_end,
      dueDate: c.due_date,
      closed: c.closed_at !== null,
      assessmentId: c.assessment_id,
      status: c.status as TAssessmentStatus,
      overall: c.overall_score ?? null,
      sections: c.section_scores ? (JSON.parse(c.section_scores) as SectionScore[]) : [],
      submittedAt: c.submitted_at,
      reviewedAt: c.reviewed_at,
    })),
    campaignCount,
    rectifications: {
      open: Number(counts.open ?? 0),
      overdue: Number(counts.overdue ?? 0),
      awaitingVerification: Number(counts.awaiting ?? 0),
      closed: Number(counts.closed ?? 0),
      items: open.map((r) => ({
        id: r.id,
        source: r.source,
        title: r.title,
        deadline: r.deadline,
        status: r.status,
        overdue: isOverdue(r.status, r.deadline, today),
      })),
    },
    party: {
      year: party.year,
      branches: party.branches.map((b) => ({
        branchId: b.branchId,
        branchName: b.branchName,
        meetingsThisMonth: b.meetingsThisMonth,
        lastMeetingAt: b.lastMeetingAt,
        rate: b.rate,
        byType: b.byType,
      })),
    },
    pledges: {
      year,
      members: pledge?.members ?? 0,
      personalSigned: pledge?.personalSigned ?? 0,
      personalRate: pledge?.personalRate ?? null,
      enterprisePledge: pledge?.enterprisePledge ?? false,
      soeLeaderPledge: pledge?.soeLeaderPledge ?? null,
      governmentBusinessEffective: pledge?.governmentBusinessEffective ?? 0,
      governmentBusinessPending: pledge?.governmentBusinessPending ?? 0,
    },
    attendance: {
      events: seen.events,
      expected: seen.expected,
      attended: seen.attended,
      rate: seen.expected > 0 ? Math.round((seen.attended / seen.expected) * 1000) / 1000 : null,
    },
    history,
  }
}

/** The supervision actions on the enterprise, newest first, one page. */
export async function enterpriseHistory(
  db: DbOrTrx,
  enterpriseId: number,
  query: TEnterpriseHistoryQuery,
): Promise<TEnterpriseHistory> {
  const [rows, total] = await Promise.all([
    repo.history(db, enterpriseId, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    repo.historyCount(db, enterpriseId),
  ])
  const idsOf = (type: string) =>
    rows.filter((r) => r.entity_type === type && r.entity_id !== null).map((r) => Number(r.entity_id))
  const [titles, campaigns, rounds] = await Promise.all([
    repo.rectificationTitles(db, enterpriseId, idsOf('rectification')),
    repo.assessmentCampaigns(db, enterpriseId, idsOf('assessment')),
    repo.exemplarRoundNames(db, idsOf('exemplar_round')),
  ])
  const subjects = {
    rectification: new Map(titles.map((t) => [t.id, t.title])),
    assessment: new Map(campaigns.map((c) => [c.id, c.name])),
    exemplar_round: new Map(rounds.map((r) => [r.id, r.name])),
  }
  return {
    items: rows.map((r) => {
      const entityId = r.entity_id === null ? null : Number(r.entity_id)
      const detail = r.detail ? (JSON.parse(r.detail) as { decision?: unknown }) : {}
      const subjectsOfType = subjects[r.entity_type as keyof typeof subjects] as
        Map<number, string> | undefined
      return {
        id: r.id,
        at: r.created_at,
        action: r.action,
        actorName: r.name ?? null,
        entityType: r.entity_type,
        entityId: Number.isInteger(entityId) ? entityId : null,
        subject: (entityId !== null && subjectsOfType?.get(entityId)) || null,
        decision: typeof detail.decision === 'string' ? detail.decision : null,
      }
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}
