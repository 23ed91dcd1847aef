import type { TRectificationStatus } from './rectification'
import { shanghaiDate } from './shanghaiTime'

/**
 * Whether a 整改 keeps (or kept) its deadline: the one rule behind the 整改 pages and the 工作台账. Pure and
 * free of zod (the status type above is a type only), so any page may use it. Dates are 北京时间 days.
 */

export const RECTIFICATION_TIMELINESS = ['not_due', 'overdue', 'done_on_time', 'done_late'] as const
export type TRectificationTimeliness = (typeof RECTIFICATION_TIMELINESS)[number]
export const RECTIFICATION_TIMELINESS_LABELS: Record<TRectificationTimeliness, string> = {
  not_due: '未到期',
  overdue: '逾期',
  done_on_time: '按时完成',
  done_late: '逾期完成',
}

/** Overdue: not yet closed or awaiting verification, and the deadline (a date, Asia/Shanghai) has passed. */
export function isOverdue(status: TRectificationStatus, deadline: string, today: string): boolean {
  return (status === 'open' || status === 'returned') && deadline < today
}

/**
 * 逾期 / 未到期 while it is 待整改 or 退回重改 (by `today`); 逾期完成 / 按时完成 once it is 待核验 or 已销号,
 * by the 北京时间 day of `submittedAt`: the hand-in that led to that state (the last one: a submission
 * that was returned does not count, a resubmission counts by its own date). Handed in on the deadline's
 * day is on time. A finished 整改 with nothing recorded of its hand-in (rows written straight into the
 * database, never through the app) has nothing to show it late: 按时完成.
 */
export function rectificationTimeliness(
  r: { status: TRectificationStatus; deadline: string; submittedAt: string | null },
  today: string,
): TRectificationTimeliness {
  if (r.status === 'open' || r.status === 'returned')
    return isOverdue(r.status, r.deadline, today) ? 'overdue' : 'not_due'
  if (r.submittedAt === null) return 'done_on_time'
  return shanghaiDate(Date.parse(r.submittedAt)) > r.deadline ? 'done_late' : 'done_on_time'
}

/**
 * What the 工作台账's 是否逾期 column says: 逾期 or 逾期完成; blank for one on time or not yet due, so the
 * marked rows stand out in print.
 */
export function ledgerOverdueCell(t: TRectificationTimeliness): string {
  return t === 'overdue' || t === 'done_late' ? RECTIFICATION_TIMELINESS_LABELS[t] : ''
}
