import { ZSignInResult } from '@/models/event'
import type { Outbox, OutboxEntry } from './outbox'
import type { TransportResponse } from './request'
import { formatDateTime } from '@/models/format'
import { settleWrite } from './settleWrite'

export type SignInTone = 'success' | 'info' | 'warning' | 'error' | 'pending'

/** What the sign-in page shows: one clear result. */
export interface SignInView {
  tone: SignInTone
  title: string
  detail: string
  /** The location is needed: the page asks for it and sends again. */
  needsLocation?: boolean
  eventId?: number
}

/** Titles of the refusals, by server error code. */
export const SIGN_IN_REFUSALS: Record<string, { title: string; detail: string }> = {
  QR_EXPIRED: { title: '二维码已过期', detail: '请扫描现场屏幕上最新的二维码' },
  QR_INVALID: { title: '无效二维码', detail: '这不是本系统的活动签到码' },
  OUTSIDE_WINDOW: { title: '不在签到时间', detail: '请在活动的签到时间内扫码' },
  NOT_IN_AUDIENCE: { title: '非活动对象', detail: '您不在本次活动的参加范围内' },
  OUT_OF_RANGE: { title: '不在活动范围', detail: '请到活动现场后再扫码签到' },
  LOCATION_REQUIRED: { title: '需要定位', detail: '本活动需要确认您在现场，请允许获取位置后重新签到' },
}

export const OFFLINE_VIEW: SignInView = {
  tone: 'pending',
  title: '已记录，联网后自动补传',
  detail: '扫码时间已保存在本机，网络恢复后自动提交，无需重复扫码',
}

/** The server's answer (delivered 200/201) as the page shows it. */
export function deliveredView(response: TransportResponse | null): SignInView {
  const parsed = ZSignInResult.safeParse(response?.data)
  if (!parsed.success) return { tone: 'success', title: '签到成功', detail: '' }
  const { result, signIn } = parsed.data
  const time = formatDateTime(signIn.signedInAt)
  if (result === 'already_signed_in') {
    return {
      tone: 'info',
      title: '已签到',
      detail: `您已于 ${time} 签到「${signIn.eventTitle}」`,
      eventId: signIn.eventId,
    }
  }
  return {
    tone: 'success',
    title: '签到成功',
    detail: `「${signIn.eventTitle}」 签到时间 ${time}`,
    eventId: signIn.eventId,
  }
}

/** A refusal (4xx code) as the page shows it. */
export function refusedView(code: string, message: string): SignInView {
  const known = SIGN_IN_REFUSALS[code]
  if (!known) return { tone: 'error', title: '签到未成功', detail: message || '请稍后重试' }
  return {
    tone: code === 'LOCATION_REQUIRED' ? 'warning' : 'error',
    title: known.title,
    detail: known.detail,
    ...(code === 'LOCATION_REQUIRED' ? { needsLocation: true } : {}),
  }
}

/**
 * Waits (up to `waitMs`) for the queued sign-in: the server's answer, or "kept for later" while offline.
 * A refusal is shown here, so it is removed from the outbox (the user has seen it).
 */
export async function settleSignIn(outbox: Outbox, entry: OutboxEntry, waitMs = 8000): Promise<SignInView> {
  const outcome = await settleWrite(outbox, entry, waitMs)
  if (outcome.kind === 'delivered') return deliveredView(outcome.response)
  if (outcome.kind === 'refused') {
    outbox.dismiss(entry.id)
    return refusedView(outcome.code, outcome.message)
  }
  return OFFLINE_VIEW
}
