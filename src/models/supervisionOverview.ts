import { z } from 'zod'
import { pageOf, pagingFields, ZIdParam } from './common'
import { ZCampaign } from './assessment'
import { SECTIONS, ZSection } from './checklist'
import { ZOwnership, ZPartyOrg, OWNERSHIPS, PARTY_ORGS } from './org'
import { ZMilestoneStatus, ZMilestoneSummary } from './milestones'
import { line } from './textLimit'
import { RISK_AREAS, type TRiskArea } from './riskCatalogue'

/**
 * 监管总览 with drill-down: figures over the enterprises a caller supervises (the office: all, or one
 * department's), and the paged list behind each figure. Every figure is a count of enterprises that the
 * list answers with the same filter, so a tile's number is the list's `total`.
 */

/** Where a campaign's assessment stands for an enterprise; 未开始 when it has none. */
export const COMPLETION_STATUSES = ['not_started', 'draft', 'submitted', 'returned', 'accepted'] as const
export const ZCompletionStatus = z.enum(COMPLETION_STATUSES)
export type TCompletionStatus = z.infer<typeof ZCompletionStatus>
export const COMPLETION_LABELS: Record<TCompletionStatus, string> = {
  not_started: '未开始',
  draft: '草稿',
  submitted: '已提交',
  returned: '退回',
  accepted: '已通过',
}

/** Which score a distribution counts: the overall one or one section's. */
export const SCORE_KEYS = ['overall', ...SECTIONS] as const
export const ZScoreKey = z.enum(SCORE_KEYS)
export type TScoreKey = z.infer<typeof ZScoreKey>

/** Score bands of the distributions (lower bound inclusive); the last one includes 100. */
export const SCORE_BANDS = [
  { from: 0, to: 60, label: '60分以下' },
  { from: 60, to: 70, label: '60–70' },
  { from: 70, to: 80, label: '70–80' },
  { from: 80, to: 90, label: '80–90' },
  { from: 90, to: 101, label: '90分以上' },
] as const

export const RECTIFICATION_FILTERS = ['open', 'awaiting', 'overdue'] as const
export const ZRectificationFilter = z.enum(RECTIFICATION_FILTERS)
export type TRectificationFilter = z.infer<typeof ZRectificationFilter>
export const RECTIFICATION_FILTER_LABELS: Record<TRectificationFilter, string> = {
  open: '整改中',
  awaiting: '待核验',
  overdue: '已逾期',
}

/** Personal-pledge coverage of an enterprise this year (signed members / approved members). */
export const PLEDGE_BANDS = ['full', 'partial', 'none', 'no_members'] as const
export const ZPledgeBand = z.enum(PLEDGE_BANDS)
export type TPledgeBand = z.infer<typeof ZPledgeBand>
export const PLEDGE_BAND_LABELS: Record<TPledgeBand, string> = {
  full: '全员签署',
  partial: '部分签署',
  none: '无人签署',
  no_members: '暂无成员',
}

/**
 * Event attendance of an enterprise: its sign-ins / (events it was invited to whose sign-in has opened ×
 * its approved members). 受邀·暂无成员: invited, but nobody of it on the system to sign in (应到 0);
 * 无受邀活动: no such event invited it.
 */
export const ATTENDANCE_BANDS = ['high', 'mid', 'low', 'no_members', 'no_events'] as const
export const ZAttendanceBand = z.enum(ATTENDANCE_BANDS)
export type TAttendanceBand = z.infer<typeof ZAttendanceBand>
export const ATTENDANCE_BAND_LABELS: Record<TAttendanceBand, string> = {
  high: '80%以上',
  mid: '50%–80%',
  low: '50%以下',
  no_members: '受邀·暂无成员',
  no_events: '无受邀活动',
}

/**
 * 三会一课 完成率 of an enterprise this year (its branches' periods done / required, the rule of
 * meetingCompliance.ts); 未设立支部 with a party organisation in its profile but no 党支部 registered (a gap
 * to follow up); 暂无要求 without a party organisation, or before anything fell due.
 */
export const MEETING_BANDS = ['high', 'mid', 'low', 'no_branch', 'none'] as const
export const ZMeetingBand = z.enum(MEETING_BANDS)
export type TMeetingBand = z.infer<typeof ZMeetingBand>
export const MEETING_BAND_LABELS: Record<TMeetingBand, string> = {
  high: '80%以上',
  mid: '50%–80%',
  low: '50%以下',
  no_branch: '未设立支部',
  none: '暂无要求',
}

/**
 * 廉洁风险点 figures (有效 risk points only): enterprises with one at a level, past its review date, or in an
 * area. `risk=high|medium|low|overdue|area:<code>` on the list.
 */
export const RISK_LEVEL_FILTERS = ['high', 'medium', 'low'] as const
export const RISK_FILTERS = [
  ...RISK_LEVEL_FILTERS,
  'overdue',
  ...RISK_AREAS.map((a) => `area:${a.code}` as const),
] as const
export const ZRiskFilter = z.enum(RISK_FILTERS)
export type TRiskFilter = z.infer<typeof ZRiskFilter>
export function riskFilterLabel(filter: TRiskFilter): string {
  if (filter === 'overdue') return '风险点：逾期未复核'
  if (filter.startsWith('area:')) {
    const code = filter.slice(5) as TRiskArea
    return `风险领域：${RISK_AREAS.find((a) => a.code === code)?.label ?? code}`
  }
  return `风险等级：${{ high: '高', medium: '中', low: '低' }[filter as (typeof RISK_LEVEL_FILTERS)[number]]}`
}

export const MILESTONE_KEYS = ['leadingGroup', 'plan'] as const
export const MILESTONE_KEY_LABELS = { leadingGroup: '领导小组', plan: '实施方案' } as const
/** `leadingGroup.missing` etc.: one milestone in one state. */
export const MILESTONE_FILTERS = MILESTONE_KEYS.flatMap((k) =>
  ZMilestoneStatus.options.map((s) => `${k}.${s}` as const),
)
export const ZMilestoneFilter = z.enum(MILESTONE_FILTERS as [string, ...string[]])

const ZScope = {
  campaignId: ZIdParam.optional(),
  /** Narrows to one department's enterprises (the office: any; a department: one of its own). */
  departmentId: ZIdParam.optional(),
}

export const ZFiguresQuery = z.object(ZScope)

export const ZEnterpriseListQuery = z.object({
  ...ZScope,
  ...pagingFields,
  compareCampaignId: ZIdParam.optional(),
  q: line(60, '搜索').optional(),
  ownership: ZOwnership.optional(),
  partyOrg: ZPartyOrg.optional(),
  status: ZCompletionStatus.optional(),
  rectification: ZRectificationFilter.optional(),
  pledge: ZPledgeBand.optional(),
  attendance: ZAttendanceBand.optional(),
  meetings: ZMeetingBand.optional(),
  risk: ZRiskFilter.optional(),
  milestone: ZMilestoneFilter.optional(),
  /** With `band`: enterprises whose score (`overall` or a section's) falls in SCORE_BANDS[band]. */
  score: ZScoreKey.optional(),
  band: z.coerce
    .number()
    .int()
    .min(0)
    .max(SCORE_BANDS.length - 1)
    .optional(),
})
export type TEnterpriseListQuery = z.input<typeof ZEnterpriseListQuery>
export type TEnterpriseListFilter = z.output<typeof ZEnterpriseListQuery>

const count = z.number().int()
const countsOf = <T extends readonly string[]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as { [K in T[number]]: typeof count })

export const ZScoreFigure = z.object({
  key: ZScoreKey,
  /** Mean over the enterprises with a score; null when none has one. */
  average: z.number().nullable(),
  scored: count,
  /** Enterprises per SCORE_BANDS entry. */
  bands: z.array(count),
})
export type TScoreFigure = z.infer<typeof ZScoreFigure>

export const ZSupervisionFigures = z
  .object({
    campaign: ZCampaign.nullable(),
    /** Every campaign the caller can choose (newest first). */
    campaigns: z.array(ZCampaign),
    /** The departments the caller can narrow to (the office: all; a department: its own). */
    departments: z.array(z.object({ id: count, name: z.string(), enterprises: count })),
    departmentId: count.nullable(),
    total: count,
    ownership: countsOf(OWNERSHIPS),
    partyOrg: countsOf(PARTY_ORGS),
    completion: countsOf(COMPLETION_STATUSES),
    scores: z.array(ZScoreFigure),
    /** Enterprises with at least one such 整改, and how many 整改 in all. */
    rectifications: z.object({
      open: z.object({ enterprises: count, items: count }),
      awaiting: z.object({ enterprises: count, items: count }),
      overdue: z.object({ enterprises: count, items: count }),
    }),
    pledges: z.object({ year: count, members: count, signed: count, bands: countsOf(PLEDGE_BANDS) }),
    attendance: z.object({ expected: count, attended: count, bands: countsOf(ATTENDANCE_BANDS) }),
    milestones: z.object({
      leadingGroup: countsOf(ZMilestoneStatus.options),
      plan: countsOf(ZMilestoneStatus.options),
    }),
  })
  .meta({ id: 'SupervisionFigures' })
export type TSupervisionFigures = z.infer<typeof ZSupervisionFigures>

/**
 * 三会一课 this year over the same enterprises as the figures (its own request, so that the other figures
 * do not wait for it): periods done / required over their branches, and enterprises per band.
 */
export const ZMeetingFigures = z
  .object({ year: count, total: count, required: count, done: count, bands: countsOf(MEETING_BANDS) })
  .meta({ id: 'SupervisionMeetingFigures' })
export type TMeetingFigures = z.infer<typeof ZMeetingFigures>

const ZRiskCount = z.object({ points: count, enterprises: count })

/**
 * 廉洁风险点 over the same enterprises as the figures (its own request): 有效 risk points and the
 * enterprises holding them, in all, per level, past their review date, per area; the office also per
 * department. Each `enterprises` is the total of the list with the matching `risk` filter.
 */
export const ZRiskFigures = z
  .object({
    active: ZRiskCount,
    levels: z.object({ high: ZRiskCount, medium: ZRiskCount, low: ZRiskCount }),
    overdue: ZRiskCount,
    areas: z.array(
      z.object({
        area: z.enum(RISK_AREAS.map((a) => a.code) as [TRiskArea, ...TRiskArea[]]),
        points: count,
        enterprises: count,
      }),
    ),
    departments: z.array(z.object({ id: count, name: z.string(), points: count, high: count })),
  })
  .meta({ id: 'SupervisionRiskFigures' })
export type TRiskFigures = z.infer<typeof ZRiskFigures>

const ZScores = z.object({
  overall: z.number().nullable(),
  sections: z.array(z.object({ section: ZSection, score: z.number().nullable() })),
})

/**
 * 示范 mark of an enterprise (`enterprises.demonstration`, set when a round's 公示 is published): 2 示范点
 * (实施步骤（二）2 培育示范点企业), 1 示范企业, 0 none.
 */
export const ZDemonstrationMark = z.enum(['pilot', 'exemplar']).nullable()
export type TDemonstrationMark = z.infer<typeof ZDemonstrationMark>
export const DEMONSTRATION_LABELS = { pilot: '示范点', exemplar: '示范企业' } as const
export const demonstrationMark = (level: unknown): TDemonstrationMark =>
  Number(level) >= 2 ? 'pilot' : Number(level) === 1 ? 'exemplar' : null

export const ZEnterpriseListRow = z
  .object({
    enterpriseId: count,
    enterpriseName: z.string(),
    creditCode: z.string(),
    ownership: ZOwnership,
    demonstration: ZDemonstrationMark,
    partyOrg: ZPartyOrg,
    status: ZCompletionStatus,
    assessmentId: count.nullable(),
    scores: ZScores,
    /** The compared campaign's scores and the change (this minus that), with `compareCampaignId`. */
    compare: z
      .object({
        status: ZCompletionStatus,
        scores: ZScores,
        change: z.object({
          overall: z.number().nullable(),
          sections: z.array(z.object({ section: ZSection, change: z.number().nullable() })),
        }),
      })
      .nullable(),
    rectifications: z.object({ open: count, awaiting: count, overdue: count }),
    pledges: z.object({ members: count, signed: count }),
    attendance: z.object({ expected: count, attended: count }),
    meetings: z.object({ required: count, done: count }),
    /** 实施步骤: 领导小组 and 实施方案, 按时 / 逾期 / 未报, with their days and the filing's receipt. */
    milestones: ZMilestoneSummary,
  })
  .meta({ id: 'SupervisionEnterpriseRow' })
export type TEnterpriseListRow = z.infer<typeof ZEnterpriseListRow>

export const ZEnterpriseListPage = z
  .object({
    ...pageOf(ZEnterpriseListRow),
    campaign: ZCampaign.nullable(),
    compareCampaign: ZCampaign.nullable(),
  })
  .meta({ id: 'SupervisionEnterprisePage' })
export type TEnterpriseListPage = z.infer<typeof ZEnterpriseListPage>
