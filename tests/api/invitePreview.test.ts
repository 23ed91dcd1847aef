import { issueToken } from '../../server/core/token'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'

/**
 * 加入 page's preview: before sending a join request the page names the organisation, the role, who decides
 * and until when the code is valid; it refuses as the join would, and writes nothing.
 */
describe(`invite preview [${TEST_DB}]`, () => {
  let t: TestApp
  let liaison: string
  let office: string
  let privateId: number
  let users = 0

  beforeAll(async () => {
    t = await createTestApp()
    liaison = await loginAs(t.app, 'demo-liaison-private')
    office = await loginAs(t.app, 'demo-office')
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
  })
  afterAll(() => t.close())

  async function newUser(): Promise<string> {
    users += 1
    const at = new Date().toISOString()
    const row = await t.app.db
      .insertInto('users')
      .values({ openid: `preview-${users}`, name: `新职工${users}`, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    return issueToken(row.id, t.env.TOKEN_SECRET!, 3600).token
  }
  async function invite(token: string, payload: object): Promise<string> {
    const res = await call(t.app, token, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/invites`,
      payload,
    })
    expect(res.statusCode).toBe(201)
    return res.json().code as string
  }
  const preview = (token: string, code: unknown) =>
    call(t.app, token, { method: 'POST', url: '/api/v1/invites/preview', payload: { code } })
  const join = (token: string, code: string) =>
    call(t.app, token, { method: 'POST', url: '/api/v1/invites/join', payload: { code } })

  it('names the enterprise, the role, who decides and the expiry, and writes nothing', async () => {
    const code = await invite(liaison, { role: 'employee' })
    const user = await newUser()
    const before = await t.app.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    // Written as people paste it from a chat: lower case, with a space.
    const res = await preview(user, `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      organisationKind: 'enterprise',
      organisationName: '县恒达食品有限公司',
      role: 'employee',
      alreadyMember: false,
    })
    expect(Date.parse(res.json().expiresAt)).toBeGreaterThan(Date.now())
    const after = await t.app.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
    const invites = await t.app.db.selectFrom('invites').select('uses').where('code', '=', code).execute()
    expect(invites[0]!.uses).toBe(0)
  })

  it('says when the caller already asked, instead of offering a second request', async () => {
    const code = await invite(liaison, { role: 'employee' })
    const user = await newUser()
    expect((await join(user, code)).statusCode).toBe(201)
    const res = await preview(user, code)
    expect(res.statusCode).toBe(200)
    expect(res.json().alreadyMember).toBe(true)
  })

  it('refuses as the join would: unknown, malformed, expired and used-up codes', async () => {
    const user = await newUser()
    const unknown = await preview(user, 'ZZZZ9999')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.code).toBe('INVITE_INVALID')
    expect(unknown.json().error.message).toMatch(/[\u4e00-\u9fa5]/)
    const malformed = await preview(user, 'abc\u0000')
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED')

    const expired = await invite(liaison, { role: 'employee' })
    await t.app.db
      .updateTable('invites')
      .set({ expires_at: '2020-01-01T00:00:00.000Z' })
      .where('code', '=', expired)
      .execute()
    expect((await preview(user, expired)).json().error.code).toBe('INVITE_INVALID')

    const single = await invite(office, { role: 'liaison' })
    expect((await join(await newUser(), single)).statusCode).toBe(201)
    const usedUp = await preview(user, single)
    expect(usedUp.statusCode).toBe(409)
    expect(usedUp.json().error.code).toBe('INVITE_USED_UP')
  })

  it('needs a signed-in user', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invites/preview',
      payload: { code: 'ABCD2345' },
    })
    expect(res.statusCode).toBe(401)
  })
})
