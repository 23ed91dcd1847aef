/**
 * WeChat subscribe messages (订阅消息): the server side of wx.requestSubscribeMessage. The app asks from
 * the user's tap; each "accept" allows one message, which the server sends with
 * POST {base}/cgi-bin/message/subscribe/send?access_token=… . The access token comes from
 * GET {base}/cgi-bin/token (client_credential) and is kept until shortly before it expires.
 * The base URL is WECHAT_API_BASE, like code2Session, so tests run it against a local fake.
 */
export interface SubscribeConfig {
  baseUrl: string
  appId?: string
  secret?: string
  timeoutMs: number
  /** The 会议提醒 template (fields thing1 / date2 / thing3); empty: reminders are off. */
  meetingTemplateId?: string
  /** formal | trial | developer: which build the message opens. */
  miniprogramState?: 'formal' | 'trial' | 'developer'
}

export interface SubscribeMessage {
  touser: string
  templateId: string
  /** The mini-program page the message opens. */
  page: string
  data: Record<string, string>
}

export type SendResult = { ok: true } | { ok: false; errcode: number; errmsg: string }

/** WeChat caps each field by kind: thing ≤ 20 characters, and so on. */
export function fitField(key: string, value: string): string {
  const limit = key.startsWith('thing') ? 20 : key.startsWith('phrase') ? 5 : 32
  const chars = Array.from(value)
  return chars.length <= limit ? value : chars.slice(0, limit - 1).join('') + '…'
}

export class SubscribeMessageSender {
  private token: { value: string; expiresAt: number } | null = null

  constructor(
    private readonly config: SubscribeConfig,
    private readonly clock: () => number = Date.now,
  ) {}

  get configured(): boolean {
    return Boolean(this.config.appId && this.config.secret && this.config.meetingTemplateId)
  }

  get meetingTemplateId(): string | undefined {
    return this.config.meetingTemplateId || undefined
  }

  private async getJson(url: URL, init?: RequestInit): Promise<Record<string, unknown>> {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.config.timeoutMs) })
    return (await response.json()) as Record<string, unknown>
  }

  private async accessToken(force = false): Promise<string> {
    const now = this.clock()
    if (!force && this.token && this.token.expiresAt > now) return this.token.value
    const url = new URL('/cgi-bin/token', this.config.baseUrl)
    url.searchParams.set('grant_type', 'client_credential')
    url.searchParams.set('appid', this.config.appId ?? '')
    url.searchParams.set('secret', this.config.secret ?? '')
    const body = await this.getJson(url)
    if (typeof body.access_token !== 'string')
      throw new Error(`access token refused: ${String(body.errcode)} ${String(body.errmsg)}`)
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 7200
    // Renew five minutes early.
    this.token = { value: body.access_token, expiresAt: now + Math.max(60, seconds - 300) * 1000 }
    return this.token.value
  }

  async send(message: SubscribeMessage): Promise<SendResult> {
    if (!this.config.appId || !this.config.secret)
      return { ok: false, errcode: -2, errmsg: 'wechat not configured' }
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
    try {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const url = new URL('/cgi-bin/message/subscribe/send', this.config.baseUrl)
        url.searchParams.set('access_token', await this.accessToken(attempt > 0))
        const body = await this.getJson(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: payload,
        })
        const errcode = Number(body.errcode ?? 0)
        if (errcode === 0) return { ok: true }
        // 40001 / 42001: the token is no longer valid: fetch a new one once.
        if ((errcode === 40001 || errcode === 42001) && attempt === 0) continue
        return { ok: false, errcode, errmsg: String(body.errmsg ?? '') }
      }
      return { ok: false, errcode: -1, errmsg: 'token refused twice' }
    } catch (error) {
      return { ok: false, errcode: -1, errmsg: String((error as Error).message ?? error) }
    }
  }
}
