import { MemoryRateLimitStore } from '../../server/core/rateLimit'
import { createTestApp, TEST_DB, type TestApp } from './support/testApp'
import { startFakeWechat, type FakeWechat } from './support/fakeWechat'
import { expectLimited } from './support/rateLimited'

const PER_ADDRESS = 5
const PER_ACCOUNT = 3

describe(`rate limits on login and join routes (${TEST_DB})`, () => {
  let wechat: FakeWechat
  let t: TestApp
  let now = Date.parse('2026-06-01T02:00:00Z')

  beforeAll(async () => {
    wechat = await startFakeWechat()
    t = await createTestApp(
      {
        LOGIN_PER_ADDRESS_PER_MINUTE: String(PER_ADDRESS),
        LOGIN_PER_ACCOUNT_PER_MINUTE: String(PER_ACCOUNT),
        WECHAT_API_BASE: wechat.baseUrl,
        WECHAT_APPID: 'wx-test-app',
        WECHAT_SECRET: 'test-secret',
      },
      { clock: () => now },
    )
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  const post = (url: string, payload: unknown, ip: string, token?: string) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: payload as Record<string, unknown>,
      remoteAddress: ip,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    })
  const wechatLogin = (code: string, ip: string) => post('/api/v1/auth/wechat', { code }, ip)
  const devLogin = (openid: string, ip: string) => post('/api/v1/auth/dev', { openid }, ip)

  it('WeChat login: one address gets so many a minute, and the refused ones never reach code2Session', async () => {
    const before = wechat.calls.length
    for (let i = 0; i < PER_ADDRESS; i++)
      expect((await wechatLogin(`ok:addr-${i}`, '10.1.0.1')).statusCode).toBe(200)
    expectLimited(await wechatLogin('ok:addr-late', '10.1.0.1'))
    expect(wechat.calls.length - before).toBe(PER_ADDRESS)
    expect((await wechatLogin('ok:addr-other', '10.1.0.2')).statusCode).toBe(200)
  })

  it('WeChat login: one code gets so many tries a minute from any number of addresses', async () => {
    for (let i = 0; i < PER_ACCOUNT; i++)
      expect((await wechatLogin('ok:same-code', `10.2.0.${i}`)).statusCode).toBe(200)
    expectLimited(await wechatLogin('ok:same-code', '10.2.0.99'))
  })

  it('demo login: per address and per openid; a new window lets them in again', async () => {
    for (let i = 0; i < PER_ACCOUNT; i++)
      expect((await devLogin('demo-office', `10.3.0.${i}`)).statusCode).toBe(200)
    expectLimited(await devLogin('demo-office', '10.3.0.50'))
    const users = [
      'demo-liaison-private',
      'demo-employee-private',
      'demo-head-private',
      'demo-liaison-nopo',
      'demo-liaison-soe',
    ]
    for (const openid of users) expect((await devLogin(openid, '10.3.1.1')).statusCode).toBe(200)
    expectLimited(await devLogin('demo-supervisor-united', '10.3.1.1'))
    now += 61_000
    expect((await devLogin('demo-office', '10.3.0.50')).statusCode).toBe(200)
    expect((await devLogin('demo-supervisor-united', '10.3.1.1')).statusCode).toBe(200)
  })

  it('invite join and the 管理员码: per signed-in user and per address', async () => {
    const token = (await devLogin('demo-newcomer', '10.4.0.1')).json().token as string
    const join = (ip: string, as = token) => post('/api/v1/invites/join', { code: 'ZZZZ2345' }, ip, as)
    for (let i = 0; i < PER_ACCOUNT; i++) expect((await join(`10.4.1.${i}`)).statusCode).not.toBe(429)
    expectLimited(await join('10.4.1.77'))
    const redeem = (ip: string) => post('/api/v1/setup/redeem', { code: 'ZZZZ-ZZZZ-ZZZZ' }, ip, token)
    for (let i = 0; i < PER_ACCOUNT; i++) expect((await redeem(`10.4.2.${i}`)).statusCode).not.toBe(429)
    expectLimited(await redeem('10.4.2.77'))
    // Many accounts from one address, one join each: the address limit.
    const openids = [
      'demo-liaison-private',
      'demo-employee-private',
      'demo-head-private',
      'demo-liaison-nopo',
      'demo-liaison-soe',
      'demo-supervisor-united',
    ]
    const tokens: string[] = []
    for (const [i, openid] of openids.entries())
      tokens.push((await devLogin(openid, `10.4.9.${i}`)).json().token as string)
    for (const other of tokens.slice(0, PER_ADDRESS))
      expect((await join('10.4.3.1', other)).statusCode).not.toBe(429)
    expectLimited(await join('10.4.3.1', tokens[PER_ADDRESS]))
    expect((await join('10.4.3.2', tokens[PER_ADDRESS])).statusCode).not.toBe(429)
  })
})

describe('the in-memory rate-limit store', () => {
  it('counts per key in fixed windows and forgets ended ones', async () => {
    const store = new MemoryRateLimitStore()
    expect(await store.hit('a', 1000, 0)).toEqual({ count: 1, resetAt: 1000 })
    expect(await store.hit('a', 1000, 999)).toEqual({ count: 2, resetAt: 1000 })
    expect(await store.hit('b', 1000, 999)).toEqual({ count: 1, resetAt: 1999 })
    expect(await store.hit('a', 1000, 1000)).toEqual({ count: 1, resetAt: 2000 })
  })
})
