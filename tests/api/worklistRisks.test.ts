import type { TTodoList } from '../../src/models/todo'
import type { TWorklistPage } from '../../src/models/worklists'
import { expectOneWinner, race } from './support/races'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'

const DAY = 86_400_000

/**
 * 工作清单 风险预警: 有效 risks at 高 or past their review date, of a department's enterprises (the office:
 * all), the very rows of the supervisors' 风险预警 to-dos; 催办 of one reaches the enterprise's liaison as a
 * to-do until the risk is no longer under 预警, audited, once a day, also in a race.
 */
describe(`work list 风险预警 and its 催办 [${TEST_DB}]`, () => {
  let t: TestApp
  // 10:00 北京时间, 2026-03-10: a review date of 03-09 is overdue, one of today is not.
  let now = Date.parse('2026-03-10T02:00:00Z')
  const id: Record<'soe' | 'mixed' | 'private' | 'nopo', number> = { soe: 0, mixed: 0, private: 0, nopo: 0 }
  const k: Record<string, number> = {}
  let finance: string
  let united: string
  let office: string

  const get = async <T>(token: string, url: string): Promise<T> => {
    const res = await call(t.app, token, { method: 'GET', url })
    expect(res.statusCode).toBe(200)
    return res.json() as T
  }
  const alerts = (token: string, query = '') =>
    get<TWorklistPage>(token, `/api/v1/supervision/worklists/risk_alert?pageSize=200${query}`)
  const riskIds = async (token: string, query = '') => (await alerts(token, query)).items.map((i) => i.riskId)
  const urge = (token: string, payload: object) =>
    call(t.app, token, { method: 'POST', url: '/api/v1/supervision/urges', payload })
  const todos = async (token: string) => get<TTodoList>(token, '/api/v1/todos')

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    id.soe = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    id.mixed = await idOf(t.app, 'enterprises', '县园区水务发展有限公司')
    id.private = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    id.nopo = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    const user = (await t.app.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id
    const at = '2026-03-01T00:00:00Z'
    const add = async (
      key: string,
      enterprise: number,
      level: 'high' | 'medium' | 'low',
      review: string,
      status: 'active' | 'closed' = 'active',
    ) => {
      const grade = { high: 3, medium: 2, low: 1 }[level]
      const row = await t.app.db
        .insertInto('risks')
        .values({
          enterprise_id: enterprise,
          area: 'material_purchase',
          area_name: null,
          post: `岗位${key}`,
          description: '供应商选择环节存在利益输送风险',
          likelihood: grade,
          impact: grade,
          level,
          measures: '三方比价',
          owner: '王采购',
          review_cycle: 3,
          next_review_date: review,
          status,
          starter_code: null,
          rectification_id: null,
          version: 1,
          created_by: user,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      k[key] = row.id
    }
    await add('soeHigh', id.soe, 'high', '2026-06-01')
    await add('soeMedium', id.soe, 'medium', '2026-04-01')
    await add('mixedLate', id.mixed, 'low', '2026-03-01')
    await add('privateHighLate', id.private, 'high', '2026-03-05')
    await add('privateClosed', id.private, 'high', '2026-03-01', 'closed')
    await add('nopoDueToday', id.nopo, 'medium', '2026-03-10')
    await add('nopoHigh', id.nopo, 'high', '2026-09-01')
    ;[finance, united, office] = await Promise.all(
      ['demo-supervisor-finance', 'demo-supervisor-united', 'demo-office'].map((o) => loginAs(t.app, o)),
    )
  })
  afterAll(() => t.close())

  it('lists a department exactly its enterprises’ alerts, the office all, the most overdue first', async () => {
    // 财政局 supervises soe and mixed, 统战部 private and nopo.
    expect(await riskIds(finance)).toEqual([k.mixedLate, k.soeHigh])
    expect(await riskIds(united)).toEqual([k.privateHighLate, k.nopoHigh])
    expect(await riskIds(office)).toEqual([k.mixedLate, k.privateHighLate, k.soeHigh, k.nopoHigh])
    expect(await riskIds(office, '&order=newest')).toEqual([
      k.nopoHigh,
      k.soeHigh,
      k.privateHighLate,
      k.mixedLate,
    ])
    const late = (await alerts(united)).items[0]
    expect(late).toMatchObject({
      enterpriseId: id.private,
      enterpriseName: '县恒达食品有限公司',
      riskId: k.privateHighLate,
      rectificationId: null,
      assessmentId: null,
      title: '物资采购 · 岗位privateHighLate',
      deadline: '2026-03-05',
      status: 'high',
      urge: { kind: 'risk', itemId: k.privateHighLate },
      urgedToday: false,
    })
  })

  it('equals the supervisors’ 风险预警 to-dos', async () => {
    for (const token of [finance, united]) {
      const listed = await riskIds(token)
      const alerted = (await todos(token)).items.filter((i) => i.kind === 'risk_alert').map((i) => i.recordId)
      expect([...alerted].sort()).toEqual([...listed].sort())
    }
  })

  it('searches, pages and counts like the other lists', async () => {
    expect(await riskIds(office, `&q=${encodeURIComponent('恒达')}`)).toEqual([k.privateHighLate])
    const page2 = await get<TWorklistPage>(
      office,
      '/api/v1/supervision/worklists/risk_alert?pageSize=3&page=2',
    )
    expect([page2.total, page2.items.map((i) => i.riskId)]).toEqual([4, [k.nopoHigh]])
    const c = await get<{ counts: Record<string, number> }>(finance, '/api/v1/supervision/worklists')
    expect(c.counts.risk_alert).toBe(2)
  })

  it('a 催办 becomes the liaison’s to-do until the risk leaves 预警, audited, once a day', async () => {
    const sent = await urge(united, {
      enterpriseId: id.private,
      kind: 'risk',
      itemId: k.privateHighLate,
      note: '请尽快复核',
    })
    expect(sent.statusCode).toBe(201)
    expect(sent.json()).toMatchObject({ kind: 'risk', fromName: '县委统战部', liaisons: 1 })
    const urgeId = sent.json().id as number
    const liaison = await loginAs(t.app, 'demo-liaison-private')
    const todo = (await todos(liaison)).items.find((i) => i.kind === 'urge')
    expect(todo).toMatchObject({
      key: `urge:risk:${urgeId}`,
      title: '督办：请复核处置廉洁风险点「物资采购 · 岗位privateHighLate」',
      detail: '县恒达食品有限公司 · 县委统战部催办：请尽快复核',
      dueDate: '2026-03-05',
      overdue: true,
      enterpriseId: id.private,
      recordId: k.privateHighLate,
    })
    for (const other of ['demo-liaison-soe', 'demo-liaison-mixed', 'demo-liaison-nopo'])
      expect((await todos(await loginAs(t.app, other))).items.filter((i) => i.kind === 'urge')).toEqual([])
    const audit = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'supervision.urge')
      .where('entity_id', '=', String(urgeId))
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ organisation_kind: 'enterprise', organisation_id: id.private })

    // Once a day, whoever sends it.
    const again = await urge(office, { enterpriseId: id.private, kind: 'risk', itemId: k.privateHighLate })
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'URGE_ALREADY_TODAY'])
    expect((await alerts(united)).items[0]).toMatchObject({
      urgedToday: true,
      lastUrgedAt: sent.json().createdAt,
    })

    // The liaison reviews it down to 低: it leaves 预警, the list and the to-do.
    now += DAY
    const reviewed = await call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/enterprises/${id.private}/risks/${k.privateHighLate}/reviews`,
      payload: { note: '已落实三方比价，风险降低', likelihood: 1, impact: 1, version: 1 },
    })
    expect(reviewed.statusCode).toBe(200)
    // (A day on, nopo's review of 03-10 is overdue in its turn.)
    expect(await riskIds(united)).toEqual([k.nopoDueToday, k.nopoHigh])
    expect((await todos(liaison)).items.filter((i) => i.kind === 'urge')).toEqual([])
    const late = await urge(united, { enterpriseId: id.private, kind: 'risk', itemId: k.privateHighLate })
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'URGE_NOT_NEEDED'])
  })

  it('refuses a risk not under 预警, and answers 404 for one out of reach', async () => {
    const calm = await urge(finance, { enterpriseId: id.soe, kind: 'risk', itemId: k.soeMedium })
    expect([calm.statusCode, calm.json().error.code]).toEqual([409, 'URGE_NOT_NEEDED'])
    for (const payload of [
      // private is 统战部's, not 财政局's.
      { enterpriseId: id.private, kind: 'risk', itemId: k.privateClosed },
      // soe's own id with another enterprise's risk.
      { enterpriseId: id.soe, kind: 'risk', itemId: k.mixedLate },
      { enterpriseId: id.soe, kind: 'risk', itemId: 999999 },
    ]) {
      const res = await urge(finance, payload)
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND'])
    }
  })

  it('lets one of several simultaneous 催办 of a risk through', async () => {
    const responses = await race(() =>
      urge(united, { enterpriseId: id.nopo, kind: 'risk', itemId: k.nopoHigh }),
    )
    expectOneWinner(responses, 201, '409 URGE_ALREADY_TODAY')
    const rows = await t.app.db
      .selectFrom('urges')
      .select('id')
      .where('kind', '=', 'risk')
      .where('item_id', '=', k.nopoHigh)
      .execute()
    expect(rows).toHaveLength(1)
  })
})
