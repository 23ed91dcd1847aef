import { AppError } from './errors'

/**
 * code2Session (auth.code2Session): exchanges the single-use code from wx.login for the openid and
 * session_key. Server side only; the session_key never goes back to the client.
 */
export interface WechatSession {
  openid: string
  sessionKey: string
  unionid: string | null
}

export interface WechatConfig {
  baseUrl: string
  appId?: string
  secret?: string
  timeoutMs: number
}

/** WeChat's documented errcodes, each with one fixed answer. */
const ERRCODES: Record<number, AppError> = {
  [-1]: new AppError(503, 'WECHAT_BUSY'),
  40029: new AppError(400, 'WECHAT_CODE_INVALID'),
  40163: new AppError(400, 'WECHAT_CODE_USED'),
  45011: new AppError(429, 'WECHAT_RATE_LIMITED'),
  40226: new AppError(403, 'WECHAT_USER_BLOCKED'),
}

export function wechatErrorFor(errcode: number): AppError {
  return ERRCODES[errcode] ?? new AppError(502, 'WECHAT_UNAVAILABLE')
}

export async function code2Session(config: WechatConfig, code: string): Promise<WechatSession> {
  if (!config.appId || !config.secret) throw new AppError(503, 'WECHAT_NOT_CONFIGURED')
  const url = new URL('/sns/jscode2session', config.baseUrl)
  url.searchParams.set('appid', config.appId)
  url.searchParams.set('secret', config.secret)
  url.searchParams.set('js_code', code)
  url.searchParams.set('grant_type', 'authorization_code')
  let body: { openid?: string; session_key?: string; unionid?: string; errcode?: number; errmsg?: string }
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(config.timeoutMs) })
    body = (await response.json()) as typeof body
  } catch {
    throw new AppError(502, 'WECHAT_UNAVAILABLE')
  }
  if (body.errcode) throw wechatErrorFor(body.errcode)
  if (!body.openid || !body.session_key) throw new AppError(502, 'WECHAT_UNAVAILABLE')
  return { openid: body.openid, sessionKey: body.session_key, unionid: body.unionid ?? null }
}
