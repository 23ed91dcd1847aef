/**
 * Typed calls of the API, built on the request layer (request.ts). Reads return parsed data; writes
 * are queued in the outbox (outbox.ts) and return the queued entry: the caller decides how to wait.
 * Login is not a queued write: it needs an answer now and is safe to repeat.
 *
 * Types only, no schemas: this module is in the main package, which carries no zod; the server checks
 * every answer against the same schema before sending it (serializerCompiler in server/app.ts).
 */
import type { TDemoUser, TLoginResponse, TMe, TProfileUpdate } from '@/models/auth'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'

/** Demo and test mode only: the users the login page offers. */
export async function fetchDemoUsers(): Promise<TDemoUser[]> {
  const res = await request<{ users: TDemoUser[] }>({ path: '/api/v1/auth/dev/users', auth: false })
  return res.users
}

/** Demo and test mode only: log in as a seeded demo user. */
export function loginDemo(openid: string): Promise<TLoginResponse> {
  return request<TLoginResponse>({
    method: 'POST',
    path: '/api/v1/auth/dev',
    body: { openid },
    auth: false,
  })
}

/** Mini-program login: the server exchanges the wx.login code (code2Session). */
export function loginWechat(code: string): Promise<TLoginResponse> {
  return request<TLoginResponse>({
    method: 'POST',
    path: '/api/v1/auth/wechat',
    body: { code },
    auth: false,
  })
}

/** The signed-in user and the organisations and roles they hold. */
export function fetchMe(): Promise<TMe> {
  return request<TMe>({ path: '/api/v1/me' })
}

/** An enterprise's ownership (国有独资 …), read loosely: the main package carries no schema. */
export async function fetchEnterpriseOwnership(eid: number): Promise<string> {
  const e = await request<{ ownership: string }>({ path: `/api/v1/enterprises/${eid}` })
  return e.ownership
}

/** Outbox `kind`s of the writes below, to recognise their deliveries. */
export const WRITE_KINDS = {
  profileUpdate: 'me.update',
  inviteJoin: 'invite.join',
} as const

/** PATCH /api/v1/me through the outbox. `phone` is the full number (the server stores it, lists mask it). */
export function queueProfileUpdate(update: TProfileUpdate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PATCH',
    path: '/api/v1/me',
    body: update,
    label: '修改个人资料',
    kind: WRITE_KINDS.profileUpdate,
  })
}

/** POST /api/v1/invites/join through the outbox: asks to join the enterprise behind an invite code. */
export function queueJoinEnterprise(code: string): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: '/api/v1/invites/join',
    body: { code },
    label: `凭邀请码 ${code} 申请加入企业`,
    kind: WRITE_KINDS.inviteJoin,
  })
}
