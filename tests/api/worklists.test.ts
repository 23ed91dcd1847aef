import type { TTodoList } from '../../src/models/todo'
import type { TWorklist, TWorklistCounts, TWorklistPage } from '../../src/models/worklists'
import { startFakeWechat, type FakeWechat } from './support/fakeWechat'
import { expectOneWinner, race } from './support/races'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'

const DAY = 86_400_000
const LISTS: TWorklist[] = ['overdue', 'verify', 'review', 'not_started', 'risk_alert']

/**
 * 工作清单 and 催办: each list holds exactly the caller's enterprises (a department's, the office's all),
 * its count is its total, a removed link takes effect at once; a 催办 reaches the enterprise's liaison as
 * a to-do (and a subscribe message) until the matter is done, is audited, and comes once a day per matter,
 * also in a race.
 */
describe(`work lists and 催办 [${TEST_DB}]`, () => {
  let t: TestApp
  let wechat: FakeWechat
  // 10:00 北京时间, 2026-03-10: a deadline of 03-09 is overdue, one of today is not.
  let now = Date.parse('2026-03-10T02:00:00Z')
  const id: Record<'soe' | 'mixed' | 'private' | 'nopo', number> = { soe: 0, mixed: 0, private: 0, nopo: 0 }
  const r: Record<string, number> = {}
  let campaignId: number
  let finance: string
  let united: string
  let office: string

  const get = async <T>(token: string, url: string): Promise<T> => {
    const res = await call(t.app, token, { method: 'GET', url })
    expect(res.statusCode).toBe(200)
    return res.json() as T
  }
  const list = (token: string, name: TWorklist, query = '') =>
    get<TWorklistPage>(token, `/api/v1/supervision/worklists/${name}?pageSize=200${query}`)
  const counts = (token: string, query = '') =>
    get<TWorklistCounts>(token, `/api/v1/supervision/worklists${query ? `?${query}` : ''}`)
  const urge = (token: string, payload: object) =>
    call(t.app, token, { method: 'POST', url: '/api/v1/supervision/urges', payload })
  const todos = async (openid: string) => get<TTodoList>(await loginAs(t.app, openid), '/api/v1/todos')
  const supervised = async (department: string) =>
    (
      await t.app.db
        .selectFrom('supervision_links')
        .select('enterprise_id')
        .where('department_id', '=', await idOf(t.app, 'departments', department))
        .execute()
    ).map((l) => l.enterprise_id)

  beforeAll(async () => {
    wechat = await startFakeWechat()
    t = await createTestApp(
      {
        WECHAT_API_BASE: wechat.baseUrl,
        WECHAT_APPID: 'wx-test-app',
        WECHAT_SECRET: 'test-secret',
        WECHAT_TIMEOUT_MS: '30000',
        WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify({ urge: 'tmpl-urge' }),
      },
      { clock: () => now },
    )
    id.soe = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    id.mixed = await idOf(t.app, 'enterprises', '县园区水务发展有限公司')
    id.private = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    id.nopo = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    const at = '2026-03-01T00:00:00Z'
    const add = async (key: string, enterprise: number, deadline: string, status: string, updated = at) => {
      const row = await t.app.db
        .insertInto('rectifications')
        .values({
          enterprise_id: enterprise,
          source: 'notice',
          title: `整改${key}`,
          deadline,
          status: status as 'open',
          created_at: at,
          updated_at: updated,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      r[key] = row.id
    }
    await add('soeLate', id.soe, '2026-03-01', 'open')
    await add('soeDueToday', id.soe, '2026-03-10', 'open')
    await add('mixedLate', id.mixed, '2026-03-05', 'returned')
    await add('mixedAnswered', id.mixed, '2026-03-20', 'awaiting_verification', '2026-03-08T01:00:00Z')
    await add('privateLate', id.private, '2026-03-09', 'open')
    await add('nopoAnswered', id.nopo, '2026-03-20', 'awaiting_verification', '2026-03-07T01:00:00Z')
    await add('nopoClosed', id.nopo, '2026-03-01', 'closed')
    campaignId = (await t.app.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow()).id
    // mixed has submitted (待审核); private has no assessment of the campaign at all (未参加).
    await t.app.db
      .updateTable('assessments')
      .set({ status: 'submitted', submitted_at: '2026-03-08T02:00:00Z' })
      .where('enterprise_id', '=', id.mixed)
      .execute()
    const privateAssessment = await t.app.db
      .selectFrom('assessments')
      .select('id')
      .where('enterprise_id', '=', id.private)
      .executeTakeFirstOrThrow()
    await t.app.db.deleteFrom('assessment_events').where('assessment_id', '=', privateAssessment.id).execute()
    await t.app.db.deleteFrom('assessments').where('id', '=', privateAssessment.id).execute()
    ;[finance, united, office] = await Promise.all(
      ['demo-supervisor-finance', 'demo-supervisor-united', 'demo-office'].map((o) => loginAs(t.app, o)),
    )
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  it('is for supervisors and the office only', async () => {
    const liaison = await loginAs(t.app, 'demo-liaison-soe')
    for (const url of ['/api/v1/supervision/worklists', '/api/v1/supervision/worklists/overdue'])
      expect((await call(t.app, liaison, { method: 'GET', url })).statusCode).toBe(403)
    expect(
      (await urge(liaison, { enterpriseId: id.soe, kind: 'rectification', itemId: r.soeLate })).statusCode,
    ).toBe(403)
    expect(
      (await call(t.app, null, { method: 'GET', url: '/api/v1/supervision/worklists' })).statusCode,
    ).toBe(401)
  })

  it('shows a department exactly its enterprises in every list, and the office all', async () => {
    const rows = async (token: string, name: TWorklist) =>
      (await list(token, name)).items.map((i) => [i.enterpriseId, i.rectificationId ?? i.status])
    // 财政局 supervises soe and mixed.
    expect(await rows(finance, 'overdue')).toEqual([
      [id.soe, r.soeLate],
      [id.mixed, r.mixedLate],
    ])
    expect(await rows(finance, 'verify')).toEqual([[id.mixed, r.mixedAnswered]])
    expect(await rows(finance, 'review')).toEqual([[id.mixed, 'submitted']])
    expect(await rows(finance, 'not_started')).toEqual([[id.soe, 'draft']])
    // 统战部 supervises private and nopo.
    expect(await rows(united, 'overdue')).toEqual([[id.private, r.privateLate]])
    expect(await rows(united, 'verify')).toEqual([[id.nopo, r.nopoAnswered]])
    expect(await rows(united, 'review')).toEqual([])
    expect(await rows(united, 'not_started')).toEqual([
      [id.private, 'none'],
      [id.nopo, 'draft'],
    ])
    // The office: everything, the longest waiting first.
    expect(await rows(office, 'overdue')).toEqual([
      [id.soe, r.soeLate],
      [id.mixed, r.mixedLate],
      [id.private, r.privateLate],
    ])
    expect(await rows(office, 'verify')).toEqual([
      [id.nopo, r.nopoAnswered],
      [id.mixed, r.mixedAnswered],
    ])
    for (const [token, department] of [
      [finance, '县财政局'],
      [united, '县委统战部'],
    ]) {
      const own = await supervised(department)
      for (const name of LISTS)
        for (const item of (await list(token, name)).items) expect(own).toContain(item.enterpriseId)
    }
  })

  it('counts each list as its total, with the same search', async () => {
    for (const token of [finance, united, office])
      for (const q of ['', `&q=${encodeURIComponent('水务')}`]) {
        const { counts: c } = await counts(token, q.slice(1))
        for (const name of LISTS) expect(c[name]).toBe((await list(token, name, q)).total)
      }
    expect((await counts(office)).counts).toEqual({
      overdue: 3,
      verify: 2,
      review: 1,
      not_started: 3,
      risk_alert: 0,
    })
    expect((await counts(office)).campaign).toMatchObject({ id: campaignId })
  })

  it('searches by name or credit code, pages, and orders oldest or newest first', async () => {
    const byName = await list(office, 'overdue', `&q=${encodeURIComponent('恒达')}`)
    expect(byName.items.map((i) => i.enterpriseId)).toEqual([id.private])
    const code = (
      await t.app.db
        .selectFrom('enterprises')
        .select('credit_code')
        .where('id', '=', id.soe)
        .executeTakeFirstOrThrow()
    ).credit_code
    const byCode = await list(office, 'overdue', `&q=${code.toLowerCase()}`)
    expect(byCode.items.map((i) => i.enterpriseId)).toEqual([id.soe])
    const page2 = await get<TWorklistPage>(office, '/api/v1/supervision/worklists/overdue?pageSize=2&page=2')
    expect([page2.total, page2.items.map((i) => i.rectificationId)]).toEqual([3, [r.privateLate]])
    const newest = await list(office, 'overdue', '&order=newest')
    expect(newest.items.map((i) => i.rectificationId)).toEqual([r.privateLate, r.mixedLate, r.soeLate])
    const bad = await call(t.app, office, { method: 'GET', url: '/api/v1/supervision/worklists/lunch' })
    // A list that does not exist answers like a missing record.
    expect(bad.statusCode).toBe(404)
  })

  it('offers 催办 where the enterprise owes the next step, not where the supervisors do', async () => {
    const rowsOf = async (name: TWorklist) => (await list(office, name)).items.map((i) => i.urge)
    expect(await rowsOf('overdue')).toContainEqual({ kind: 'rectification', itemId: r.soeLate })
    expect(await rowsOf('not_started')).toContainEqual({ kind: 'campaign', itemId: campaignId })
    expect(new Set([...(await rowsOf('verify')), ...(await rowsOf('review'))])).toEqual(new Set([null]))
  })

  it('a 催办 becomes the liaison’s to-do, audited, once a day per matter', async () => {
    const liaisonSoe = await loginAs(t.app, 'demo-liaison-soe')
    // The liaison takes subscribe messages of 催办.
    await call(t.app, liaisonSoe, {
      method: 'POST',
      url: '/api/v1/reminders/grants',
      payload: { results: [{ templateId: 'tmpl-urge', result: 'accept' }] },
    })
    const sent = await urge(finance, {
      enterpriseId: id.soe,
      kind: 'rectification',
      itemId: r.soeLate,
      note: '请本周内报送',
    })
    expect(sent.statusCode).toBe(201)
    expect(sent.json()).toMatchObject({
      enterpriseId: id.soe,
      departmentId: await idOf(t.app, 'departments', '县财政局'),
      fromName: '县财政局',
      kind: 'rectification',
      itemId: r.soeLate,
      note: '请本周内报送',
      liaisons: 1,
    })
    const urgeId = sent.json().id as number

    const soeTodos = await todos('demo-liaison-soe')
    const todo = soeTodos.items.find((i) => i.kind === 'urge')
    expect(todo).toMatchObject({
      key: `urge:rectification:${urgeId}`,
      title: '督办：请尽快完成整改「整改soeLate」',
      detail: '县城市建设投资集团有限公司 · 县财政局催办：请本周内报送',
      dueDate: '2026-03-01',
      overdue: true,
      enterpriseId: id.soe,
      recordId: r.soeLate,
    })
    // No other enterprise's liaison hears of it.
    for (const other of ['demo-liaison-mixed', 'demo-liaison-private', 'demo-liaison-nopo'])
      expect((await todos(other)).items.filter((i) => i.kind === 'urge')).toEqual([])

    // The subscribe message goes out through the reminders sender.
    expect(await t.app.reminders.run(now)).toMatchObject({ sent: 1, failed: 0 })
    const message = wechat.subscribe.messages.at(-1)!.body as {
      touser: string
      data: Record<string, { value: string }>
    }
    expect(message.touser).toBe('demo-liaison-soe')
    expect(message.data.thing1.value.startsWith('督办：')).toBe(true)
    expect(message.data.phrase3.value).toBe('已逾期')

    // Audited, filed under the enterprise.
    const audit = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'supervision.urge')
      .where('entity_id', '=', String(urgeId))
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      organisation_kind: 'enterprise',
      organisation_id: id.soe,
      entity_type: 'urge',
    })

    // Once a day per matter, whoever sends it; the row says so.
    for (const token of [finance, office]) {
      const again = await urge(token, { enterpriseId: id.soe, kind: 'rectification', itemId: r.soeLate })
      expect(again.statusCode).toBe(409)
      expect(again.json().error).toMatchObject({
        code: 'URGE_ALREADY_TODAY',
        message: '今天已催办过该事项，请明天再催办',
      })
    }
    const row = (await list(finance, 'overdue')).items.find((i) => i.rectificationId === r.soeLate)
    expect(row).toMatchObject({ urgedToday: true, lastUrgedAt: sent.json().createdAt })

    // The next day it may be sent again: the newer one replaces the earlier to-do.
    now += DAY
    const tomorrow = await urge(office, { enterpriseId: id.soe, kind: 'rectification', itemId: r.soeLate })
    expect(tomorrow.statusCode).toBe(201)
    expect(tomorrow.json()).toMatchObject({ departmentId: null, fromName: '领导小组办公室' })
    const urges = (await todos('demo-liaison-soe')).items.filter((i) => i.kind === 'urge')
    expect(urges.map((i) => i.key)).toEqual([`urge:rectification:${tomorrow.json().id}`])
    expect((await list(finance, 'overdue')).items.find((i) => i.rectificationId === r.soeLate)).toMatchObject(
      {
        urgedToday: true,
        lastUrgedAt: tomorrow.json().createdAt,
      },
    )
    now += DAY

    // Done: the liaison answers the 整改, the 催办 leaves the to-do list.
    const respond = await call(t.app, liaisonSoe, {
      method: 'POST',
      url: `/api/v1/enterprises/${id.soe}/rectifications/${r.soeLate}/respond`,
      payload: { response: '已完成制度修订并组织学习。', evidenceIds: [] },
    })
    expect(respond.statusCode).toBe(200)
    expect((await todos('demo-liaison-soe')).items.filter((i) => i.kind === 'urge')).toEqual([])
    // …and there is nothing left to urge.
    const late = await urge(finance, { enterpriseId: id.soe, kind: 'rectification', itemId: r.soeLate })
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'URGE_NOT_NEEDED'])
  })

  it('urges a self-assessment not submitted, until it is submitted', async () => {
    const sent = await urge(united, { enterpriseId: id.private, kind: 'campaign', itemId: campaignId })
    expect(sent.statusCode).toBe(201)
    const todo = (await todos('demo-liaison-private')).items.find((i) => i.kind === 'urge')
    expect(todo).toMatchObject({ enterpriseId: id.private, recordId: null, dueDate: '2026-12-31' })
    expect(todo!.title).toContain('自查')
    // mixed has submitted: nothing to urge.
    const done = await urge(finance, { enterpriseId: id.mixed, kind: 'campaign', itemId: campaignId })
    expect([done.statusCode, done.json().error.code]).toEqual([409, 'URGE_NOT_NEEDED'])
  })

  it('answers 404 for an enterprise or a matter out of reach, like a missing one', async () => {
    const cases = [
      // private is 统战部's, not 财政局's.
      { enterpriseId: id.private, kind: 'rectification', itemId: r.privateLate },
      { enterpriseId: id.private, kind: 'campaign', itemId: campaignId },
      // soe's own id with another enterprise's 整改.
      { enterpriseId: id.soe, kind: 'rectification', itemId: r.privateLate },
      { enterpriseId: 999999, kind: 'rectification', itemId: r.soeDueToday },
      { enterpriseId: id.soe, kind: 'campaign', itemId: 999999 },
    ]
    for (const payload of cases) {
      const res = await urge(finance, payload)
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND'])
    }
    const history = await call(t.app, finance, {
      method: 'GET',
      url: `/api/v1/supervision/urges?enterpriseId=${id.private}`,
    })
    expect(history.statusCode).toBe(404)
    const own = await get<{ items: { enterpriseId: number }[]; total: number }>(
      finance,
      `/api/v1/supervision/urges?enterpriseId=${id.soe}`,
    )
    expect(own.total).toBe(2)
    expect(own.items.map((u) => u.enterpriseId)).toEqual([id.soe, id.soe])
  })

  it('takes a removed supervision link into account on the next request', async () => {
    const department = await idOf(t.app, 'departments', '县财政局')
    // soe's 整改 was answered above: both of 财政局's enterprises wait for 核验.
    expect((await list(finance, 'verify')).items.map((i) => i.enterpriseId)).toEqual([id.mixed, id.soe])
    await t.app.db
      .deleteFrom('supervision_links')
      .where('department_id', '=', department)
      .where('enterprise_id', '=', id.mixed)
      .execute()
    for (const name of LISTS)
      for (const item of (await list(finance, name)).items) expect(item.enterpriseId).not.toBe(id.mixed)
    expect((await counts(finance)).counts.verify).toBe(1)
    const res = await urge(finance, { enterpriseId: id.mixed, kind: 'rectification', itemId: r.mixedLate })
    expect(res.statusCode).toBe(404)
    await t.app.db
      .insertInto('supervision_links')
      .values({ department_id: department, enterprise_id: id.mixed, created_at: new Date(now).toISOString() })
      .execute()
  })

  it('lets one of several simultaneous 催办 of a matter through', async () => {
    const responses = await race(() =>
      urge(united, { enterpriseId: id.nopo, kind: 'campaign', itemId: campaignId }),
    )
    expectOneWinner(responses, 201, '409 URGE_ALREADY_TODAY')
    const rows = await t.app.db
      .selectFrom('urges')
      .select('id')
      .where('enterprise_id', '=', id.nopo)
      .execute()
    expect(rows).toHaveLength(1)
    const audited = await t.app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'supervision.urge')
      .where('organisation_id', '=', id.nopo)
      .execute()
    expect(audited).toHaveLength(1)
  })
})
