import type { DbOrTrx } from '../../core/db/database'
import { type AuthContext, isOffice, supervisorDepartmentIds } from '../../core/access'
import type { SectionScore, TAssessmentStatus, TSupervisionOverview } from '../../../src/models/assessment'
import type { TOwnership, TPartyOrg } from '../../../src/models/org'
import { listCampaigns } from '../assessments/campaigns'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { supervisionRepository } from './repository'
import { milestoneSummaries } from '../milestones/service'

/**
 * A department's view of its enterprises for one campaign (default: the latest it can see): status,
 * scores per dimension, open and overdue 整改. One query, whatever the number of enterprises.
 */
export async function supervisionOverview(
  db: DbOrTrx,
  auth: AuthContext,
  campaignId: number | undefined,
  now: number,
): Promise<TSupervisionOverview> {
  const campaigns = await listCampaigns(db, auth)
  const campaign = campaignId ? (campaigns.find((c) => c.id === campaignId) ?? null) : (campaigns[0] ?? null)
  const departmentIds = supervisorDepartmentIds(auth)
  const office = isOffice(auth)
  if (!office && departmentIds.length === 0) return { campaign, enterprises: [] }
  const today = shanghaiDate(now)
  const rows = await supervisionRepository.overviewRows(
    db,
    campaign?.id ?? null,
    today,
    office ? null : departmentIds,
  )
  const milestones = await milestoneSummaries(db, rows, now)
  return {
    campaign,
    enterprises: rows.map((r) => ({
      enterpriseId: r.id,
      enterpriseName: r.name,
      ownership: r.ownership as TOwnership,
      partyOrg: r.party_org as TPartyOrg,
      assessmentId: r.assessment_id ?? null,
      status: (r.status as TAssessmentStatus | null) ?? null,
      overall: r.overall_score ?? null,
      sections: r.section_scores ? (JSON.parse(r.section_scores) as SectionScore[]) : [],
      submittedAt: r.submitted_at ?? null,
      openRectifications: Number(r.open_count ?? 0),
      overdueRectifications: Number(r.overdue_count ?? 0),
      milestones: milestones.get(r.id)!,
    })),
  }
}
