import { sql } from 'kysely'
import type { DbOrTrx } from '../db/database'
import type { AuthContext } from '../plugins/auth'
import { isOffice } from '../plugins/auth'
import type { SectionScore, TAssessmentStatus, TSupervisionOverview } from '../../src/models/assessment'
import type { TOwnership, TPartyOrg } from '../../src/models/org'
import { listCampaigns } from './assessments'
import { todayInShanghai } from './rectifications'

/**
 * A department's view of its enterprises for one campaign (default: the latest it can see): status,
 * scores per dimension, open and overdue 整改. One query, whatever the number of enterprises.
 */
export async function supervisionOverview(
  db: DbOrTrx,
  auth: AuthContext,
  campaignId?: number,
): Promise<TSupervisionOverview> {
  const campaigns = await listCampaigns(db, auth)
  const campaign = campaignId ? (campaigns.find((c) => c.id === campaignId) ?? null) : (campaigns[0] ?? null)
  const departmentIds = auth.memberships
    .filter((m) => m.organisation_kind === 'department' && m.role === 'supervisor')
    .map((m) => m.organisation_id)
  const office = isOffice(auth)
  if (!office && departmentIds.length === 0) return { campaign, enterprises: [] }
  const today = todayInShanghai()
  let query = db
    .selectFrom('enterprises as e')
    .leftJoin('assessments as a', (join) =>
      join.onRef('a.enterprise_id', '=', 'e.id').on('a.campaign_id', '=', campaign ? campaign.id : -1),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('rectifications')
          .select([
            'enterprise_id',
            sql<number>`sum(case when status in ('open', 'returned', 'awaiting_verification') then 1 else 0 end)`.as(
              'open_count',
            ),
            sql<number>`sum(case when status in ('open', 'returned') and deadline < ${today} then 1 else 0 end)`.as(
              'overdue_count',
            ),
          ])
          .groupBy('enterprise_id')
          .as('r'),
      (join) => join.onRef('r.enterprise_id', '=', 'e.id'),
    )
    .select([
      'e.id',
      'e.name',
      'e.ownership',
      'e.party_org',
      'a.id as assessment_id',
      'a.status',
      'a.overall_score',
      'a.section_scores',
      'a.submitted_at',
      'r.open_count',
      'r.overdue_count',
    ])
  if (!office) {
    query = query.where('e.id', 'in', (eb) =>
      eb.selectFrom('supervision_links').select('enterprise_id').where('department_id', 'in', departmentIds),
    )
  }
  const rows = await query.orderBy('e.id').execute()
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
    })),
  }
}
