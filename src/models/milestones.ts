import { z } from 'zod'
import { enterpriseRef, ZDay, ZRowId } from './common'
import { lines, oneLine } from './textLimit'
import { ZStoredFile } from './file'
import { shanghaiDate } from './shanghaiTime'
import { formatDate } from './format'

/**
 * The milestones of the programme's 实施步骤 an enterprise must reach: its 清廉建设工作领导小组 and its own
 * 实施方案 filed with its supervising department. Pure rules and schemas (shared by the app and the server).
 */

/**
 * The programme's deadline for both, from the county document (seed/000_9b535e9640dff580.txt, 三、实施步骤
 * （二）全面推进阶段 1.): "各企业根据清廉企业建设实施方案要求及时成立本企业清廉建设工作领导小组。结合实际制定
 * 本企业开展清廉企业工作实施方案……将工作方案分别报各监管部门或主管部门。（2022年6月15日前完成）"
 */
export const PROGRAMME_DEADLINE = '2022-06-15'
export const PROGRAMME_DEADLINE_QUOTE = '将工作方案分别报各监管部门或主管部门。（2022年6月15日前完成）'

export const MILESTONE_STATUSES = ['on_time', 'late', 'missing'] as const
export const ZMilestoneStatus = z.enum(MILESTONE_STATUSES)
export type TMilestoneStatus = z.infer<typeof ZMilestoneStatus>
export const MILESTONE_STATUS_LABELS: Record<TMilestoneStatus, string> = {
  on_time: '按时',
  late: '逾期',
  missing: '未报',
}

/** Whose date binds an enterprise: its own, the county's, or the programme's. */
export const DEADLINE_SOURCES = ['enterprise', 'county', 'programme'] as const
export type TDeadlineSource = (typeof DEADLINE_SOURCES)[number]
export const DEADLINE_SOURCE_LABELS: Record<TDeadlineSource, string> = {
  enterprise: '领导小组办公室为本企业设定',
  county: '领导小组办公室全县统一设定',
  programme: '实施方案规定',
}

/**
 * THE rule of the deadline that binds an enterprise (every view, count and export goes through it, or
 * through its SQL form `deadlineSql` in server/features/milestones/repository.ts): the date the office set
 * for this enterprise (a later joiner), else the county-wide date the office set (a county switching on
 * after 2022), else the programme's.
 */
export function resolveMilestoneDeadline(
  own: string | null | undefined,
  county: string | null | undefined,
): { deadline: string; source: TDeadlineSource } {
  if (own) return { deadline: own, source: 'enterprise' }
  if (county) return { deadline: county, source: 'county' }
  return { deadline: PROGRAMME_DEADLINE, source: 'programme' }
}

export function milestoneDeadline(own: string | null | undefined, county: string | null | undefined): string {
  return resolveMilestoneDeadline(own, county).deadline
}

/** How the 工作台账's 说明 and the pages word the rule, with the county's date when it set one. */
export function deadlineRuleText(county: string | null): string {
  return county
    ? `截止 ${formatDate(county)}（领导小组办公室全县统一设定，实施方案原定 ${formatDate(PROGRAMME_DEADLINE)}；办公室为个别企业设定的日期优先）`
    : `截止 ${formatDate(PROGRAMME_DEADLINE)}（后加入的企业以办公室设定的日期为准）`
}

/**
 * 按时 / 逾期 / 未报 of one milestone: `doneOn` is the 北京时间 day it was reached ('YYYY-MM-DD', null when
 * not yet). Reached on or before the deadline's day: 按时; after it: 逾期; not reached: 未报 (whether or not
 * the deadline has passed; `overdue` below tells that apart).
 */
export function milestoneStatus(doneOn: string | null, deadline: string): TMilestoneStatus {
  if (doneOn === null) return 'missing'
  return doneOn <= deadline ? 'on_time' : 'late'
}

/** Not reached and the deadline's day (北京时间) is over. */
export function milestoneOverdue(doneOn: string | null, deadline: string, now: number): boolean {
  return doneOn === null && shanghaiDate(now) > deadline
}

/** The 北京时间 day of a filing's instant: a filing at 23:59 北京时间 on the deadline is on time. */
export function filedOn(submittedAtIso: string): string {
  return shanghaiDate(Date.parse(submittedAtIso))
}

export const ZMilestoneDate = ZDay.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}, '日期无效')

// ---------- 清廉建设工作领导小组 ----------

export const GROUP_ROLES = ['leader', 'deputy', 'member'] as const
export const ZGroupRole = z.enum(GROUP_ROLES)
export type TGroupRole = z.infer<typeof ZGroupRole>
export const GROUP_ROLE_LABELS: Record<TGroupRole, string> = {
  leader: '组长',
  deputy: '副组长',
  member: '成员',
}

/** No control characters (PostgreSQL refuses NUL in text). */

export const ZLeadingGroupMember = z.object({
  name: oneLine(z.string().trim().min(1, '请填写姓名').max(30, '姓名不超过30个字'), '姓名'),
  title: oneLine(z.string().trim().min(1, '请填写职务').max(40, '职务不超过40个字'), '职务'),
  groupRole: ZGroupRole,
})
export type TLeadingGroupMember = z.infer<typeof ZLeadingGroupMember>

export const ZLeadingGroupSave = z
  .object({
    setUpDate: ZMilestoneDate,
    members: z.array(ZLeadingGroupMember).min(1, '请填写领导小组成员').max(50, '成员不超过50人'),
  })
  .superRefine((v, ctx) => {
    const leaders = v.members.filter((m) => m.groupRole === 'leader').length
    if (leaders !== 1)
      ctx.addIssue({ code: 'custom', path: ['members'], message: '领导小组须有且只有一名组长' })
  })
  .meta({ id: 'LeadingGroupSave' })
export type TLeadingGroupSave = z.infer<typeof ZLeadingGroupSave>

// ---------- 实施方案 filed with a supervising department ----------

export const PLAN_FILING_STATUSES = ['submitted', 'received', 'returned'] as const
export const ZPlanFilingStatus = z.enum(PLAN_FILING_STATUSES)
export type TPlanFilingStatus = z.infer<typeof ZPlanFilingStatus>
export const PLAN_FILING_STATUS_LABELS: Record<TPlanFilingStatus, string> = {
  submitted: '待接收',
  received: '已收到',
  returned: '已退回',
}

export const ZPlanFiling = z
  .object({
    id: z.number().int(),
    revision: z.number().int(),
    departmentId: z.number().int(),
    departmentName: z.string(),
    status: ZPlanFilingStatus,
    files: z.array(ZStoredFile),
    submittedAt: z.string(),
    submittedByName: z.string(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    returnReason: z.string().nullable(),
  })
  .meta({ id: 'PlanFiling' })
export type TPlanFiling = z.infer<typeof ZPlanFiling>

export const ZPlanFile = z
  .object({
    departmentId: ZRowId,
    fileIds: z
      .array(ZRowId)
      .min(1, '请上传实施方案文件')
      .max(9, '文件不超过9个')
      .refine((ids) => new Set(ids).size === ids.length, '文件重复'),
  })
  .meta({ id: 'PlanFile' })
export type TPlanFile = z.infer<typeof ZPlanFile>

export const ZPlanDecision = z
  .object({
    decision: z.enum(['receive', 'return']),
    reason: lines(500, '退回原因').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '退回须填写原因' })
  })
  .meta({ id: 'PlanDecision' })
export type TPlanDecision = z.infer<typeof ZPlanDecision>

/**
 * A deadline the office sets, for one enterprise or the whole county (null: back to the next in line, see
 * `resolveMilestoneDeadline`); the county's may not be before the programme's (checked by the server).
 */
export const ZMilestoneDeadlineSet = z
  .object({ deadline: ZMilestoneDate.nullable() })
  .meta({ id: 'MilestoneDeadlineSet' })

/** The county-wide 领导小组与实施方案完成期限 as the office reads it. */
export const ZCountyDeadline = z
  .object({
    /** Null: none set, the programme's date binds. */
    deadline: z.string().nullable(),
    programme: z.string(),
    updatedAt: z.string().nullable(),
    updatedByName: z.string().nullable(),
    /** Enterprises that keep a date of their own (it wins over the county's). */
    ownDeadlines: z.number().int(),
  })
  .meta({ id: 'CountyDeadline' })
export type TCountyDeadline = z.infer<typeof ZCountyDeadline>

// ---------- views ----------

/** One milestone's standing: the day it was reached, and 按时 / 逾期 / 未报 against the deadline. */
export const ZMilestoneState = z.object({
  doneOn: z.string().nullable(),
  status: ZMilestoneStatus,
  /** 未报 and the deadline is over. */
  overdue: z.boolean(),
})
export type TMilestoneState = z.infer<typeof ZMilestoneState>

export const ZMilestones = z
  .object({
    ...enterpriseRef,
    deadline: z.string(),
    /** False when the office set this enterprise's own deadline. */
    programmeDeadline: z.boolean(),
    /** Whose date `deadline` is. */
    deadlineSource: z.enum(DEADLINE_SOURCES),
    leadingGroup: ZMilestoneState.extend({
      setUpDate: z.string().nullable(),
      members: z.array(ZLeadingGroupMember),
    }),
    plan: ZMilestoneState.extend({
      /** The filing that stands or was last returned (null: none through the app). */
      current: ZPlanFiling.nullable(),
      history: z.array(ZPlanFiling),
      /** The liaison may file (again): nothing filed yet, or the last filing was returned. */
      canFile: z.boolean(),
    }),
    /** The departments supervising the enterprise: where the 实施方案 may be filed. */
    departments: z.array(z.object({ id: z.number().int(), name: z.string() })),
  })
  .meta({ id: 'Milestones' })
export type TMilestones = z.infer<typeof ZMilestones>

/** One enterprise's milestones in one line (supervision overview, 工作台账). */
export const ZMilestoneSummary = z.object({
  deadline: z.string(),
  leadingGroup: ZMilestoneState,
  plan: ZMilestoneState.extend({ receipt: ZPlanFilingStatus.nullable() }),
})
export type TMilestoneSummary = z.infer<typeof ZMilestoneSummary>

/** The summary from the stored facts: the rule applied to both milestones against the deadline that binds the enterprise. */
export function milestoneSummary(
  facts: {
    ownDeadline: string | null
    /** The county-wide date, when the office set one. */
    countyDeadline: string | null
    leadingGroupDate: string | null
    planFiledDate: string | null
    planReceipt: TPlanFilingStatus | null
  },
  now: number,
): TMilestoneSummary {
  const deadline = milestoneDeadline(facts.ownDeadline, facts.countyDeadline)
  const state = (doneOn: string | null): TMilestoneState => ({
    doneOn,
    status: milestoneStatus(doneOn, deadline),
    overdue: milestoneOverdue(doneOn, deadline, now),
  })
  return {
    deadline,
    leadingGroup: state(facts.leadingGroupDate),
    plan: { ...state(facts.planFiledDate), receipt: facts.planReceipt },
  }
}

/** '按时 2022年6月10日', '逾期 2022年7月1日', '未报' or '未报（已过截止日）'. */
export function milestoneText(state: TMilestoneState): string {
  const label = MILESTONE_STATUS_LABELS[state.status]
  if (state.doneOn) return `${label} ${formatDate(state.doneOn)}`
  return state.overdue ? `${label}（已过截止日）` : label
}
