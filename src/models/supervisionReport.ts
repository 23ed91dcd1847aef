import { z } from 'zod'
import { pageOf, pagingFields, ZDay, ZIdParam } from './common'
import { ZSection } from './checklist'
import { line, lines } from './textLimit'

/**
 * 督查专报 (工作要求（二）强化监督检查: 领导小组办公室对推进工作不力、责任落实不到位的采取督查专报、整改通知等方式):
 * the office's (all enterprises) or a department's (its enterprises) report for a period. Its figures are
 * a snapshot taken when it is made, kept with it; its text sections are edited while it is a draft (each
 * edit names the version it read: a stale one answers 409 REPORT_STALE); a finalised report is fixed.
 */
export const REPORT_STATUSES = ['draft', 'final'] as const
export const ZReportStatus = z.enum(REPORT_STATUSES)
export type TReportStatus = z.infer<typeof ZReportStatus>
export const REPORT_STATUS_LABELS: Record<TReportStatus, string> = { draft: '草稿', final: '已定稿' }

/** The editable text, one per heading of the document. */
export const REPORT_SECTIONS = ['scope', 'progress', 'problems', 'named', 'nextSteps'] as const
export type TReportSectionKey = (typeof REPORT_SECTIONS)[number]
export const REPORT_SECTION_HEADINGS: Record<TReportSectionKey, string> = {
  scope: '一、督查范围',
  progress: '二、工作进展',
  problems: '三、发现的问题',
  named: '四、通报企业',
  nextSteps: '五、下一步工作',
}
const sectionText = lines(4000, '正文')
export const ZReportSections = z.object({
  scope: sectionText,
  progress: sectionText,
  problems: sectionText,
  named: sectionText,
  nextSteps: sectionText,
})
export type TReportSections = z.infer<typeof ZReportSections>

const count = z.number().int()
/** One row of the progress table: a department's enterprises (or 合计, counted once each). */
export const ZReportRow = z.object({
  name: z.string(),
  departmentId: count.nullable(),
  enterprises: count,
  notStarted: count,
  draft: count,
  submitted: count,
  returned: count,
  accepted: count,
  overdueEnterprises: count,
  average: z.number().nullable(),
})
export type TReportRow = z.infer<typeof ZReportRow>

/**
 * One row of 本期工作情况: what happened in the report's period (北京时间 days, inclusive) among a department's
 * enterprises (or all, 合计): 自查 submitted and returned, 整改 issued, closed (销号), become overdue (its
 * deadline passed in the period before it was handed in for verification), 催办 sent.
 */
export const ZReportPeriodRow = z.object({
  name: z.string(),
  departmentId: count.nullable(),
  submitted: count,
  returned: count,
  issued: count,
  closed: count,
  becameOverdue: count,
  urged: count,
})
export type TReportPeriodRow = z.infer<typeof ZReportPeriodRow>
export const ZReportPeriod = z.object({
  start: z.string(),
  end: z.string(),
  rows: z.array(ZReportPeriodRow),
  total: ZReportPeriodRow,
})
export type TReportPeriod = z.infer<typeof ZReportPeriod>

const ZNamed = z.object({ enterpriseId: count, name: z.string(), reason: z.string() })

/** The figures as of generation. */
export const ZReportSnapshot = z.object({
  generatedAt: z.string(),
  campaign: z.object({ id: count, name: z.string() }).nullable(),
  issuer: z.string(),
  rows: z.array(ZReportRow),
  total: ZReportRow,
  rectifications: z.object({ open: count, awaiting: count, overdue: count, overdueEnterprises: count }),
  /** Dimensions with enterprises under 60: how many, and the mean. */
  weakSections: z.array(z.object({ section: ZSection, below: count, average: z.number().nullable() })),
  returned: z.array(ZNamed),
  named: z.array(ZNamed),
  /** The period's counts (absent from snapshots taken before they were kept: such a report shows none). */
  period: ZReportPeriod.optional(),
})
export type TReportSnapshot = z.infer<typeof ZReportSnapshot>

/** The longest period a report covers (a year, 366 days in a leap year). */
export const REPORT_PERIOD_MAX_DAYS = 366

/**
 * Why a period is refused (REPORT_PERIOD_INVALID), null when good: end before start, end after `today`, or
 * longer than a year (inclusive days).
 */
export function reportPeriodProblem(start: string, end: string, today: string): string | null {
  if (end < start) return '结束日期不能早于开始日期'
  if (end > today) return '结束日期不能晚于今天'
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1
  if (days > REPORT_PERIOD_MAX_DAYS) return '督查期间不能超过1年'
  return null
}

export const ZReportCreate = z.object({
  title: line(60, '标题'),
  periodStart: ZDay,
  periodEnd: ZDay,
  campaignId: ZIdParam.optional(),
  /** A 监管员's report is of one of its departments (default: the first); the office's of all. */
  departmentId: ZIdParam.optional(),
})
export type TReportCreate = z.infer<typeof ZReportCreate>

export const ZReportEdit = z.object({
  version: count.min(1),
  title: line(60, '标题').optional(),
  sections: ZReportSections.partial().optional(),
})
export type TReportEdit = z.infer<typeof ZReportEdit>

export const ZReportFinalise = z.object({ version: count.min(1) })
/** 更新数据: retake a draft's figures (the version read); edited text is kept. */
export const ZReportRefresh = z.object({ version: count.min(1) })

export const ZReportSummary = z.object({
  id: count,
  number: count,
  title: z.string(),
  departmentId: count.nullable(),
  issuer: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: ZReportStatus,
  version: count,
  createdAt: z.string(),
  updatedAt: z.string(),
  finalisedAt: z.string().nullable(),
})
export type TReportSummary = z.infer<typeof ZReportSummary>

export const ZReport = ZReportSummary.extend({
  sections: ZReportSections,
  /** The sections the user edited (kept when the figures are refreshed). */
  editedSections: z.array(z.enum(REPORT_SECTIONS)),
  snapshot: ZReportSnapshot,
}).meta({ id: 'SupervisionReport' })
export type TReport = z.infer<typeof ZReport>

export const ZReportPage = z.object(pageOf(ZReportSummary)).meta({ id: 'SupervisionReportPage' })
export type TReportPage = z.infer<typeof ZReportPage>
export const ZReportListQuery = z.object(pagingFields)
export const ZReportParams = z.object({ reportId: ZIdParam })
