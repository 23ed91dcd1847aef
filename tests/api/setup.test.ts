import { setUpCounty } from '../../server/features/setup/service'
import { call, createTestApp, TEST_DB, type TestApp } from './support/testApp'
import { emptyCountyEnv, startFakeWechat, type FakeWechat } from './support/fakeWechat'

/** Switching on a county from an empty database: `npm run setup`'s code makes the first administrator. */
describe(`setup: the first administrator [${TEST_DB}]`, () => {
  let wechat: FakeWechat
  let t: TestApp
  let now = Date.parse('2026-12-01T02:00:00Z')

  beforeAll(async () => {
    wechat = await startFakeWechat()
    t = await createTestApp(emptyCountyEnv(wechat), { clock: () => now })
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  async function wechatUser(openid: string): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/wechat',
      payload: { code: `ok:${openid}` },
    })
    expect(res.statusCode).toBe(200)
    return res.json().token as string
  }
  const issue = () => t.database.db.transaction().execute((trx) => setUpCounty(trx, '演示县', now))
  const redeem = (token: string, code: string) =>
    call(t.app, token, { method: 'POST', url: '/api/v1/setup/redeem', payload: { code } })
  const roles = async (token: string) =>
    (await call(t.app, token, { method: 'GET', url: '/api/v1/me' }))
      .json()
      .memberships.map((m: { role: string }) => m.role)

  it('starts empty: no department, no enterprise, no demo user', async () => {
    const departments = await t.app.db.selectFrom('departments').select('id').execute()
    const enterprises = await t.app.db.selectFrom('enterprises').select('id').execute()
    const users = await t.app.db.selectFrom('users').select('id').execute()
    expect([departments.length, enterprises.length, users.length]).toEqual([0, 0, 0])
  })

  it('creates the office once; its code makes the first WeChat user who redeems it an administrator, once', async () => {
    const first = await issue()
    expect(first.office).toMatchObject({ name: '演示县清廉企业建设工作领导小组办公室', created: true })
    expect(first.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    // only the hash is kept
    const stored = await t.app.db.selectFrom('admin_codes').selectAll().execute()
    expect(JSON.stringify(stored)).not.toContain(first.code.replace(/-/g, ''))

    const clerk = await wechatUser('county-clerk')
    expect(await roles(clerk)).toEqual([])
    const res = await redeem(clerk, first.code.toLowerCase())
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      departmentName: '演示县清廉企业建设工作领导小组办公室',
      role: 'office',
    })
    expect(await roles(clerk)).toEqual(['office'])
    // the office can now do office things, e.g. list every enterprise
    expect((await call(t.app, clerk, { method: 'GET', url: '/api/v1/enterprises' })).statusCode).toBe(200)

    const other = await wechatUser('someone-else')
    const again = await redeem(other, first.code)
    expect(again.statusCode).toBe(404)
    expect(again.json().error.code).toBe('ADMIN_CODE_INVALID')
    expect(await roles(other)).toEqual([])

    const second = await issue()
    expect(second.office).toMatchObject({ id: first.office.id, created: false })
  })

  it('reissuing revokes the previous code; a code expires after 24 hours', async () => {
    const older = await issue()
    const newer = await issue()
    const user = await wechatUser('revoked-tester')
    expect((await redeem(user, older.code)).json().error.code).toBe('ADMIN_CODE_INVALID')
    const later = await issue()
    now += 24 * 3600_000 + 1000
    expect((await redeem(user, later.code)).statusCode).toBe(404)
    expect((await redeem(user, newer.code)).statusCode).toBe(404)
    const fresh = await issue()
    expect((await redeem(user, fresh.code)).statusCode).toBe(201)
  })

  it('refuses malformed codes with a clear message, NUL bytes included', async () => {
    const user = await wechatUser('typo-tester')
    for (const code of ['', 'ABC', 'ABCD-EFGH-JKL\u0000', 'x'.repeat(500), 123]) {
      const res = await redeem(user, code as string)
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('VALIDATION_FAILED')
    }
    expect(
      (
        await call(t.app, null, {
          method: 'POST',
          url: '/api/v1/setup/redeem',
          payload: { code: 'ABCDEFGHJKMN' },
        })
      ).statusCode,
    ).toBe(401)
  })

  it('of concurrent redeems of one code exactly one succeeds', async () => {
    const { code } = await issue()
    const tokens = await Promise.all(
      ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((o) => wechatUser(`racer-${o}`)),
    )
    const results = await Promise.all(tokens.map((token) => redeem(token, code)))
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 404, 404, 404, 404, 404])
    const offices = await Promise.all(tokens.map(roles))
    expect(offices.filter((r) => r.includes('office'))).toHaveLength(1)
  })
})
