import { PassThrough } from 'node:stream'
import { redactUrl } from '../../server/core/logging'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { startFakeWechat, type FakeWechat } from './support/fakeWechat'

/** Bearer and display tokens are answered once and kept nowhere: not in the idempotency table, not in the log. */
describe(`no token at rest or in the log [${TEST_DB}]`, () => {
  let wechat: FakeWechat
  let t: TestApp
  let log = ''
  const HOUR = 3600_000

  beforeAll(async () => {
    wechat = await startFakeWechat()
    const logStream = new PassThrough()
    logStream.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')))
    t = await createTestApp(
      {
        LOG_LEVEL: 'info',
        WECHAT_API_BASE: wechat.baseUrl,
        WECHAT_APPID: 'wx-test-app',
        WECHAT_SECRET: 'test-secret',
      },
      { logStream },
    )
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  const storedAnswers = async () =>
    JSON.stringify(await t.app.db.selectFrom('idempotency_keys').selectAll().execute())

  it.each([
    ['the demo login', '/api/v1/auth/dev', { openid: 'demo-liaison-private' }, 'login-key-dev-1'],
    ['the WeChat login', '/api/v1/auth/wechat', { code: 'ok:openid-at-rest' }, 'login-key-wechat-1'],
  ])(
    '%s with an Idempotency-Key stores a marker, not the token, and refuses a replay',
    async (_, url, payload, key) => {
      const login = () => t.app.inject({ method: 'POST', url, payload, headers: { 'idempotency-key': key } })
      const first = await login()
      expect(first.statusCode).toBe(200)
      const token = first.json().token as string
      expect(token.length).toBeGreaterThan(20)
      const row = await t.app.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirstOrThrow()
      expect(row).toMatchObject({ state: 'done', response_status: 200, response_body: null })
      expect(await storedAnswers()).not.toContain(token)
      const replay = await login()
      expect(replay.statusCode).toBe(409)
      expect(replay.json().error.code).toBe('IDEMPOTENCY_NOT_REPLAYABLE')
      expect(replay.body).not.toContain(token)
      // A login without a key is unaffected.
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { openid: 'demo-office' } }))
          .statusCode,
      ).toBe(200)
    },
  )

  it('keeps display tokens out of the idempotency table and the log, and bearer tokens out of the log', async () => {
    const liaison = await loginAs(t.app, 'demo-liaison-private')
    const enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    const now = Date.now()
    const event = await call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/enterprises/${enterpriseId}/events`,
      payload: {
        kind: 'integrity_lecture',
        title: '大屏令牌',
        startsAt: new Date(now + HOUR).toISOString(),
        endsAt: new Date(now + 2 * HOUR).toISOString(),
        signInOpensAt: new Date(now - HOUR).toISOString(),
      },
    })
    expect(event.statusCode).toBe(201)
    const create = () =>
      call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/events/${event.json().id}/display-links`,
        headers: { 'idempotency-key': 'display-link-key-1' },
      })
    const created = await create()
    expect(created.statusCode).toBe(201)
    const { token, qrPath } = created.json() as { token: string; qrPath: string }
    expect(await storedAnswers()).not.toContain(token)
    const replay = await create()
    expect(replay.statusCode).toBe(409)
    expect(replay.json().error.code).toBe('IDEMPOTENCY_NOT_REPLAYABLE')
    // The big screen polls with the token in its path; the log keeps the route, not the token.
    expect((await t.app.inject({ method: 'GET', url: qrPath })).statusCode).toBe(200)
    // Whatever a route or plugin logs: headers, a login answer.
    t.app.log.info({ headers: { authorization: `Bearer ${liaison}` }, answer: { token, qrPath } }, 'probe')
    expect(log).toContain('"authorization":"[redacted]"')
    expect(log).toContain('/api/v1/display/[redacted]/qr')
    expect(log).not.toContain(token)
    expect(log).not.toContain(liaison)
    expect(log).toContain('incoming request')
  })

  it('cuts capabilities out of logged URLs', () => {
    expect(redactUrl('/api/v1/display/abcDEF_-123/qr')).toBe('/api/v1/display/[redacted]/qr')
    expect(redactUrl('/api/v1/files/7?expires=123&sig=abc')).toBe(
      '/api/v1/files/7?expires=123&sig=[redacted]',
    )
    expect(redactUrl('/qr/join?code=ABCD-EFGH')).toBe('/qr/join?code=[redacted]')
    expect(redactUrl('/s?c=QL1.x.y')).toBe('/s?c=[redacted]')
    expect(redactUrl('/api/v1/events?cursor=5')).toBe('/api/v1/events?cursor=5')
  })
})
