import type { TTodo, TTodoKind } from '../../../src/models/todo'
import { chineseDay } from '../../../src/models/shanghaiTime'

/**
 * What a reminder says, per to-do kind: the template the county picks for a kind in 微信公众平台 →
 * 订阅消息 must have these keywords, under these keys (a template's keys are fixed by WeChat: check the
 * template's detail page and change its row here if they differ). Values are cut to WeChat's limits when
 * sent (thing ≤ 20 characters, phrase ≤ 5: `fitField`).
 */
export type Occasion = 'new' | 'overdue'

type Source =
  /** the to-do's title: 整改：完善采购审批制度 */
  | 'title'
  /** the enterprise (or branch, department) it belongs to */
  | 'detail'
  /** its last day (北京时间), as the keyword's type writes it */
  | 'due'
  /** 待办理 / 已逾期 */
  | 'state'

/** 待办事项提醒: 待办事项 (thing1), 截止时间 (time2), 状态 (phrase3), 所属单位 (thing4). */
const DATED: Record<string, Source> = { thing1: 'title', time2: 'due', phrase3: 'state', thing4: 'detail' }
/** 审批提醒: 事项 (thing1), 所属单位 (thing2), 状态 (phrase3); these kinds have no last day. */
const UNDATED: Record<string, Source> = { thing1: 'title', thing2: 'detail', phrase3: 'state' }

export const MESSAGE_FIELDS: Record<TTodoKind, Record<string, Source>> = {
  // 催办 of an overdue 整改 or an unsubmitted self-assessment: the matter's last day.
  urge: DATED,
  rectification_returned: DATED,
  rectification_notice: DATED,
  rectification_open: DATED,
  risk_review: DATED,
  special_report: DATED,
  milestone_missing: DATED,
  assessment_returned: DATED,
  assessment_fill: DATED,
  pledge_countersign: UNDATED,
  pledge_sign: UNDATED,
  // 会议提醒 (the template 三会一课 reminders have always used): 会议 (thing1), 截止日期 (date2), 支部 (thing3).
  meeting_due: { thing1: 'title', date2: 'due', thing3: 'detail' },
  // 参加「2026年度廉政知识竞赛」 by its last day.
  quiz_open: DATED,
  // 添加监管部门, 导入企业名单, …: the office's own (its hint in thing2, as it has no other unit).
  county_setup: UNDATED,
  assessment_review: UNDATED,
  plan_receive: UNDATED,
  // 阅看「…」的权力清单: a new version, no last day.
  power_list_unread: UNDATED,
  rectification_verify: UNDATED,
  risk_alert: UNDATED,
  member_pending: UNDATED,
}

/** The page a reminder opens: 任务, where the to-do is listed with the others (the most urgent first). */
export const REMINDER_PAGE = 'pages/tasks/index'

/**
 * A last day as WeChat's keyword types take it: `date` 2026年3月20日; `time` needs a time of day, so the
 * day's end, 2026年3月20日 23:59 (a bare date in a time field is refused with 47003).
 */
function dueText(key: string, day: string): string {
  const date = chineseDay(day)
  return key.startsWith('time') ? `${date} 23:59` : date
}

/** The message's data for one to-do, before the fields are cut to their limits. */
export function messageData(todo: TTodo, occasion: Occasion, today: string): Record<string, string> {
  const value = (key: string, source: Source): string => {
    switch (source) {
      case 'title':
        return todo.title
      case 'detail':
        return todo.detail || '—'
      case 'due':
        // Dated kinds always have a last day; today keeps a time field valid if one ever has none.
        return dueText(key, todo.dueDate ?? today)
      case 'state':
        return occasion === 'overdue' ? '已逾期' : '待办理'
    }
  }
  return Object.fromEntries(Object.entries(MESSAGE_FIELDS[todo.kind]).map(([key, s]) => [key, value(key, s)]))
}
