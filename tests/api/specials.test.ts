import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing } from './support/isolation'
import type { TTodoList } from '../../src/models/todo'
import type { TSpecialCompletion, TSpecialSheet } from '../../src/models/special'

describe(`专项整治 (${TEST_DB})`, () => {
  let t: TestApp
  // 2026-03-31 17:30 UTC is already 2026-04-01 in 北京时间.
  let now = Date.parse('2026-03-31T17:30:00Z')
  let office: string
  let united: string
  let finance: string
  let liaison: string
  let head: string
  let employee: string
  let nopoLiaison: string
  let soeLiaison: string
  let hengda: number
  let shuntong: number
  let soe: number
  let specialId: number
  const body = (over: Record<string, unknown> = {}) => ({
    title: '民营企业廉洁风险点排查专项整治',
    basis: 't13-private',
    description: '加大廉洁风险点的排查，制定防控措施，堵塞问题漏洞。',
    deadline: '2026-04-30',
    scope: { kind: 'ownership', ownerships: ['private'] },
    ...over,
  })
  const problem = (over: Record<string, unknown> = {}) => ({
    problem: '应收账款长期挂账未清理',
    measure: '逐笔核对，落实清收责任人',
    owner: '李会计',
    plannedDate: '2026-04-20',
    ...over,
  })
  const sheetUrl = (eid: number, sid = specialId, rest = '') =>
    `/api/v1/enterprises/${eid}/specials/${sid}${rest}`
  const todos = async (token: string): Promise<TTodoList> =>
    (await call(t.app, token, { method: 'GET', url: '/api/v1/todos' })).json()
  const completion = async (token: string, query = ''): Promise<TSpecialCompletion> =>
    (
      await call(t.app, token, { method: 'GET', url: `/api/v1/specials/${specialId}/enterprises${query}` })
    ).json()

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[office, united, finance, liaison, head, employee, nopoLiaison, soeLiaison] = await Promise.all(
      [
        'demo-office',
        'demo-supervisor-united',
        'demo-supervisor-finance',
        'demo-liaison-private',
        'demo-head-private',
        'demo-employee-private',
        'demo-liaison-nopo',
        'demo-liaison-soe',
      ].map((o) => loginAs(t.app, o)),
    )
    hengda = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    shuntong = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    soe = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
  })
  afterAll(() => t.close())

  it('lets a department open one over the enterprises it supervises only, and fixes the scope', async () => {
    expect(
      (await call(t.app, liaison, { method: 'POST', url: '/api/v1/specials', payload: body() })).statusCode,
    ).toBe(403)
    // 县财政局 does not supervise 民营 enterprises: nothing in reach.
    const none = await call(t.app, finance, { method: 'POST', url: '/api/v1/specials', payload: body() })
    expect(none.statusCode).toBe(400)
    expect(none.json().error.code).toBe('SPECIAL_SCOPE_EMPTY')
    // An explicit list naming an enterprise outside the department's reach is refused.
    const outside = await call(t.app, united, {
      method: 'POST',
      url: '/api/v1/specials',
      payload: body({ scope: { kind: 'list', enterpriseIds: [hengda, soe] } }),
    })
    expect(outside.statusCode).toBe(400)
    const late = await call(t.app, united, {
      method: 'POST',
      url: '/api/v1/specials',
      payload: body({ deadline: '2026-03-31' }),
    })
    expect(late.statusCode).toBe(400)

    const opened = await call(t.app, united, { method: 'POST', url: '/api/v1/specials', payload: body() })
    expect(opened.statusCode).toBe(201)
    expect(opened.json()).toMatchObject({
      status: 'open',
      issuerName: '县委统战部',
      byOffice: false,
      basisQuote: expect.stringContaining('加大廉洁风险点的排查'),
      counts: { enterprises: 2, unreported: 2, inProgress: 0, done: 0, problems: 0 },
    })
    specialId = opened.json().id

    // Memberships change afterwards: 统战部 gains the 国企 and loses 顺通; the scope stays as opened.
    const united_ = await idOf(t.app, 'departments', '县委统战部')
    await t.app.db
      .insertInto('supervision_links')
      .values({ department_id: united_, enterprise_id: soe, created_at: new Date(now).toISOString() })
      .execute()
    await t.app.db
      .deleteFrom('supervision_links')
      .where('department_id', '=', united_)
      .where('enterprise_id', '=', shuntong)
      .execute()
    const rows = (await completion(united)).items.map((r) => r.enterpriseId).sort()
    expect(rows).toEqual([hengda, shuntong].sort())
    expect((await call(t.app, soeLiaison, { method: 'GET', url: sheetUrl(soe) })).statusCode).toBe(404)
    expect((await todos(soeLiaison)).items.filter((i) => i.kind === 'special_report')).toEqual([])
  })

  it('gives the liaisons in scope a to-do until they report, overdue after the deadline', async () => {
    const due = (await todos(liaison)).items.filter((i) => i.kind === 'special_report')
    expect(due).toEqual([
      expect.objectContaining({
        title: '专项整治：填报问题清单',
        dueDate: '2026-04-30',
        enterpriseId: hengda,
        recordId: specialId,
        overdue: false,
      }),
    ])
    now = Date.parse('2026-04-30T16:30:00Z') // 2026-05-01 北京时间
    expect((await todos(nopoLiaison)).items.find((i) => i.kind === 'special_report')?.overdue).toBe(true)
    expect((await completion(united)).items.every((r) => r.overdue)).toBe(true)
    now = Date.parse('2026-03-31T17:30:00Z')
  })

  it('lets the liaison and head list problems; members read; history keeps each note', async () => {
    expect(
      (
        await call(t.app, employee, {
          method: 'POST',
          url: sheetUrl(hengda, specialId, '/problems'),
          payload: problem(),
        })
      ).statusCode,
    ).toBe(403)
    const added = await call(t.app, liaison, {
      method: 'POST',
      url: sheetUrl(hengda, specialId, '/problems'),
      payload: problem({ note: '已摸排' }),
    })
    expect(added.statusCode).toBe(201)
    const sheet: TSpecialSheet = added.json()
    expect(sheet).toMatchObject({ progress: 'in_progress', enterpriseId: hengda })
    expect(sheet.reportedAt).not.toBeNull()
    const p = sheet.problems[0]!
    expect(p).toMatchObject({ status: 'in_progress', version: 1 })
    expect(p.history).toEqual([
      expect.objectContaining({ kind: 'created', note: '已摸排', actorName: expect.any(String) }),
    ])
    expect((await todos(liaison)).items.filter((i) => i.kind === 'special_report')).toEqual([])

    const put = (token: string, over: Record<string, unknown>) =>
      call(t.app, token, {
        method: 'PUT',
        url: sheetUrl(hengda, specialId, `/problems/${p.id}`),
        payload: { ...problem(), status: 'in_progress', version: 1, ...over },
      })
    // Two edits on version 1 at once: one wins, the other is stale.
    const [a, b] = await Promise.all([put(liaison, { note: '清收一半' }), put(head, { note: '另一笔' })])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    expect((a.statusCode === 409 ? a : b).json().error.code).toBe('SPECIAL_PROBLEM_STALE')
    const done = await put(head, { status: 'done', note: '已全部清收', version: 2 })
    expect(done.statusCode).toBe(200)
    expect(done.json().progress).toBe('done')
    expect(
      done.json().problems[0].history.map((h: { kind: string; status: string | null }) => [h.kind, h.status]),
    ).toEqual([
      ['created', 'in_progress'],
      ['note', null],
      ['edited', 'done'],
    ])
    const read = await call(t.app, employee, { method: 'GET', url: sheetUrl(hengda) })
    expect(read.statusCode).toBe(200)
    const mine = await call(t.app, employee, { method: 'GET', url: `/api/v1/enterprises/${hengda}/specials` })
    expect(mine.json().items).toEqual([
      expect.objectContaining({ id: specialId, progress: 'done', problems: 1 }),
    ])
  })

  it('shows the issuer the completion per enterprise, equal to the lists, paged and searchable', async () => {
    // 顺通 reports 无突出问题 (twice: harmless).
    for (let i = 0; i < 2; i++)
      expect(
        (await call(t.app, nopoLiaison, { method: 'POST', url: sheetUrl(shuntong, specialId, '/report') }))
          .statusCode,
      ).toBe(200)
    await call(t.app, head, {
      method: 'POST',
      url: sheetUrl(hengda, specialId, '/problems'),
      payload: problem({ problem: '采购未比价' }),
    })
    const all = await completion(united)
    expect(all.counts).toEqual({
      enterprises: 2,
      unreported: 0,
      inProgress: 1,
      done: 1,
      problems: 2,
      problemsDone: 1,
    })
    for (const row of all.items) {
      const sheet: TSpecialSheet = (
        await call(t.app, united, {
          method: 'GET',
          url: `/api/v1/specials/${specialId}/enterprises/${row.enterpriseId}`,
        })
      ).json()
      expect([row.progress, row.problems, row.problemsDone]).toEqual([
        sheet.progress,
        sheet.problems.length,
        sheet.problems.filter((p) => p.status === 'done').length,
      ])
    }
    expect((await completion(united, '?q=恒达')).items.map((r) => r.enterpriseId)).toEqual([hengda])
    expect((await completion(united, '?progress=done')).items.map((r) => r.enterpriseId)).toEqual([shuntong])
    const page2 = await completion(united, '?pageSize=1&page=2')
    expect([page2.total, page2.items.length]).toEqual([2, 1])
    // The office reads it too.
    expect((await completion(office)).counts.problems).toBe(2)
    const list = await call(t.app, united, { method: 'GET', url: '/api/v1/specials?q=廉洁风险' })
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: specialId }] })
  })

  it('answers another department and enterprises outside the scope as if it did not exist', async () => {
    await expectSameAsMissing(
      t.app,
      finance,
      [
        { method: 'GET', url: (id) => `/api/v1/specials/${id}` },
        { method: 'GET', url: (id) => `/api/v1/specials/${id}/enterprises` },
        { method: 'GET', url: (id) => `/api/v1/specials/${id}/enterprises/${hengda}` },
        { method: 'PUT', url: (id) => `/api/v1/specials/${id}`, payload: { ...body(), version: 1 } },
        { method: 'POST', url: (id) => `/api/v1/specials/${id}/close`, payload: { version: 1 } },
      ],
      [specialId],
    )
    expect((await call(t.app, finance, { method: 'GET', url: '/api/v1/specials' })).json().total).toBe(0)
    // The 国企's liaison, outside the scope, for its own enterprise.
    await expectSameAsMissing(
      t.app,
      soeLiaison,
      [
        { method: 'GET', url: (id) => sheetUrl(soe, id) },
        { method: 'POST', url: (id) => sheetUrl(soe, id, '/problems'), payload: problem() },
        { method: 'POST', url: (id) => sheetUrl(soe, id, '/report') },
      ],
      [specialId],
    )
    // Another enterprise's list, and the issuer's drill into an enterprise outside the scope.
    expect((await call(t.app, soeLiaison, { method: 'GET', url: sheetUrl(hengda) })).statusCode).toBe(404)
    expect(
      (await call(t.app, united, { method: 'GET', url: `/api/v1/specials/${specialId}/enterprises/${soe}` }))
        .statusCode,
    ).toBe(404)
    // The office reads but does not edit a department's: its answer says so (no 结束 for the office).
    const read = async (token: string, path = `/api/v1/specials/${specialId}`) =>
      (await call(t.app, token, { method: 'GET', url: path })).json()
    expect((await read(office)).canManage).toBe(false)
    expect((await read(united)).canManage).toBe(true)
    expect(
      (await read(office, '/api/v1/specials')).items.map((i: { canManage: boolean }) => i.canManage),
    ).toEqual([false])
    expect(
      (await read(united, '/api/v1/specials')).items.every((i: { canManage: boolean }) => i.canManage),
    ).toBe(true)
    expect(
      (
        await call(t.app, office, {
          method: 'POST',
          url: `/api/v1/specials/${specialId}/close`,
          payload: { version: 1 },
        })
      ).statusCode,
    ).toBe(404)
  })

  it('lets the office open one over any enterprise; edits are versioned', async () => {
    const opened = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/specials',
      payload: body({
        title: '应收款项清收专项行动',
        basis: 't13-list',
        scope: { kind: 'list', enterpriseIds: [soe] },
      }),
    })
    expect(opened.statusCode).toBe(201)
    expect(opened.json()).toMatchObject({ byOffice: true, scopeLabel: '指定企业1家', canManage: true })
    const id = opened.json().id
    // A department's supervisor cannot see the office's.
    expect((await call(t.app, united, { method: 'GET', url: `/api/v1/specials/${id}` })).statusCode).toBe(404)
    const edit = (version: number) =>
      call(t.app, office, {
        method: 'PUT',
        url: `/api/v1/specials/${id}`,
        payload: { title: '应收款项清收专项行动', description: '逐户清收', deadline: '2026-05-31', version },
      })
    expect((await edit(1)).statusCode).toBe(200)
    const stale = await edit(1)
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error.code).toBe('SPECIAL_STALE')
    expect((await todos(soeLiaison)).items.filter((i) => i.kind === 'special_report')).toHaveLength(1)
  })

  it('never lets a problem in after the close: a close and an addition take turns', async () => {
    const version = (
      await call(t.app, united, { method: 'GET', url: `/api/v1/specials/${specialId}` })
    ).json().version
    const close = () =>
      call(t.app, united, {
        method: 'POST',
        url: `/api/v1/specials/${specialId}/close`,
        payload: { version },
      })
    const add = () =>
      call(t.app, liaison, {
        method: 'POST',
        url: sheetUrl(hengda, specialId, '/problems'),
        payload: problem({ problem: '并发' }),
      })
    const [closed, ...adds] = await Promise.all([close(), add(), add(), add()])
    expect(closed.statusCode).toBe(200)
    for (const a of adds) expect([201, 409]).toContain(a.statusCode)
    const accepted = adds.filter((a) => a.statusCode === 201).length
    // The close's counts are the lists as they stood when it closed: every accepted addition is in them.
    expect(closed.json().counts.problems).toBe(2 + accepted)
    const after = await add()
    expect(after.statusCode).toBe(409)
    expect(after.json().error.code).toBe('SPECIAL_CLOSED')
    expect((await completion(united)).counts.problems).toBe(2 + accepted)
    expect((await todos(nopoLiaison)).items.filter((i) => i.kind === 'special_report')).toEqual([])
  })

  it('writes audit rows with their labels', async () => {
    const log = (await call(t.app, office, { method: 'GET', url: '/api/v1/audit-log?limit=100' })).json()
    const actions = new Set(log.entries.map((e: { action: string }) => e.action))
    for (const a of [
      'special.create',
      'special.update',
      'special.close',
      'special.report',
      'special.problem.create',
      'special.problem.update',
    ])
      expect(actions).toContain(a)
    expect(log.entries.find((e: { action: string }) => e.action === 'special.create').actionLabel).toBe(
      '开展专项整治',
    )
  })
})
