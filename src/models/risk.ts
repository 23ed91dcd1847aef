import { z } from 'zod'
import { historyEntry, pageOf, pagingFields, ZDay, ZDepartmentAck, ZRowId } from './common'
import { ZOwnership } from './org'
import { ZEvidenceFile } from './file'
import { line, lines } from './textLimit'
import { RISK_AREAS, type TRiskArea } from './riskCatalogue'

export * from './riskCatalogue'

/**
 * 廉洁风险点 (tasks 7 and 13): an enterprise's register of risk points, each with its level from the
 * likelihood × impact matrix below, its 防控措施 and a review schedule (动态管理, task 13).
 */

export const RISK_GRADES = [1, 2, 3] as const
export const GRADE_LABELS: Record<number, string> = { 1: '低', 2: '中', 3: '高' }
export const RISK_LEVELS = ['high', 'medium', 'low'] as const
export const ZRiskLevel = z.enum(RISK_LEVELS)
export type TRiskLevel = z.infer<typeof ZRiskLevel>
export const RISK_LEVEL_LABELS: Record<TRiskLevel, string> = { high: '高', medium: '中', low: '低' }

/** The matrix, rows by likelihood 1..3 (低..高), columns by impact 1..3: data, not a formula. */
export const RISK_MATRIX: readonly (readonly TRiskLevel[])[] = [
  ['low', 'low', 'medium'],
  ['low', 'medium', 'high'],
  ['medium', 'high', 'high'],
]

export function riskLevel(likelihood: number, impact: number): TRiskLevel {
  return RISK_MATRIX[likelihood - 1]![impact - 1]!
}

export const RISK_STATUSES = ['active', 'rectified', 'closed'] as const
export const ZRiskStatus = z.enum(RISK_STATUSES)
export type TRiskStatus = z.infer<typeof ZRiskStatus>
export const RISK_STATUS_LABELS: Record<TRiskStatus, string> = {
  active: '有效',
  rectified: '已整改',
  closed: '已关闭',
}

/** Review cycles in months: 月度, 季度, 半年, 年度. */
export const REVIEW_CYCLES = [1, 3, 6, 12] as const
export const REVIEW_CYCLE_LABELS: Record<number, string> = { 1: '每月', 3: '每季度', 6: '每半年', 12: '每年' }

/** A to-do for the review this many days before its date. */
export const RISK_REVIEW_NOTICE_DAYS = 14

/** 'YYYY-MM-DD' `months` later, clamped to the month's last day (01-31 + 1 month → 02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** The review is overdue once its date (北京时间) has passed while the risk is still 有效. */
export function reviewOverdue(status: TRiskStatus, nextReviewDate: string, today: string): boolean {
  return status === 'active' && nextReviewDate < today
}

/**
 * A 风险预警 a supervising department may 阅知: an 有效 risk at 高 whose review is not overdue. An overdue
 * review is the enterprise's to do (复核), not the supervisors' to take note of: it stays until then.
 */
export function alertAcknowledgeable(
  risk: { status: TRiskStatus; level: TRiskLevel; nextReviewDate: string },
  today: string,
): boolean {
  return risk.status === 'active' && risk.level === 'high' && !(risk.nextReviewDate < today)
}

const ZGrade = z.number().int().min(1, '请选择 1-3').max(3, '请选择 1-3')
export const ZRiskAreaCode = z.enum(RISK_AREAS.map((a) => a.code) as [TRiskArea, ...TRiskArea[]])

const riskFields = {
  area: ZRiskAreaCode,
  /** Only for 其他: the area's name. */
  areaName: line(30, '领域名称').nullable().optional(),
  post: line(60, '岗位/环节').min(2, '请填写岗位或环节'),
  description: lines(1000, '风险描述').min(2, '请描述风险'),
  likelihood: ZGrade,
  impact: ZGrade,
  measures: lines(1000, '防控措施').min(2, '请填写防控措施'),
  owner: line(30, '责任人').min(1, '请填写责任人'),
  reviewCycle: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]),
  /** Empty: one cycle from today (北京时间). */
  nextReviewDate: ZDay.nullable().optional(),
  /** The starter item the risk was taken from, if any. */
  starterCode: line(16).nullable().optional(),
}

const otherNeedsName = (v: { area: TRiskArea; areaName?: string | null }) =>
  v.area !== 'other' || (v.areaName ?? '').length > 0

export const ZRiskCreate = z
  .object(riskFields)
  .refine(otherNeedsName, { message: '请填写“其他”领域的名称', path: ['areaName'] })
  .meta({ id: 'RiskCreate' })
export type TRiskCreate = z.input<typeof ZRiskCreate>

export const ZRiskUpdate = z
  .object({ ...riskFields, status: ZRiskStatus, version: z.number().int().min(1) })
  .refine(otherNeedsName, { message: '请填写“其他”领域的名称', path: ['areaName'] })
  .meta({ id: 'RiskUpdate' })
export type TRiskUpdate = z.input<typeof ZRiskUpdate>

/** A review: what was found, the likelihood and impact now (the level follows), on the version read. */
export const ZRiskReviewBody = z
  .object({
    note: lines(1000, '复核情况').min(2, '请填写复核情况'),
    likelihood: ZGrade,
    impact: ZGrade,
    version: z.number().int().min(1),
  })
  .meta({ id: 'RiskReview' })
export type TRiskReviewBody = z.input<typeof ZRiskReviewBody>

export const ZRiskRectify = z
  .object({
    detail: lines(1000, '整改要求').min(2, '请填写整改要求'),
    deadline: ZDay,
  })
  .meta({ id: 'RiskRectify' })
export type TRiskRectify = z.input<typeof ZRiskRectify>

export const RISK_HISTORY_KINDS = ['created', 'edited', 'reviewed', 'rectification', 'rectified'] as const
export const RISK_HISTORY_LABELS: Record<(typeof RISK_HISTORY_KINDS)[number], string> = {
  created: '登记',
  edited: '修改',
  reviewed: '复核',
  rectification: '转为整改',
  rectified: '整改销号',
}

export const ZRisk = z
  .object({
    id: ZRowId,
    enterpriseId: ZRowId,
    area: ZRiskAreaCode,
    areaName: z.string(),
    post: z.string(),
    description: z.string(),
    likelihood: z.number().int(),
    impact: z.number().int(),
    level: ZRiskLevel,
    measures: z.string(),
    owner: z.string(),
    reviewCycle: z.number().int(),
    nextReviewDate: z.string(),
    reviewOverdue: z.boolean(),
    status: ZRiskStatus,
    rectificationId: ZRowId.nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Risk' })
export type TRisk = z.infer<typeof ZRisk>

/** The risk's 风险预警 as its supervising departments take note of it (阅知, one per department and occasion). */
export const ZRiskAlert = z.object({
  /** The current occasion: what a 阅知 covers (a new one after a new 高, an edit of the post or measures, or a late review). */
  occasion: z.number().int(),
  /** The 阅知 of this occasion, by department, the first of each. */
  acks: z.array(ZDepartmentAck),
  /** The caller has a department supervising the enterprise that has not 阅知 it, and it may be (alertAcknowledgeable). */
  canAcknowledge: z.boolean(),
})
export type TRiskAlert = z.infer<typeof ZRiskAlert>

export const ZRiskDetail = ZRisk.extend({
  /** A 整改 raised from it is not 销号 yet: no second one may be raised (409 RISK_RECTIFICATION_OPEN). */
  rectificationOpen: z.boolean(),
  attachments: z.array(ZEvidenceFile),
  alert: ZRiskAlert,
  history: z.array(
    historyEntry({
      kind: z.enum(RISK_HISTORY_KINDS),
      note: z.string().nullable(),
      fromLevel: ZRiskLevel.nullable(),
      toLevel: ZRiskLevel.nullable(),
    }),
  ),
}).meta({ id: 'RiskDetail' })
export type TRiskDetail = z.infer<typeof ZRiskDetail>

export const ZRiskListQuery = z.object({ ...pagingFields })

export const ZRiskList = z
  .object({
    /** The enterprise's ownership: which starter list (RISK_STARTERS) applies. */
    ownership: ZOwnership,
    ...pageOf(ZRisk),
    /** Of the whole register (有效 only): the alerts a supervisor sees. */
    summary: z.object({ active: z.number().int(), high: z.number().int(), overdue: z.number().int() }),
  })
  .meta({ id: 'RiskList' })
export type TRiskList = z.infer<typeof ZRiskList>
