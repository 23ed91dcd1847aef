import { z } from 'zod'
import { enterpriseRef, pageOf, pagingFields, ZIdParam, ZRowId } from './common'
import { line, lines } from './textLimit'

/**
 * 工作清单: the county-wide lists of what is waiting, for a department (the enterprises it supervises)
 * and the office (all), with 催办 where the enterprise owes the next step.
 * - overdue: 整改 still to do (待整改 / 被退回) whose deadline is before today (北京时间);
 * - verify: 整改 the enterprise has answered, waiting for 核验;
 * - review: self-assessments submitted, waiting for 审核 (any campaign);
 * - not_started: enterprises without a submitted self-assessment of the current campaign (none at all,
 *   or a draft never submitted);
 * - risk_alert: 风险预警, 有效 廉洁风险点 at 高 or past their review date (the rule of the supervisors'
 *   风险预警 to-dos, server/features/risks/repository.ts riskAlerting).
 * verify and review wait for the supervisors, not the enterprise: they offer the action, not 催办.
 */
export const WORKLISTS = ['overdue', 'verify', 'review', 'not_started', 'risk_alert'] as const
export const ZWorklist = z.enum(WORKLISTS)
export type TWorklist = z.infer<typeof ZWorklist>

export const WORKLIST_LABELS: Record<TWorklist, string> = {
  overdue: '逾期整改',
  verify: '待核验',
  review: '待审核',
  not_started: '未提交自查',
  risk_alert: '风险预警',
}

/**
 * What a 催办 is about: an open 整改 (its id), a campaign's self-assessment (the campaign's id), or a
 * 廉洁风险点 under 风险预警 (the risk's id: review it, or take it down).
 */
export const ZUrgeKind = z.enum(['rectification', 'campaign', 'risk'])
export type TUrgeKind = z.infer<typeof ZUrgeKind>

export const ZWorklistQuery = z.object({
  /** Part of the enterprise's name or credit code. */
  q: line(40, '搜索内容').optional(),
  /** oldest: the longest waiting first (the default); newest: the latest first. */
  order: z.enum(['oldest', 'newest']).default('oldest'),
  ...pagingFields,
})
export type TWorklistQuery = z.infer<typeof ZWorklistQuery>

export const ZWorkItem = z
  .object({
    ...enterpriseRef,
    creditCode: z.string(),
    /** The 整改 (overdue, verify), the assessment (review, not_started with a draft), or null. */
    rectificationId: z.number().int().nullable(),
    assessmentId: z.number().int().nullable(),
    /** The 廉洁风险点 (risk_alert), or null. */
    riskId: z.number().int().nullable(),
    /** The 整改's title, the campaign's name, or the risk's area and post (领域 · 岗位). */
    title: z.string(),
    /** overdue: the deadline; not_started: the campaign's due date; risk_alert: the review date; else null. */
    deadline: z.string().nullable(),
    /** Since when it waits (ISO): answered (verify), submitted (review); null otherwise. */
    since: z.string().nullable(),
    /**
     * The 整改's or assessment's status ('none' when the enterprise has no assessment of the campaign); the
     * risk's level (high / medium / low).
     */
    status: z.string(),
    /** What POST /urges takes for this row; null where the next step is not the enterprise's. */
    urge: z.object({ kind: ZUrgeKind, itemId: z.number().int() }).nullable(),
    /**
     * risk_alert: the alert's occasion (what POST …/risks/:id/alerts/:occasion/acknowledgements takes), whether
     * the caller's departments have all 阅知 it (已阅知: it has left their 任务), and whether they may; null
     * in the other lists.
     */
    alert: z
      .object({ occasion: z.number().int(), acknowledged: z.boolean(), canAcknowledge: z.boolean() })
      .nullable(),
    /** The latest 催办 of this matter, and whether it was today (北京时间: one a day). */
    lastUrgedAt: z.string().nullable(),
    urgedToday: z.boolean(),
  })
  .meta({ id: 'WorkItem' })
export type TWorkItem = z.infer<typeof ZWorkItem>

export const ZWorklistCampaign = z.object({ id: z.number().int(), name: z.string(), dueDate: z.string() })

export const ZWorklistPage = z
  .object({
    list: ZWorklist,
    /** The current campaign (the latest open one) that not_started is about; null when none is open. */
    campaign: ZWorklistCampaign.nullable(),
    ...pageOf(ZWorkItem),
  })
  .meta({ id: 'WorklistPage' })
export type TWorklistPage = z.infer<typeof ZWorklistPage>

/** The number of rows of each list with the same search: each equals its list's total. */
export const ZWorklistCounts = z
  .object({
    counts: z.record(ZWorklist, z.number().int()),
    /** Of risk_alert's rows, those the caller's departments have all 阅知 (0 for the office, which does not). */
    acknowledged: z.number().int(),
    campaign: ZWorklistCampaign.nullable(),
  })
  .meta({ id: 'WorklistCounts' })
export type TWorklistCounts = z.infer<typeof ZWorklistCounts>

export const URGE_NOTE_MAX = 200

/** Who a 催办 of the office is from (it is no supervising department). */
export const OFFICE_URGE_NAME = '领导小组办公室'

export const ZUrgeCreate = z
  .object({
    enterpriseId: ZRowId,
    kind: ZUrgeKind,
    itemId: ZRowId,
    note: lines(URGE_NOTE_MAX, '催办说明').optional(),
  })
  .meta({ id: 'UrgeCreate' })
export type TUrgeCreate = z.infer<typeof ZUrgeCreate>

export const ZUrge = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    /** The supervising department that sent it; null: the office. */
    departmentId: z.number().int().nullable(),
    /** Its name, or the office's. */
    fromName: z.string(),
    kind: ZUrgeKind,
    itemId: z.number().int(),
    note: z.string().nullable(),
    createdBy: z.number().int(),
    createdByName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Urge' })
export type TUrge = z.infer<typeof ZUrge>

/** The 催办 just sent, and how many 联络员 will find it in 任务 (0: the enterprise has none yet). */
export const ZUrgeResult = ZUrge.extend({ liaisons: z.number().int() }).meta({ id: 'UrgeResult' })
export type TUrgeResult = z.infer<typeof ZUrgeResult>

export const ZUrgeListQuery = z.object({ enterpriseId: ZIdParam, ...pagingFields })
export const ZUrgePage = z.object(pageOf(ZUrge)).meta({ id: 'UrgePage' })
export type TUrgePage = z.infer<typeof ZUrgePage>
