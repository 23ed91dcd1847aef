import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'
import type { TTodo, TTodoDigest, TTodoList } from '../../src/models/todo'

/** 任务 of a supervising department: a newly published 权力清单 waits for its 阅看 (task 12). */
describe(`权力清单 to-dos [${TEST_DB}]`, () => {
  let t: TestApp
  const now = Date.parse('2026-03-31T17:30:00Z')
  let soeId: number
  let mixedId: number
  const token: Record<string, string> = {}
  const powers = (eid: number, rest = '') => `/api/v1/enterprises/${eid}/powers${rest}`
  const content = (power: string) => ({
    items: [{ section: 'decision', power, basis: '公司章程第二十条', procedure: '党委会前置研究，集体决策' }],
    negatives: [],
  })

  /** The liaison edits the draft at `revision` and publishes it: the next version. */
  async function publishVersion(who: string, eid: number, revision: number, power: string) {
    const edit = await call(t.app, token[who], {
      method: 'PUT',
      url: powers(eid, '/draft'),
      payload: { revision, content: content(power) },
    })
    expect(edit.statusCode).toBe(200)
    const res = await call(t.app, token[who], {
      method: 'POST',
      url: powers(eid, '/versions'),
      payload: { revision: revision + 1 },
    })
    expect(res.statusCode).toBe(201)
    return res.json().version as number
  }
  const acknowledge = async (who: string, eid: number, version: number) => {
    const res = await call(t.app, token[who], {
      method: 'POST',
      url: powers(eid, `/versions/${version}/acknowledgements`),
    })
    expect(res.statusCode).toBe(200)
  }
  const unread = async (who: string): Promise<TTodo[]> => {
    const res = await call(t.app, token[who], { method: 'GET', url: '/api/v1/todos' })
    expect(res.statusCode).toBe(200)
    return (res.json() as TTodoList).items.filter((i) => i.kind === 'power_list_unread')
  }
  const versionId = async (eid: number, version: number) =>
    (
      await t.app.db
        .selectFrom('power_list_versions')
        .select('id')
        .where('enterprise_id', '=', eid)
        .where('version', '=', version)
        .executeTakeFirstOrThrow()
    ).id
  const item = async (eid: number, name: string, version: number, departments: string): Promise<TTodo> => ({
    kind: 'power_list_unread',
    key: `power-list-unread:${await versionId(eid, version)}`,
    title: `阅看「${name}」的权力清单`,
    detail: `第 ${version} 版 · ${departments}`,
    dueDate: null,
    overdue: false,
    enterpriseId: eid,
    recordId: version,
  })
  const SOE = '县城市建设投资集团有限公司'

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    const who = {
      liaison: 'demo-liaison-soe',
      head: 'demo-head-soe',
      mixedLiaison: 'demo-liaison-mixed',
      finance: 'demo-supervisor-finance',
      united: 'demo-supervisor-united',
      office: 'demo-office',
    }
    for (const [k, openid] of Object.entries(who)) token[k] = await loginAs(t.app, openid)
    soeId = await idOf(t.app, 'enterprises', SOE)
    mixedId = await idOf(t.app, 'enterprises', '县园区水务发展有限公司')
  })
  afterAll(() => t.close())

  it('asks only the supervising department to read a published version, until it has', async () => {
    expect(await unread('finance')).toEqual([])
    // A draft is nobody's to read yet.
    await call(t.app, token.liaison, {
      method: 'PUT',
      url: powers(soeId, '/draft'),
      payload: { revision: 0, content: content('草稿') },
    })
    expect(await unread('finance')).toEqual([])

    expect(await publishVersion('liaison', soeId, 1, '主持党委会')).toBe(1)
    expect(await unread('finance')).toEqual([await item(soeId, SOE, 1, '县财政局')])
    // 县委统战部 does not supervise it; the enterprise's own people and the office are not asked.
    for (const who of ['united', 'liaison', 'head', 'office', 'mixedLiaison'])
      expect(await unread(who)).toEqual([])

    const digest = (
      await call(t.app, token.finance, { method: 'GET', url: '/api/v1/todos/digest' })
    ).json() as TTodoDigest
    expect(digest.byKind).toContainEqual({ kind: 'power_list_unread', count: 1, overdue: 0 })

    await acknowledge('finance', soeId, 1)
    expect(await unread('finance')).toEqual([])
  })

  it('asks again for a new version, and only for the newest', async () => {
    expect(await publishVersion('head', soeId, 2, '第二版')).toBe(2)
    expect(await unread('finance')).toEqual([await item(soeId, SOE, 2, '县财政局')])
    // Unread version 2 superseded by version 3: one item, the newer.
    expect(await publishVersion('liaison', soeId, 3, '第三版')).toBe(3)
    expect(await unread('finance')).toEqual([await item(soeId, SOE, 3, '县财政局')])
    // Another enterprise it supervises: one item each, from the one query.
    expect(await publishVersion('mixedLiaison', mixedId, 0, '水务')).toBe(1)
    expect((await unread('finance')).map((i) => [i.enterpriseId, i.recordId])).toEqual([
      [soeId, 3],
      [mixedId, 1],
    ])
    await acknowledge('finance', mixedId, 1)
    expect(await unread('finance')).toEqual([await item(soeId, SOE, 3, '县财政局')])
  })

  it("counts each department's own 阅看", async () => {
    // 县委统战部 now supervises the 国企 as well: its 监管员 owes version 3; 县财政局's 阅看 does not settle it.
    const united = await idOf(t.app, 'departments', '县委统战部')
    await t.app.db
      .insertInto('supervision_links')
      .values({ department_id: united, enterprise_id: soeId, created_at: '2026-03-31T00:00:00Z' })
      .execute()
    expect(await unread('united')).toEqual([await item(soeId, SOE, 3, '县委统战部')])
    await acknowledge('finance', soeId, 3)
    expect(await unread('finance')).toEqual([])
    expect(await unread('united')).toEqual([await item(soeId, SOE, 3, '县委统战部')])
    await acknowledge('united', soeId, 3)
    expect(await unread('united')).toEqual([])
  })
})
