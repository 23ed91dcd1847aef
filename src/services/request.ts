/**
 * The one request module of the app. Pages call `request()` (or get/post/...) and decide themselves
 * what to show on failure: this module never toasts. Writes that must survive going offline go through
 * the outbox (src/services/outbox.ts), which sends via `requestRaw()`.
 *
 * Wiring (app startup, once):
 *   configureRequest({ baseUrl, getToken: () => session.token, relogin: () => session.relogin() })
 * The transport comes in from src/services/platform/http.ts (fetch on H5, Taro.request in the
 * mini-program), so unit tests never load @tarojs/taro.
 */
import type { z } from 'zod'
import { ERROR_MESSAGES } from '@/models/errorMessages'
import type { TErrorResponse } from '@/models/errors'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface ApiErrorField {
  path: string
  message: string
}

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试'
export const TIMEOUT_MESSAGE = '网络请求超时，请稍后重试'
export const BAD_RESPONSE_MESSAGE = '服务器响应异常，请稍后重试'
const SERVER_UNAVAILABLE_MESSAGE = '服务器暂时不可用，请稍后重试'

/** Transient failures worth retrying with the same request (and the same idempotency key). */
export function isRetryableStatus(status: number, code?: string): boolean {
  return (
    status === 0 ||
    status >= 500 ||
    status === 408 ||
    status === 429 ||
    (status === 409 && code === 'IDEMPOTENCY_IN_PROGRESS')
  )
}

export class ApiError extends Error {
  /** HTTP status; 0 when no response arrived (network failure or timeout). */
  readonly status: number
  /** Server error code (see src/models/errors.ts), or NETWORK_ERROR / TIMEOUT / BAD_RESPONSE. */
  readonly code: string
  readonly fields: ApiErrorField[]

  constructor(status: number, code: string, message: string, fields: ApiErrorField[] = []) {
    super(message)
    // Keeps instanceof and the getters working when classes are compiled to ES5 for old WebViews.
    Object.setPrototypeOf(this, new.target.prototype)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
  }

  get isNetwork(): boolean {
    return this.status === 0
  }

  get isRetryable(): boolean {
    return isRetryableStatus(this.status, this.code)
  }
}

export interface TransportRequest {
  url: string
  method: string
  headers: Record<string, string>
  data?: unknown
  timeoutMs: number
}

export interface TransportResponse {
  status: number
  data: unknown
  /** The answer's headers where the platform gives them (a 竞赛 paper's countdown reads `Date`). */
  headers?: Record<string, string>
}

/**
 * Sends one HTTP request. Resolves for every HTTP status (WeChat reports all of them as success) and
 * rejects only when no response arrived; rejecting with an ApiError (e.g. code TIMEOUT) is kept as is.
 */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>

/** Any failure to get a response becomes an ApiError with status 0. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  const e = (err ?? {}) as { errMsg?: unknown; message?: unknown; name?: unknown }
  const text = `${typeof e.errMsg === 'string' ? e.errMsg : ''} ${typeof e.message === 'string' ? e.message : ''}`
  if (/timeout|timed out/i.test(text) || e.name === 'AbortError' || e.name === 'TimeoutError') {
    return new ApiError(0, 'TIMEOUT', TIMEOUT_MESSAGE)
  }
  return new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE)
}

/** WeChat hands back the raw text when a body is not valid JSON; H5 may too. */
export function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data
  const text = data.trim()
  if (!text.startsWith('{') && !text.startsWith('[')) return data
  try {
    return JSON.parse(text) as unknown
  } catch {
    return data
  }
}

function fallbackMessage(status: number): string {
  if (status >= 500) return SERVER_UNAVAILABLE_MESSAGE
  if (status === 401) return ERROR_MESSAGES.UNAUTHENTICATED
  if (status === 403) return ERROR_MESSAGES.FORBIDDEN
  if (status === 404) return ERROR_MESSAGES.NOT_FOUND
  if (status === 429) return ERROR_MESSAGES.RATE_LIMITED
  return BAD_RESPONSE_MESSAGE
}

/**
 * The server's `{ error: { code, message, fields } }` (ZErrorResponse), checked by hand: the request
 * layer is in the main package, which carries no zod.
 */
function errorBody(data: unknown): TErrorResponse['error'] | null {
  const error = (data as { error?: unknown } | null)?.error as Record<string, unknown> | null | undefined
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') return null
  const fields = error.fields
  if (
    !Array.isArray(fields) ||
    !fields.every(
      (f: { path?: unknown; message?: unknown } | null) =>
        typeof f?.path === 'string' && typeof f.message === 'string',
    )
  )
    return null
  return { code: error.code, message: error.message, fields: fields as TErrorResponse['error']['fields'] }
}

/** Builds the error for a non-2xx response from the server's `{ error: { code, message, fields } }`. */
export function apiErrorFromResponse(status: number, data: unknown): ApiError {
  const body = errorBody(parseBody(data))
  if (!body) return new ApiError(status, 'BAD_RESPONSE', fallbackMessage(status))
  const { code, message, fields } = body
  const known = (ERROR_MESSAGES as Record<string, string>)[code]
  return new ApiError(status, code, message || known || fallbackMessage(status), fields)
}

/** Taro.request's contract, the subset the transport uses (platform/http.ts: fetch on H5, wx.request). */
export interface TaroRequestApi {
  request(option: {
    url: string
    method: string
    header: Record<string, string>
    data?: unknown
    timeout: number
    dataType: string
  }): Promise<{ statusCode: number; data: unknown; header?: Record<string, string> }>
}

/**
 * Transport over a Taro.request-like API (wx.request in the mini-program, the browser's fetch on H5). It
 * comes in as an object (src/services/platform/http.ts) so this module never loads Taro itself and unit
 * tests run in Node.
 */
export function taroTransport(api: TaroRequestApi): Transport {
  return async (req) => {
    try {
      const res = await api.request({
        url: req.url,
        method: req.method,
        header: { ...req.headers }, // Taro H5 mutates the header object
        data: req.data,
        timeout: req.timeoutMs,
        dataType: 'json',
      })
      return { status: res.statusCode, data: res.data, headers: res.header }
    } catch (err) {
      throw toApiError(err)
    }
  }
}

/** A file on the device sent as multipart field `file` (a picked photo, kept where the platform can). */
export interface FileUpload {
  filePath: string
  fileName?: string
}

/** Sends one file (wx.uploadFile / Taro.uploadFile on H5); resolves with any HTTP status. */
export type FileTransport = (req: {
  url: string
  file: FileUpload
  headers: Record<string, string>
  timeoutMs: number
}) => Promise<TransportResponse>

export interface RequestConfig {
  baseUrl: string
  transport: Transport
  /** Multipart uploads (evidence photos), with the same token and re-login as `transport`. */
  fileTransport?: FileTransport
  getToken: () => string | null
  /** Obtains a new token (e.g. wx.login + /auth/login with auth: false); null when that is impossible. */
  relogin: () => Promise<string | null>
  timeoutMs?: number
}

interface ResolvedConfig {
  baseUrl: string
  transport: Transport
  fileTransport?: FileTransport
  getToken: () => string | null
  relogin: () => Promise<string | null>
  timeoutMs: number
}

/** Photos over a weak mobile network take longer than a JSON request. */
const UPLOAD_TIMEOUT_MS = 60_000

let config: ResolvedConfig | null = null
let reloginInFlight: Promise<string | null> | null = null

export function configureRequest(c: RequestConfig): void {
  config = {
    baseUrl: c.baseUrl.replace(/\/+$/, ''),
    transport: c.transport,
    fileTransport: c.fileTransport,
    getToken: c.getToken,
    relogin: c.relogin,
    timeoutMs: c.timeoutMs ?? 15000,
  }
  reloginInFlight = null
}

function currentConfig(): ResolvedConfig {
  if (!config) throw new Error('configureRequest() must be called before request()')
  return config
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue | readonly QueryValue[]>

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  let url = /^https?:\/\//.test(path) ? path : `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`
  if (query) {
    const parts: string[] = []
    for (const [key, value] of Object.entries(query)) {
      const values: readonly QueryValue[] = Array.isArray(value) ? value : [value as QueryValue]
      for (const v of values) {
        if (v === undefined || v === null) continue
        parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`)
      }
    }
    if (parts.length) url += (url.includes('?') ? '&' : '?') + parts.join('&')
  }
  return url
}

export interface RequestOptions<T = unknown> {
  method?: HttpMethod
  path: string
  query?: Query
  body?: unknown
  /** Send this file as multipart field `file` instead of a JSON body (needs a fileTransport). */
  file?: FileUpload
  headers?: Record<string, string>
  /** Send the bearer token and re-login on 401. Default true. */
  auth?: boolean
  /** Validates the 2xx body; a mismatch is an ApiError BAD_RESPONSE. */
  schema?: z.ZodType<T>
  timeoutMs?: number
}

/**
 * A new token after a 401. Concurrent callers share one relogin; a caller whose 401 arrives after
 * someone else already re-logged in just uses the newer token.
 */
async function freshToken(cfg: ResolvedConfig, used: string | null): Promise<string | null> {
  const current = cfg.getToken()
  if (current && current !== used) return current
  if (!reloginInFlight) {
    const p = cfg.relogin().finally(() => {
      if (reloginInFlight === p) reloginInFlight = null
    })
    reloginInFlight = p
  }
  try {
    return await reloginInFlight
  } catch (err) {
    // A network failure while logging in stays retryable; anything else means "could not log in".
    if (err instanceof ApiError) throw err
    return null
  }
}

/**
 * Sends the request with auth and one relogin-and-retry on 401, and returns the final response
 * whatever its status. Rejects only with an ApiError for a network failure (status 0).
 */
export async function requestRaw(opts: Omit<RequestOptions, 'schema'>): Promise<TransportResponse> {
  const cfg = currentConfig()
  const auth = opts.auth ?? true
  const url = buildUrl(cfg.baseUrl, opts.path, opts.query)
  const method = opts.method ?? 'GET'

  const send = async (token: string | null): Promise<TransportResponse> => {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers }
    const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
    if (opts.body !== undefined && !opts.file && !hasContentType) headers['Content-Type'] = 'application/json'
    if (auth && token) headers.Authorization = `Bearer ${token}`
    try {
      if (opts.file) {
        if (!cfg.fileTransport) throw new Error('configureRequest() has no fileTransport for uploads')
        return await cfg.fileTransport({
          url,
          file: opts.file,
          headers,
          timeoutMs: opts.timeoutMs ?? UPLOAD_TIMEOUT_MS,
        })
      }
      return await cfg.transport({
        url,
        method,
        headers,
        data: opts.body,
        timeoutMs: opts.timeoutMs ?? cfg.timeoutMs,
      })
    } catch (err) {
      throw toApiError(err)
    }
  }

  let token = auth ? cfg.getToken() : null
  if (auth && !token) {
    // Signed out (or the token expired): log in again first, and never send a call that can only get 401.
    token = await freshToken(cfg, null)
    if (!token)
      return {
        status: 401,
        data: { error: { code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED } },
      }
  }
  const first = await send(token)
  if (first.status !== 401 || !auth) return first
  const renewed = await freshToken(cfg, token)
  if (!renewed) return first
  return send(renewed)
}

/** Sends the request and returns the 2xx body (validated by `schema` when given); throws ApiError otherwise. */
export async function request<T = unknown>(opts: RequestOptions<T>): Promise<T> {
  const res = await requestRaw(opts)
  if (res.status < 200 || res.status >= 300) throw apiErrorFromResponse(res.status, res.data)
  const data = res.status === 204 ? undefined : parseBody(res.data)
  if (!opts.schema) return data as T
  const parsed = opts.schema.safeParse(data)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }))
    throw new ApiError(res.status, 'BAD_RESPONSE', BAD_RESPONSE_MESSAGE, fields)
  }
  return parsed.data
}

type Extra<T> = Omit<RequestOptions<T>, 'method' | 'path' | 'body'>

export const get = <T = unknown>(path: string, opts: Extra<T> = {}) =>
  request<T>({ ...opts, method: 'GET', path })
export const post = <T = unknown>(path: string, body?: unknown, opts: Extra<T> = {}) =>
  request<T>({ ...opts, method: 'POST', path, body })
export const put = <T = unknown>(path: string, body?: unknown, opts: Extra<T> = {}) =>
  request<T>({ ...opts, method: 'PUT', path, body })
export const patch = <T = unknown>(path: string, body?: unknown, opts: Extra<T> = {}) =>
  request<T>({ ...opts, method: 'PATCH', path, body })
