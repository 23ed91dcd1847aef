/**
 * Auth state and the login flow.
 *
 * - The session (token, expiry, user, how it was obtained) lives in device storage under one key and is
 *   read once, lazily, after app start, and checked by hand (the main package carries no zod).
 * - `initSession()` (app start) wires the request layer: bearer token from here, and on a 401 a silent
 *   re-login through the platform (wx.login on the mini-program, the same demo user on H5).
 * - Each signed-in user gets their own outbox (storage keys prefixed `u<id>:`): a write queued by one
 *   user is never sent with another user's token; it waits for its owner to sign in again.
 */
import Taro from '@tarojs/taro'
import type { TLoginResponse, TUser } from '@/models/auth'
import { loginDemo } from './api'
import { ApiError, configureRequest, taroTransport } from './request'
import { configureOutbox, getOutbox, sendWithRequest, type Outbox } from './outbox'
import { attachOutboxTriggers } from './outboxTriggers'
import { taroStorage, type KeyValueStorage } from './storage'
import { HOME_PAGE } from './navigation'
import { apiBase } from './platform/env'
import { platformLogin } from './platform/login'
import { platformMedia } from './platform/media'
import { platformFileTransport } from './platform/fileTransport'
import { taroStorageApi } from './platform/taro'
import { platformRequestApi } from './platform/http'
import type { SessionIdentity } from './platform/types'

export const SESSION_KEY = 'session'
export const LOGIN_PAGE = '/pages/login/index'

export interface Session {
  token: string
  expiresAt: string
  user: TUser
  method: 'wechat' | 'demo'
  openid?: string
}

const isString = (v: unknown): v is string => typeof v === 'string'

/** A stored session as this version wrote it (ZUser's fields included), or null. */
function storedSession(value: unknown): Session | null {
  const s = value as Partial<Record<keyof Session, unknown>> | null
  const user = s?.user as Partial<Record<keyof TUser, unknown>> | null | undefined
  const ok =
    isString(s?.token) &&
    s.token.length > 0 &&
    isString(s.expiresAt) &&
    (s.method === 'wechat' || s.method === 'demo') &&
    (s.openid === undefined || isString(s.openid)) &&
    Number.isInteger(user?.id) &&
    isString(user?.name) &&
    (user?.phoneMasked === null || isString(user?.phoneMasked)) &&
    isString(user?.createdAt)
  if (!ok || !s || !user) return null
  const kept: Session = {
    token: s.token as string,
    expiresAt: s.expiresAt as string,
    user: {
      id: user.id as number,
      name: user.name as string,
      phoneMasked: user.phoneMasked as string | null,
      createdAt: user.createdAt as string,
    },
    method: s.method as Session['method'],
  }
  if (s.openid !== undefined) kept.openid = s.openid as string
  return kept
}

let storage: KeyValueStorage = taroStorage(taroStorageApi)
let current: Session | null = null
let loaded = false
const listeners = new Set<(session: Session | null) => void>()

function load(): Session | null {
  if (!loaded) {
    loaded = true
    const raw = storage.get(SESSION_KEY)
    if (raw) {
      try {
        current = storedSession(JSON.parse(raw))
      } catch {
        current = null
      }
      if (!current) storage.remove(SESSION_KEY)
    }
  }
  return current
}

function publish(next: Session | null): void {
  current = next
  loaded = true
  if (next) storage.set(SESSION_KEY, JSON.stringify(next))
  else storage.remove(SESSION_KEY)
  startOutboxFor(next?.user.id ?? null)
  for (const listener of [...listeners]) listener(next)
}

export function getSession(): Session | null {
  return load()
}

/** The bearer token, or null when signed out or past its expiry (the request layer then re-logs in). */
export function getToken(): string | null {
  const s = load()
  if (!s) return null
  const expires = Date.parse(s.expiresAt)
  return Number.isFinite(expires) && expires <= Date.now() ? null : s.token
}

export function subscribeSession(listener: (session: Session | null) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Stores a successful login. */
export function completeLogin(res: TLoginResponse, identity: SessionIdentity): Session {
  const session: Session = {
    token: res.token,
    expiresAt: res.expiresAt,
    user: res.user,
    method: identity.method,
    ...(identity.openid ? { openid: identity.openid } : {}),
  }
  publish(session)
  return session
}

/** Keeps the stored user in step with what the server last said (e.g. after GET /me or PATCH /me). */
export function updateUser(user: TUser): void {
  const s = load()
  if (!s || s.user.id !== user.id) return
  if (JSON.stringify(s.user) === JSON.stringify(user)) return
  publish({ ...s, user })
}

/** H5 demo mode: log in as one of the server's demo users. */
export async function loginAsDemoUser(openid: string): Promise<Session> {
  return completeLogin(await loginDemo(openid), { method: 'demo', openid })
}

/** Mini-program: wx.login → POST /api/v1/auth/wechat. */
export async function loginWithWechat(): Promise<Session> {
  const res = await platformLogin.silentLogin({ method: 'wechat' })
  if (!res) throw new ApiError(0, 'WECHAT_UNAVAILABLE', '请在微信中打开「清廉企业」小程序登录')
  return completeLogin(res, { method: 'wechat' })
}

/**
 * Called by the request layer after a 401. Returns the new token, or null (and signs out) when the
 * platform cannot log in again by itself or the server refuses; network failures propagate so the
 * request stays retryable and the session is kept.
 */
export async function relogin(): Promise<string | null> {
  const s = load()
  if (!s) return null
  try {
    const res = await platformLogin.silentLogin({ method: s.method, openid: s.openid })
    if (!res) {
      publish(null)
      return null
    }
    completeLogin(res, { method: s.method, openid: s.openid })
    return res.token
  } catch (err) {
    if (err instanceof ApiError && err.isRetryable) throw err
    publish(null)
    return null
  }
}

/** 退出登录: forgets the session on this device. The user's queued writes stay for their next login. */
export function logout(): void {
  publish(null)
}

/**
 * Set while a reLaunch to the login page is under way: after 退出登录 the page that signed out and the
 * session hook of every live tab page all ask for one, and WeChat would open the login page once each.
 */
let leaving = false

/** Sends the user to the login page (clearing the page stack); concurrent calls navigate once. */
export function goToLogin(): void {
  if (leaving) return
  leaving = true
  void Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    leaving = false
  })
}

const PENDING_LINK_KEY = 'pendingLink'

/**
 * A page opened from a link (a scanned invite QR) before login: kept on the device so that login leads
 * back to it instead of 首页.
 */
export function rememberPendingLink(url: string): void {
  try {
    storage.set(PENDING_LINK_KEY, url)
  } catch {
    // storage full: the link is lost, the user can scan again
  }
}

/** After login: the remembered link (once), else 首页. */
export function goHome(): void {
  const pending = storage.get(PENDING_LINK_KEY)
  if (pending) storage.remove(PENDING_LINK_KEY)
  void Taro.reLaunch({ url: pending && pending.startsWith('/packages/') ? pending : HOME_PAGE })
}

// ─── the signed-in user's outbox ────────────────────────────────────────────────────────────────

/** A view of `base` where every key carries `prefix` (and only such keys are listed). */
export function prefixedStorage(base: KeyValueStorage, prefix: string): KeyValueStorage {
  return {
    get: (key) => base.get(prefix + key),
    set: (key, value) => base.set(prefix + key, value),
    remove: (key) => base.remove(prefix + key),
    keys: () =>
      base
        .keys()
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length)),
  }
}

const SIGNED_OUT_MESSAGE = '已退出登录，重新登录后继续同步'
const appShowCallbacks = new Set<() => void>()
const networkCallbacks = new Set<(online: boolean) => void>()
let appEventsHooked = false
let outboxOwner: number | null = null
let outboxOf: Outbox | null = null
let detachOutbox: (() => void) | null = null

/** Taro keeps every onAppShow listener: register ours once and fan out to the current outbox. */
function hookAppEvents(): void {
  if (appEventsHooked) return
  appEventsHooked = true
  Taro.onAppShow(() => appShowCallbacks.forEach((cb) => cb()))
  Taro.onNetworkStatusChange((res) => networkCallbacks.forEach((cb) => cb(res.isConnected)))
}

function startOutboxFor(userId: number | null): void {
  if (userId === outboxOwner && (userId === null || outboxOf)) return
  detachOutbox?.()
  detachOutbox = null
  outboxOf = null
  outboxOwner = userId
  if (userId === null) return

  const outbox = configureOutbox({
    storage: prefixedStorage(storage, `u${userId}:`),
    // An older outbox may still be mid-flush when users switch: it must not send with the new token.
    send: (entry) =>
      load()?.user.id === userId
        ? sendWithRequest(entry)
        : Promise.reject(new ApiError(0, 'SIGNED_OUT', SIGNED_OUT_MESSAGE)),
  })
  outboxOf = outbox
  hookAppEvents()
  const mine: { show?: () => void; net?: (online: boolean) => void } = {}
  const detachTriggers = attachOutboxTriggers(outbox, {
    onAppShow: (cb) => {
      mine.show = cb
      appShowCallbacks.add(cb)
    },
    onNetworkStatusChange: (cb) => {
      mine.net = cb
      networkCallbacks.add(cb)
    },
    setTimer: (cb, ms) => setTimeout(cb, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  })
  // A kept photo is removed from the device once its upload is delivered.
  const offDelivered = outbox.onDelivered((d) => {
    if (d.entry.file) void platformMedia.release(d.entry.file.filePath)
  })
  detachOutbox = () => {
    detachTriggers()
    offDelivered()
    if (mine.show) appShowCallbacks.delete(mine.show)
    if (mine.net) networkCallbacks.delete(mine.net)
  }
}

/** The signed-in user's outbox (null when signed out). */
export function userOutbox(): Outbox | null {
  const s = load()
  if (!s) return null
  startOutboxFor(s.user.id)
  return getOutbox()
}

/** App start: wires the request layer and resumes the stored user's outbox. */
export function initSession(options: { storage?: KeyValueStorage } = {}): void {
  if (options.storage) {
    storage = options.storage
    loaded = false
    current = null
  }
  configureRequest({
    baseUrl: apiBase,
    getToken,
    relogin,
    transport: taroTransport(platformRequestApi),
    fileTransport: platformFileTransport,
  })
  startOutboxFor(load()?.user.id ?? null)
}
