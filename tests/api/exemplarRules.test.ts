import type { TExemplarRound } from '../../src/models/exemplars'
import type { TSupervisionEnterprise } from '../../src/models/supervisionEnterprise'
import type { TEnterpriseListPage } from '../../src/models/supervisionOverview'
import { outcomes, race, RACERS } from './support/races'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'

/**
 * 示范点 rules: 实施步骤（二）2 asks for one 国企 and one 民企 示范点, so one 示范点 round stands that is not
 * cancelled (409 EXEMPLAR_PILOT_ROUND_EXISTS, also when requests race); 示范企业 rounds repeat; publishing
 * a round's 公示 marks its chosen enterprises, shown on the enterprise page and list.
 */
describe(`示范点 rules [${TEST_DB}]`, () => {
  let t: TestApp
  const now = Date.parse('2026-03-10T02:00:00Z')
  let office: string
  const post = (url: string, payload?: object) =>
    call(t.app, office, { method: 'POST', url, ...(payload ? { payload } : {}) })
  const create = (kind: 'pilot' | 'exemplar', name: string) =>
    post('/api/v1/exemplars/rounds', { kind, name })
  const code = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    office = await loginAs(t.app, 'demo-office')
  })
  afterAll(() => t.close())

  it('lets one 示范点 round stand, also when created at once; 示范企业 rounds repeat', async () => {
    const answers = await race((i) => create('pilot', `示范点 ${i}`))
    expect(outcomes(answers)).toEqual(
      ['201', ...Array<string>(RACERS - 1).fill('409 EXEMPLAR_PILOT_ROUND_EXISTS')].sort(),
    )
    const refused = answers.find((r) => r.statusCode === 409)!
    expect(refused.json().error.message).toContain('国有企业、民营企业中各选择1家')
    const standing = answers.find((r) => r.statusCode === 201)!.json() as TExemplarRound
    for (const name of ['示范企业一', '示范企业二'])
      expect((await create('exemplar', name)).statusCode).toBe(201)
    // Cancelled: it changes no more, and a new 示范点 round may be made.
    const cancelled = await post(`/api/v1/exemplars/rounds/${standing.id}/cancel`)
    expect(cancelled.statusCode).toBe(200)
    expect((cancelled.json() as TExemplarRound).cancelledAt).not.toBeNull()
    const late = await post(`/api/v1/exemplars/rounds/${standing.id}/candidates`, { enterpriseId: 1 })
    expect([late.statusCode, code(late)]).toEqual([409, 'EXEMPLAR_ROUND_CANCELLED'])
    expect((await create('pilot', '重新发起的示范点')).statusCode).toBe(201)
    expect(code(await create('pilot', '第三轮'))).toBe('EXEMPLAR_PILOT_ROUND_EXISTS')
  })

  it('marks the chosen enterprises when the 公示 is published: 示范点 and 示范企业', async () => {
    const soe = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    const priv = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    const other = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    const pilot = (await t.app.db
      .selectFrom('exemplar_rounds')
      .select('id')
      .where('kind', '=', 'pilot')
      .where('cancelled_at', 'is', null)
      .executeTakeFirstOrThrow())!.id
    const exemplar = ((await create('exemplar', '诚信经营示范企业')).json() as TExemplarRound).id
    for (const [round, e] of [
      [pilot, soe],
      [pilot, priv],
      [exemplar, priv],
      [exemplar, other],
    ]) {
      expect(
        (await post(`/api/v1/exemplars/rounds/${round}/candidates`, { enterpriseId: e })).statusCode,
      ).toBe(201)
      expect((await post(`/api/v1/exemplars/rounds/${round}/candidates/${e}/choose`)).statusCode).toBe(200)
    }
    const page = async (e: number) =>
      (
        (
          await call(t.app, office, { method: 'GET', url: `/api/v1/supervision/enterprises/${e}` })
        ).json() as TSupervisionEnterprise
      ).profile.demonstration
    expect(await page(soe)).toBeNull()
    const period = { startsOn: '2026-03-11', endsOn: '2026-03-17' }
    expect((await post(`/api/v1/exemplars/rounds/${pilot}/publish`, period)).statusCode).toBe(200)
    expect((await post(`/api/v1/exemplars/rounds/${exemplar}/publish`, period)).statusCode).toBe(200)
    // A 示范点 chosen again as a 示范企业 stays a 示范点.
    expect([await page(soe), await page(priv), await page(other)]).toEqual(['pilot', 'pilot', 'exemplar'])
    const list = (
      await call(t.app, office, { method: 'GET', url: '/api/v1/supervision/enterprises?pageSize=100' })
    ).json() as TEnterpriseListPage
    const mark = (e: number) => list.items.find((r) => r.enterpriseId === e)?.demonstration
    expect([mark(soe), mark(priv), mark(other)]).toEqual(['pilot', 'pilot', 'exemplar'])
    // Published: it cannot be cancelled any more.
    const cancel = await post(`/api/v1/exemplars/rounds/${pilot}/cancel`)
    expect([cancel.statusCode, code(cancel)]).toEqual([409, 'EXEMPLAR_ROUND_PUBLISHED'])
  })
})
