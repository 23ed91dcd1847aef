import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing } from './support/isolation'
import { multipart, TINY_PDF } from './support/files'

describe(`“一把手”权力清单 and the “三重一大” log (${TEST_DB})`, () => {
  let t: TestApp
  // 2026-03-31 17:30 UTC is already 2026-04-01 in 北京时间.
  const now = Date.parse('2026-03-31T17:30:00Z')
  let liaison: string
  let head: string
  let finance: string
  let united: string
  let office: string
  let mixedLiaison: string
  let privateLiaison: string
  let nopoLiaison: string
  let nopoId: number
  let soeId: number
  let mixedId: number
  let privateId: number
  const powers = (eid: number, rest = '') => `/api/v1/enterprises/${eid}/powers${rest}`
  const decisions = (eid: number, rest = '') => `/api/v1/enterprises/${eid}/decisions${rest}`
  const content = (power = '主持党委会研究决定企业“三重一大”事项') => ({
    items: [
      { section: 'decision', power, basis: '公司章程第二十条', procedure: '党委会前置研究，集体决策' },
      {
        section: 'supervision',
        power: '督促领导班子成员落实一岗双责',
        basis: '党委工作规则',
        procedure: '每季度听取汇报',
      },
    ],
    negatives: [{ item: '不得个人决定大额资金支付', basis: '“三重一大”决策制度实施办法' }],
  })
  const edit = (token: string, revision: number, body = content()) =>
    call(t.app, token, { method: 'PUT', url: powers(soeId, '/draft'), payload: { revision, content: body } })
  const publish = (token: string, revision: number) =>
    call(t.app, token, { method: 'POST', url: powers(soeId, '/versions'), payload: { revision } })
  const decision = (over: Record<string, unknown> = {}) => ({
    subject: '城区供水管网改造项目立项',
    category: 'project',
    decidedOn: '2026-03-20',
    meeting: '党委会',
    attendees: '张国栋、李明等 7 人',
    result: '同意立项，按程序公开招标',
    ...over,
  })

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[liaison, head, finance, united, office, mixedLiaison, privateLiaison, nopoLiaison] = await Promise.all(
      [
        'demo-liaison-soe',
        'demo-head-soe',
        'demo-supervisor-finance',
        'demo-supervisor-united',
        'demo-office',
        'demo-liaison-mixed',
        'demo-liaison-private',
        'demo-liaison-nopo',
      ].map((o) => loginAs(t.app, o)),
    )
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    mixedId = await idOf(t.app, 'enterprises', '县园区水务发展有限公司')
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    nopoId = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
  })
  afterAll(() => t.close())

  it('keeps the list to 国有独资 and 国有控股: another ownership is told so in Chinese', async () => {
    // 县园区水务发展有限公司 is 国有控股 (混合所有制 in its industry): it keeps the list like any 国企.
    expect((await call(t.app, mixedLiaison, { method: 'GET', url: powers(mixedId) })).statusCode).toBe(200)
    for (const [token, id] of [
      [nopoLiaison, nopoId],
      [privateLiaison, privateId],
    ] as const) {
      for (const url of [powers(id), decisions(id)]) {
        const res = await call(t.app, token, { method: 'GET', url })
        expect(res.statusCode).toBe(403)
        expect(res.json().error).toMatchObject({
          code: 'POWERS_NOT_SOE',
          message: expect.stringContaining('国有'),
        })
      }
    }
  })

  it('starts from an empty draft, refuses a stale edit, and publishes immutable versions', async () => {
    const start = (await call(t.app, liaison, { method: 'GET', url: powers(soeId) })).json()
    expect(start).toMatchObject({ canEdit: true, versions: [], draft: { revision: 0, dirty: false } })
    expect(start.draft.content).toEqual({ items: [], negatives: [] })
    expect((await publish(liaison, 1)).json().error.code).toBe('POWERS_STALE')

    // Two first edits at once: one makes the draft, the other is stale.
    const [a, b] = await Promise.all([edit(liaison, 0), edit(head, 0)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    expect((a.statusCode === 409 ? a : b).json().error.code).toBe('POWERS_STALE')
    const second = await edit(head, 1, content('主持召开党委会'))
    expect(second.statusCode).toBe(200)
    expect(second.json().draft).toMatchObject({ revision: 2, dirty: true, updatedByName: '张国栋' })
    expect((await edit(liaison, 1)).json().error.code).toBe('POWERS_STALE')
    expect(
      (await edit(liaison, 2, { items: [{ section: 'other' }], negatives: [] } as never)).statusCode,
    ).toBe(400)

    const published = await publish(liaison, 2)
    expect(published.statusCode).toBe(201)
    expect(published.json()).toMatchObject({ version: 1, publishedByName: '李明', acks: [] })
    expect(published.json().content.items[0].power).toBe('主持召开党委会')
    expect((await publish(liaison, 2)).json().error.code).toBe('POWERS_NOTHING_TO_PUBLISH')

    // A new draft starts from the published one; editing it leaves version 1 as it was.
    const after = (await call(t.app, head, { method: 'GET', url: powers(soeId) })).json()
    expect(after.draft).toMatchObject({ revision: 2, dirty: false })
    expect(after.draft.content).toEqual(published.json().content)
    expect((await edit(head, 2, content('第二版'))).statusCode).toBe(200)
    const v1 = (await call(t.app, finance, { method: 'GET', url: powers(soeId, '/versions/1') })).json()
    expect(v1.content.items[0].power).toBe('主持召开党委会')
  })

  it('publishes exactly one version when two publish at once', async () => {
    const [a, b] = await Promise.all([publish(liaison, 3), publish(head, 3)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409])
    expect((a.statusCode === 201 ? a : b).json()).toMatchObject({ version: 2 })
    const versions = (await call(t.app, office, { method: 'GET', url: powers(soeId) })).json().versions
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1])
  })

  it('lets supervisors and the office read published versions only, and the supervising department acknowledge', async () => {
    const seen = (await call(t.app, finance, { method: 'GET', url: powers(soeId) })).json()
    expect(seen).toMatchObject({ canEdit: false, draft: null })
    expect(
      (await call(t.app, finance, { method: 'GET', url: powers(soeId, '/versions/2') })).json(),
    ).toMatchObject({
      canAcknowledge: true,
    })
    const ack = () =>
      call(t.app, finance, { method: 'POST', url: powers(soeId, '/versions/2/acknowledgements') })
    const [x, y] = await Promise.all([ack(), ack()])
    expect([x.statusCode, y.statusCode]).toEqual([200, 200])
    const acked = (await ack()).json()
    expect(acked).toMatchObject({ canAcknowledge: false })
    expect(acked.acks).toEqual([
      {
        departmentName: '县财政局',
        userName: expect.any(String),
        acknowledgedAt: '2026-03-31T17:30:00.000Z',
      },
    ])
    expect(
      (await call(t.app, office, { method: 'GET', url: powers(soeId) })).json().versions[0].acks,
    ).toHaveLength(1)
    // The office reads but does not acknowledge; the enterprise never acknowledges itself.
    expect(
      (await call(t.app, office, { method: 'POST', url: powers(soeId, '/versions/2/acknowledgements') }))
        .statusCode,
    ).toBe(403)
    expect(
      (await call(t.app, liaison, { method: 'POST', url: powers(soeId, '/versions/2/acknowledgements') }))
        .statusCode,
    ).toBe(403)
    expect(
      (await call(t.app, finance, { method: 'POST', url: powers(soeId, '/versions/9/acknowledgements') }))
        .statusCode,
    ).toBe(404)
    // Readers never write.
    expect((await edit(finance, 4)).statusCode).toBe(403)
    expect(
      (await call(t.app, office, { method: 'POST', url: decisions(soeId), payload: decision() })).statusCode,
    ).toBe(403)
  })

  it('answers everybody else like a missing enterprise', async () => {
    for (const token of [united, mixedLiaison, privateLiaison])
      await expectSameAsMissing(
        t.app,
        token,
        [
          { method: 'GET', url: (id) => powers(id) },
          { method: 'GET', url: (id) => powers(id, '/versions/1') },
          { method: 'PUT', url: (id) => powers(id, '/draft'), payload: { revision: 1, content: content() } },
          { method: 'POST', url: (id) => powers(id, '/versions/1/acknowledgements') },
          { method: 'GET', url: (id) => decisions(id) },
          { method: 'POST', url: (id) => decisions(id), payload: decision() },
        ],
        [soeId],
      )
  })

  let entry: number
  it('logs decisions, corrects them with a revision kept, and refuses a stale or future one', async () => {
    const created = await call(t.app, liaison, { method: 'POST', url: decisions(soeId), payload: decision() })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ version: 1, category: 'project', canEdit: true })
    expect(created.json().revisions).toEqual([expect.objectContaining({ before: null, actorName: '李明' })])
    entry = created.json().id
    // 2026-04-01 is today in 北京时间 (UTC is still 03-31); 04-02 is not yet.
    expect(
      (
        await call(t.app, head, {
          method: 'POST',
          url: decisions(soeId),
          payload: decision({ decidedOn: '2026-04-01' }),
        })
      ).statusCode,
    ).toBe(201)
    expect(
      (
        await call(t.app, head, {
          method: 'POST',
          url: decisions(soeId),
          payload: decision({ decidedOn: '2026-04-02' }),
        })
      ).statusCode,
    ).toBe(400)

    const correct = (version: number, result: string) =>
      call(t.app, head, {
        method: 'PUT',
        url: decisions(soeId, `/${entry}`),
        payload: { ...decision({ result }), version, note: '会议纪要核对后更正' },
      })
    const [a, b] = await Promise.all([correct(1, '同意立项，公开招标'), correct(1, '暂缓立项')])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    expect((a.statusCode === 409 ? a : b).json().error.code).toBe('DECISION_STALE')
    const detail = (await call(t.app, finance, { method: 'GET', url: decisions(soeId, `/${entry}`) })).json()
    expect(detail).toMatchObject({ version: 2, canEdit: false })
    expect(detail.revisions).toHaveLength(2)
    expect(detail.revisions[1]).toMatchObject({
      before: { result: '同意立项，按程序公开招标' },
      after: { result: (a.statusCode === 200 ? a : b).json().result },
      note: '会议纪要核对后更正',
      actorName: '张国栋',
    })
    expect(Object.keys(detail.revisions[1].after)).toEqual(['result'])

    const upload = await call(t.app, liaison, {
      method: 'POST',
      url: decisions(soeId, `/${entry}/attachments`),
      ...multipart('file', '党委会纪要.pdf', TINY_PDF),
    })
    expect(upload.statusCode).toBe(201)
    const withFile = (await call(t.app, office, { method: 'GET', url: decisions(soeId, `/${entry}`) })).json()
    expect(withFile.attachments).toEqual([expect.objectContaining({ filename: '党委会纪要.pdf' })])
  })

  it('pages the log newest first and filters by category and year', async () => {
    for (const [decidedOn, category] of [
      ['2025-12-30', 'personnel'],
      ['2025-06-01', 'funds'],
      ['2026-01-05', 'decision'],
    ] as const)
      await call(t.app, liaison, {
        method: 'POST',
        url: decisions(soeId),
        payload: decision({ decidedOn, category }),
      })
    const list = async (query: string, token = finance) =>
      (await call(t.app, token, { method: 'GET', url: `${decisions(soeId)}?${query}` })).json()
    const first = await list('page=1&pageSize=2')
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2, years: [2026, 2025], canEdit: false })
    expect(first.items.map((d: { decidedOn: string }) => d.decidedOn)).toEqual(['2026-04-01', '2026-03-20'])
    const third = await list('page=3&pageSize=2')
    expect(third.items.map((d: { decidedOn: string }) => d.decidedOn)).toEqual(['2025-06-01'])
    expect((await list('year=2025')).items.map((d: { category: string }) => d.category)).toEqual([
      'personnel',
      'funds',
    ])
    expect((await list('year=2026&category=project')).total).toBe(2)
    expect((await list('category=nope', liaison)).error.code).toBe('VALIDATION_FAILED')
  })
})
