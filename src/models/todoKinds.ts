// No zod here: the main package (tab pages) imports it, and zod stays in the subpackages.
import type { TWorklist } from './worklists'

/**
 * What waits for the caller (任务): one list computed on the server from every flow, so the tab, its
 * badge and the reminders agree. The kinds, in the order the list shows them when nothing is overdue.
 */
export const TODO_KINDS = [
  'urge',
  'rectification_returned',
  'rectification_notice',
  'rectification_open',
  'risk_review',
  'special_report',
  'milestone_missing',
  'assessment_returned',
  'assessment_fill',
  'pledge_countersign',
  'pledge_sign',
  'meeting_due',
  'quiz_open',
  'county_setup',
  'assessment_review',
  'plan_receive',
  'power_list_unread',
  'rectification_verify',
  'risk_alert',
  'member_pending',
] as const
export type TTodoKind = (typeof TODO_KINDS)[number]

/** The heading of each kind, as the H5 digest and the reminder settings name them. */
export const TODO_KIND_LABELS: Record<TTodoKind, string> = {
  urge: '督办催办',
  rectification_returned: '整改被退回',
  rectification_notice: '整改通知',
  rectification_open: '待整改',
  risk_review: '风险点待复核',
  special_report: '专项整治待填报',
  milestone_missing: '实施步骤待完成',
  assessment_returned: '自查被退回',
  assessment_fill: '待自查',
  pledge_countersign: '待会签承诺',
  pledge_sign: '待签承诺',
  meeting_due: '三会一课到期',
  quiz_open: '廉政知识竞赛',
  county_setup: '开通准备',
  assessment_review: '待审核自查',
  plan_receive: '待接收实施方案',
  power_list_unread: '权力清单待阅看',
  rectification_verify: '待核验整改',
  risk_alert: '廉洁风险预警',
  member_pending: '待审核加入申请',
}

/**
 * The supervisors' kinds with a 工作清单 of their own (src/models/worklists.ts, where each row has its action):
 * from TODO_GROUP_FROM of one kind, 任务 shows one item 「N家企业…」 that opens the list instead of each
 * (a department of 2,000 enterprises would otherwise page through hundreds of 审核 before any 核验).
 */
export const TODO_GROUP_WORKLISTS = {
  assessment_review: 'review',
  rectification_verify: 'verify',
  risk_alert: 'risk_alert',
} as const satisfies Partial<Record<TTodoKind, TWorklist>>
export type TGroupedTodoKind = keyof typeof TODO_GROUP_WORKLISTS
export const TODO_GROUP_FROM = 10
