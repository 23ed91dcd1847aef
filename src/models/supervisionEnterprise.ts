import { z } from 'zod'
import { pageOf, pagingFields } from './common'
import { ZAssessmentStatus, ZSectionScore } from './assessment'
import { ZRectificationStatus } from './rectification'
import { ZMilestoneSummary } from './milestones'
import { ZEnterprise } from './org'
import { ZMeetingType } from './meeting'
import { ZSupervisionPledgeRow } from './pledge'
import { ZDemonstrationMark } from './supervisionOverview'

/**
 * One enterprise as its supervising departments and the office see it (监管 · 企业详情): profile and
 * milestones, every campaign's scores, open 整改, 三会一课, pledges, attendance and the supervision history.
 */

/** At most this many campaigns (newest first) and open 整改 (earliest deadline first) in one answer. */
export const ENTERPRISE_CAMPAIGN_LIMIT = 12
export const ENTERPRISE_RECTIFICATION_LIMIT = 50
/** History entries in the page's first answer; the rest through the history route. */
export const ENTERPRISE_HISTORY_FIRST = 10

/**
 * What a supervising department or the office did about the enterprise, as the audit log records it
 * (`supervision.urge`: the 催办 of the work lists, recorded against the enterprise).
 */
export const SUPERVISION_HISTORY_ACTIONS = [
  'assessment.accept',
  'assessment.return',
  'rectification.notice',
  'rectification.verify',
  'milestones.plan.receive',
  'milestones.plan.return',
  'milestones.deadline.set',
  'supervision.urge',
  'exemplar.candidate.add',
  'exemplar.candidate.remove',
  'exemplar.choose',
  'exemplar.unchoose',
  'exemplar.notice',
] as const

const ZCount = z.number().int()

export const ZEnterpriseProfile = ZEnterprise.pick({
  id: true,
  name: true,
  creditCode: true,
  ownership: true,
  partyOrg: true,
  industry: true,
}).extend({
  /** The liaison registered with the enterprise (may differ from who holds the role in the app). */
  registeredLiaison: z.object({ name: z.string().nullable(), phone: z.string().nullable() }),
  /** Approved 联络员 in the app. */
  liaisons: z.array(z.object({ name: z.string(), phone: z.string().nullable() })),
  /** Names of its supervising departments. */
  departments: z.array(z.string()),
  demonstration: ZDemonstrationMark,
})

export const ZEnterpriseCampaign = z.object({
  campaignId: z.number().int(),
  campaignName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  closed: z.boolean(),
  assessmentId: z.number().int(),
  status: ZAssessmentStatus,
  overall: z.number().nullable(),
  sections: z.array(ZSectionScore),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
})
export type TEnterpriseCampaign = z.infer<typeof ZEnterpriseCampaign>

export const ZEnterpriseRectification = z.object({
  id: z.number().int(),
  source: z.enum(['finding', 'notice', 'risk']),
  title: z.string(),
  deadline: z.string(),
  status: ZRectificationStatus,
  overdue: z.boolean(),
})
export type TEnterpriseRectification = z.infer<typeof ZEnterpriseRectification>

export const ZEnterpriseHistoryEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  /** 'rectification' | 'assessment' | 'enterprise' …: what the action was about. */
  entityType: z.string(),
  entityId: z.number().int().nullable(),
  /** The 整改's title or the campaign's name, when the entry is about one. */
  subject: z.string().nullable(),
  /** 'close' / 'return' (核验), 'accepted' / 'returned' (自查审核), or null. */
  decision: z.string().nullable(),
})
export type TEnterpriseHistoryEntry = z.infer<typeof ZEnterpriseHistoryEntry>

export const ZEnterpriseHistoryQuery = z.object(pagingFields)
export type TEnterpriseHistoryQuery = z.infer<typeof ZEnterpriseHistoryQuery>

export const ZEnterpriseHistory = z
  .object(pageOf(ZEnterpriseHistoryEntry))
  .meta({ id: 'SupervisionEnterpriseHistory' })
export type TEnterpriseHistory = z.infer<typeof ZEnterpriseHistory>

export const ZSupervisionEnterprise = z
  .object({
    profile: ZEnterpriseProfile,
    milestones: ZMilestoneSummary,
    /** Newest first, at most ENTERPRISE_CAMPAIGN_LIMIT; `campaignCount` says how many there are. */
    campaigns: z.array(ZEnterpriseCampaign),
    campaignCount: ZCount,
    rectifications: z.object({
      /** Not closed: 待整改, 退回重改 and 待核验. */
      open: ZCount,
      overdue: ZCount,
      awaitingVerification: ZCount,
      closed: ZCount,
      /** The open ones, earliest deadline first, at most ENTERPRISE_RECTIFICATION_LIMIT. */
      items: z.array(ZEnterpriseRectification),
    }),
    party: z.object({
      year: z.number().int(),
      branches: z.array(
        z.object({
          branchId: z.number().int(),
          branchName: z.string(),
          meetingsThisMonth: ZCount,
          lastMeetingAt: z.string().nullable(),
          rate: z.number().nullable(),
          byType: z.array(z.object({ type: ZMeetingType, rate: z.number().nullable() })),
        }),
      ),
    }),
    pledges: ZSupervisionPledgeRow.omit({ enterpriseId: true, enterpriseName: true, ownership: true }).extend(
      {
        year: z.number().int(),
      },
    ),
    /** Events whose sign-in has opened: expected = events × approved members, attended = sign-ins. */
    attendance: z.object({
      events: ZCount,
      expected: ZCount,
      attended: ZCount,
      rate: z.number().nullable(),
    }),
    history: ZEnterpriseHistory,
  })
  .meta({ id: 'SupervisionEnterprise' })
export type TSupervisionEnterprise = z.infer<typeof ZSupervisionEnterprise>
