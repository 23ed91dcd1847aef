import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local stand-in for api.weixin.qq.com's jscode2session, answering as WeChat documents:
 * `ok:<openid>` → { openid, session_key }; `err:<errcode>` → { errcode, errmsg }.
 * Every call is recorded so tests can check what the server sent.
 */
export interface FakeWechat {
  baseUrl: string
  calls: URLSearchParams[]
  /** Subscribe messages: access tokens handed out and messages received (body + the token used). */
  subscribe: {
    tokens: string[]
    messages: { accessToken: string; body: Record<string, unknown> }[]
    /** errcode the next send answers (then back to 0). */
    failNext: number | null
    /** errcode every send answers while set (a busy WeChat). */
    failAlways: number | null
  }
  close(): Promise<void>
}

export const FAKE_SESSION_KEY_PREFIX = 'fake-session-key-'

/** A test app with no demo data whose WeChat logins go to `wechat` (a county switched on from nothing). */
export function emptyCountyEnv(wechat: FakeWechat): Record<string, string> {
  return {
    SEED_DEMO: 'false',
    WECHAT_API_BASE: wechat.baseUrl,
    WECHAT_APPID: 'wx-test',
    WECHAT_SECRET: 'secret',
  }
}

const ERRMSG: Record<string, string> = {
  '-1': 'system error',
  '40029': 'invalid code',
  '40163': 'code been used',
  '45011': 'api minute-quota reach limit',
  '40226': 'high risk user',
}

export async function startFakeWechat(): Promise<FakeWechat> {
  const calls: URLSearchParams[] = []
  const subscribe: FakeWechat['subscribe'] = {
    tokens: [],
    messages: [],
    failNext: null,
    failAlways: null,
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    res.setHeader('content-type', 'application/json')
    if (url.pathname === '/cgi-bin/token') {
      // client_credential: a fresh token each time, valid 7200 s.
      const token = `fake-access-token-${subscribe.tokens.length + 1}`
      subscribe.tokens.push(token)
      res.end(JSON.stringify({ access_token: token, expires_in: 7200 }))
      return
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const accessToken = url.searchParams.get('access_token') ?? ''
        if (!subscribe.tokens.includes(accessToken)) {
          res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }))
          return
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
        subscribe.messages.push({ accessToken, body })
        const errcode = subscribe.failNext ?? subscribe.failAlways ?? 0
        subscribe.failNext = null
        const errmsg = errcode === -1 ? 'system error' : errcode ? 'user refuse to accept the msg' : 'ok'
        res.end(JSON.stringify({ errcode, errmsg }))
      })
      return
    }
    if (url.pathname !== '/sns/jscode2session') {
      res.statusCode = 404
      res.end('{}')
      return
    }
    calls.push(url.searchParams)
    const code = url.searchParams.get('js_code') ?? ''
    if (code.startsWith('ok:')) {
      const openid = code.slice(3)
      res.end(JSON.stringify({ openid, session_key: FAKE_SESSION_KEY_PREFIX + openid }))
    } else if (code.startsWith('err:')) {
      const errcode = code.slice(4)
      res.end(JSON.stringify({ errcode: Number(errcode), errmsg: ERRMSG[errcode] ?? 'unknown' }))
    } else if (code === 'garbage') {
      res.end('not json')
    } else {
      res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    subscribe,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
