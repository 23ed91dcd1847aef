import { issueToken } from '../../server/core/token'
import { createTestApp, TEST_DB, call, loginAs, type TestApp } from './support/testApp'
import { FAKE_SESSION_KEY_PREFIX, startFakeWechat, type FakeWechat } from './support/fakeWechat'

describe(`auth [${TEST_DB}]`, () => {
  let wechat: FakeWechat
  let t: TestApp
  beforeAll(async () => {
    wechat = await startFakeWechat()
    t = await createTestApp({
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'test-secret',
    })
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  const wechatLogin = (code: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code } })

  it('creates a user on first WeChat login, reuses it later, and never returns the session_key', async () => {
    const first = await wechatLogin('ok:openid-new-1')
    expect(first.statusCode).toBe(200)
    expect(first.body).not.toContain(FAKE_SESSION_KEY_PREFIX)
    expect(first.body).not.toContain('session_key')
    const second = await wechatLogin('ok:openid-new-1')
    expect(second.json().user.id).toBe(first.json().user.id)
    const lastCall = wechat.calls[wechat.calls.length - 1]
    expect(lastCall.get('appid')).toBe('wx-test-app')
    expect(lastCall.get('grant_type')).toBe('authorization_code')

    const stored = await t.app.db
      .selectFrom('users')
      .select('session_key')
      .where('openid', '=', 'openid-new-1')
      .executeTakeFirstOrThrow()
    expect(stored.session_key).toBe(FAKE_SESSION_KEY_PREFIX + 'openid-new-1')

    const me = await call(t.app, first.json().token, { method: 'GET', url: '/api/v1/me' })
    expect(me.statusCode).toBe(200)
    expect(me.body).not.toContain(FAKE_SESSION_KEY_PREFIX)
    expect(me.json().memberships).toEqual([])
  })

  it.each([
    [-1, 503, 'WECHAT_BUSY'],
    [40029, 400, 'WECHAT_CODE_INVALID'],
    [40163, 400, 'WECHAT_CODE_USED'],
    [45011, 429, 'WECHAT_RATE_LIMITED'],
    [40226, 403, 'WECHAT_USER_BLOCKED'],
    [99999, 502, 'WECHAT_UNAVAILABLE'],
  ])('maps WeChat errcode %i to %i %s', async (errcode, status, code) => {
    const res = await wechatLogin(`err:${errcode}`)
    expect(res.statusCode).toBe(status)
    expect(res.json().error.code).toBe(code)
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('answers 502 when WeChat sends something unreadable, and 400 for an empty code', async () => {
    expect((await wechatLogin('garbage')).json().error.code).toBe('WECHAT_UNAVAILABLE')
    const empty = await wechatLogin('')
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.code).toBe('VALIDATION_FAILED')
  })

  it('refuses a disabled user at login and on every call with a still-valid token', async () => {
    const token = await loginAs(t.app, 'demo-employee-private')
    await t.app.db
      .updateTable('users')
      .set({ disabled_at: new Date().toISOString() })
      .where('openid', '=', 'demo-employee-private')
      .execute()
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      payload: { openid: 'demo-employee-private' },
    })
    expect(login.statusCode).toBe(403)
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED')
    const me = await call(t.app, token, { method: 'GET', url: '/api/v1/me' })
    expect(me.statusCode).toBe(403)
    expect(me.json().error.code).toBe('ACCOUNT_DISABLED')
    await t.app.db
      .updateTable('users')
      .set({ disabled_at: null })
      .where('openid', '=', 'demo-employee-private')
      .execute()
  })

  it('refuses expired, forged and malformed tokens with 401 and a code the app can act on', async () => {
    const user = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-liaison-soe')
      .executeTakeFirstOrThrow()
    const expired = issueToken(user.id, t.env.TOKEN_SECRET, 60, Date.now() - 3_600_000).token
    const forged = issueToken(user.id, 'another-secret-another-secret-another', 3600).token
    for (const [token, code] of [
      [expired, 'TOKEN_EXPIRED'],
      [forged, 'TOKEN_INVALID'],
      ['not-a-token', 'TOKEN_INVALID'],
    ]) {
      const res = await call(t.app, token, { method: 'GET', url: '/api/v1/me' })
      expect(res.statusCode).toBe(401)
      expect(res.json().error.code).toBe(code)
    }
  })

  it('lists the demo users for the picker and logs one in', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth/dev/users' })
    expect(list.statusCode).toBe(200)
    expect(list.json().users.map((u: { openid: string }) => u.openid)).toContain('demo-liaison-private')
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      payload: { openid: 'nobody' },
    })
    expect(unknown.statusCode).toBe(404)
  })
})

describe(`auth in production mode [${TEST_DB}]`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({
      APP_MODE: 'production',
      SEED_DEMO: 'true',
      TOKEN_SECRET: 'production-secret-production-secret-1234',
      PLEDGE_CHAIN_KEY: 'production-pledge-chain-key-production-5678',
      WECHAT_APPID: 'wx-prod',
      WECHAT_SECRET: 'prod-secret',
    })
  })
  afterAll(() => t.close())

  it('has no dev login and no demo-user list (404 as for any unknown route)', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      payload: { openid: 'demo-office' },
    })
    expect(login.statusCode).toBe(404)
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth/dev/users' })
    expect(list.statusCode).toBe(404)
  })
})
