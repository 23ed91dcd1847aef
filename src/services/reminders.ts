/**
 * 微信提醒 (mini-program): which templates the server has per to-do kind, the tap that asks WeChat, and
 * the accepts sent to the server through the outbox (each one is one message it may send).
 */
import type { TReminderOffer } from '@/models/reminder'
import { getOutbox, type OutboxEntry } from './outbox'
import { platformSubscribe } from './platform/subscribe'
import { request } from './request'

export const REMINDER_WRITE_KIND = 'subscribe.consent'

/** Whether this platform can have reminders at all (H5 cannot: 任务 shows a digest there). */
export const remindersSupported = platformSubscribe.supported

/** Fetched before the tap: WeChat wants the request to be the first thing the tap does. */
// No schema: 任务 is in the main package, which carries no zod (the server checks its answer).
export function fetchReminderOffer(): Promise<TReminderOffer> {
  return request<TReminderOffer>({ path: '/api/v1/reminders' })
}

export type ReminderAnswer =
  | { kind: 'unsupported' }
  | { kind: 'declined' }
  /** Some accepted: their POST is in the outbox (the page waits for it with runWrite). */
  | { kind: 'accepted'; count: number; entry: OutboxEntry }

/**
 * Asks WeChat for these templates (call it first thing in onClick) and queues the accepts for the
 * server. Rejects when WeChat refuses to ask (e.g. the user turned subscribe messages off).
 */
export async function requestReminders(templateIds: string[], label: string): Promise<ReminderAnswer> {
  const answer = await platformSubscribe.request(templateIds)
  if (answer.kind === 'unsupported') return answer
  const results = answer.results.filter((r) => r.result === 'accept')
  if (results.length === 0) return { kind: 'declined' }
  const entry = getOutbox().enqueue({
    method: 'POST',
    path: '/api/v1/reminders/grants',
    body: { results },
    label,
    kind: REMINDER_WRITE_KIND,
  })
  return { kind: 'accepted', count: results.length, entry }
}

/** What the user is told when WeChat refused to show its panel. */
export function reminderFailureMessage(err: unknown): string {
  const code = (err as { errCode?: unknown } | null)?.errCode
  // 20004: the user switched off 订阅消息 for this mini-program.
  if (code === 20004) return '您已关闭本小程序的订阅消息，请在右上角“…” → 设置中打开后重试'
  return '暂时无法开启提醒，请稍后重试'
}
