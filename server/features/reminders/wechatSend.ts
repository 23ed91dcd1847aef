import type { WechatConfig } from '../../core/wechat'

/**
 * WeChat subscribe messages (订阅消息), the server side of wx.requestSubscribeMessage: each "accept" the
 * app reported allows one message, sent with POST {base}/cgi-bin/message/subscribe/send?access_token=… .
 * The access token comes from GET {base}/cgi-bin/token (client_credential) and is kept until shortly
 * before it expires. The base URL is WECHAT_API_BASE, like code2Session, so tests run it against a
 * local fake. Nothing here logs: the caller logs a failure's errcode and message, never a URL (the
 * token and the secret travel in query strings).
 */
export interface SubscribeConfig extends WechatConfig {
  /** formal | trial | developer: which build of the mini-program the message opens. */
  miniprogramState?: 'formal' | 'trial' | 'developer'
}

export interface SubscribeMessage {
  touser: string
  templateId: string
  /** The mini-program page the message opens. */
  page: string
  data: Record<string, string>
}

/**
 * `retry`: WeChat certainly did not send it and may later (busy, no token yet). A failure after the
 * request left is never retried: WeChat may have delivered it, and one to-do is never sent twice.
 */
export type SendResult = { ok: true } | { ok: false; errcode: number; errmsg: string; retry: boolean }

/** WeChat's limit of characters per field type (the key's name without its number: thing1 → thing). */
const FIELD_LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  symbol: 5,
  car_number: 8,
  phone_number: 17,
  amount: 10,
}

/** A value cut to its field's limit: thing ≤ 20 characters (…), phrase ≤ 5, and so on. */
export function fitField(key: string, value: string): string {
  const type = key.replace(/\d+$/, '')
  const limit = FIELD_LIMITS[type] ?? 32
  const chars = Array.from(value)
  if (chars.length <= limit) return value
  // thing takes symbols; phrase and name take words only, so no ellipsis there.
  return type === 'thing' ? chars.slice(0, limit - 1).join('') + '…' : chars.slice(0, limit).join('')
}

/** WeChat errcodes after which it has certainly sent nothing and a later try may work. */
const BUSY = new Set([-1, 45009, 45011])

export class SubscribeMessageSender {
  private token: { value: string; expiresAt: number } | null = null

  constructor(
    private readonly config: SubscribeConfig,
    private readonly clock: () => number = Date.now,
  ) {}

  get configured(): boolean {
    return Boolean(this.config.appId && this.config.secret)
  }

  private async getJson(url: URL, init?: RequestInit): Promise<Record<string, unknown>> {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.config.timeoutMs) })
    return (await response.json()) as Record<string, unknown>
  }

  /** A valid access token, or the failure (nothing has been sent yet, so it may be retried). */
  private async accessToken(force: boolean): Promise<string | SendResult> {
    const now = this.clock()
    if (!force && this.token && this.token.expiresAt > now) return this.token.value
    const url = new URL('/cgi-bin/token', this.config.baseUrl)
    url.searchParams.set('grant_type', 'client_credential')
    url.searchParams.set('appid', this.config.appId ?? '')
    url.searchParams.set('secret', this.config.secret ?? '')
    let body: Record<string, unknown>
    try {
      body = await this.getJson(url)
    } catch {
      return { ok: false, errcode: -1, errmsg: 'access token: WeChat unreachable', retry: true }
    }
    if (typeof body.access_token !== 'string')
      return {
        ok: false,
        errcode: Number(body.errcode ?? -1),
        errmsg: `access token refused: ${String(body.errmsg ?? '')}`,
        retry: true,
      }
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 7200
    // Renew five minutes early.
    this.token = { value: body.access_token, expiresAt: now + Math.max(60, seconds - 300) * 1000 }
    return this.token.value
  }

  async send(message: SubscribeMessage): Promise<SendResult> {
    if (!this.configured) return { ok: false, errcode: -2, errmsg: 'WeChat is not configured', retry: false }
    const payload = JSON.stringify({
      touser: message.touser,
      template_id: message.templateId,
      page: message.page,
      miniprogram_state: this.config.miniprogramState ?? 'formal',
      lang: 'zh_CN',
      data: Object.fromEntries(
        Object.entries(message.data).map(([key, value]) => [key, { value: fitField(key, value) }]),
      ),
    })
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const token = await this.accessToken(attempt > 0)
      if (typeof token !== 'string') return token
      const url = new URL('/cgi-bin/message/subscribe/send', this.config.baseUrl)
      url.searchParams.set('access_token', token)
      let body: Record<string, unknown>
      try {
        body = await this.getJson(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: payload,
        })
      } catch (error) {
        // A timeout or a cut connection: WeChat may have sent it.
        return { ok: false, errcode: -1, errmsg: (error as Error).name || 'network error', retry: false }
      }
      const errcode = Number(body.errcode ?? 0)
      if (errcode === 0) return { ok: true }
      // 40001 / 42001: the token is no longer valid (renewed elsewhere, or expired early): once more.
      if ((errcode === 40001 || errcode === 42001) && attempt === 0) continue
      return { ok: false, errcode, errmsg: String(body.errmsg ?? ''), retry: BUSY.has(errcode) }
    }
    return { ok: false, errcode: 40001, errmsg: 'access token refused twice', retry: true }
  }
}
