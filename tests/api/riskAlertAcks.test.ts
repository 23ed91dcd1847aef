import type { TRiskDetail } from '../../src/models/risk'
import type { TTodo, TTodoList } from '../../src/models/todo'
import type { TWorklistCounts, TWorklistPage } from '../../src/models/worklists'
import { expectSameAsMissing } from './support/isolation'
import { race } from './support/races'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'

/**
 * 风险预警 阅知: a supervising department takes note of a 高 risk's alert, once per occasion; the alert leaves
 * that department's 任务 (the work list counts it 已阅知) until the occasion changes.
 */
describe(`风险预警 阅知 [${TEST_DB}]`, () => {
  let t: TestApp
  // 10:00 北京时间, 2026-03-10.
  let now = Date.parse('2026-03-10T02:00:00Z')
  let soeId: number
  let privateId: number
  let riskId: number
  let mediumId: number
  let privateRiskId: number
  const token: Record<string, string> = {}
  const url = (eid: number, rest = '') => `/api/v1/enterprises/${eid}/risks${rest}`
  const ackUrl = (occasion: number, rid = riskId, eid = soeId) =>
    url(eid, `/${rid}/alerts/${occasion}/acknowledgements`)
  const acknowledge = (who: string, occasion: number, rid = riskId, eid = soeId) =>
    call(t.app, token[who], { method: 'POST', url: ackUrl(occasion, rid, eid) })
  const detail = async (who: string, rid = riskId): Promise<TRiskDetail> => {
    const res = await call(t.app, token[who], { method: 'GET', url: url(soeId, `/${rid}`) })
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  const alerts = async (who: string): Promise<TTodo[]> => {
    const res = await call(t.app, token[who], { method: 'GET', url: '/api/v1/todos' })
    expect(res.statusCode).toBe(200)
    return (res.json() as TTodoList).items.filter((i) => i.kind === 'risk_alert' && i.recordId === riskId)
  }
  const worklist = async (who: string) => {
    const page = await call(t.app, token[who], {
      method: 'GET',
      url: '/api/v1/supervision/worklists/risk_alert?pageSize=200',
    })
    const counts = await call(t.app, token[who], { method: 'GET', url: '/api/v1/supervision/worklists' })
    expect([page.statusCode, counts.statusCode]).toEqual([200, 200])
    const item = (page.json() as TWorklistPage).items.find((i) => i.riskId === riskId)
    return { item, counts: counts.json() as TWorklistCounts }
  }
  const rows = () =>
    t.app.db
      .selectFrom('risk_alert_acks')
      .select(['occasion', 'department_id'])
      .where('risk_id', '=', riskId)
      .orderBy('id')
      .execute()
  const risk = (likelihood: number, impact: number) => ({
    area: 'engineering_tender',
    post: '工程部 · 招标',
    description: '招标环节存在围标串标风险',
    likelihood,
    impact,
    measures: '招标文件集体审定，纪检列席开标',
    owner: '陆工',
    reviewCycle: 1,
  })
  const review = async (likelihood: number, impact: number) => {
    const { version } = await detail('liaison')
    const res = await call(t.app, token.liaison, {
      method: 'POST',
      url: url(soeId, `/${riskId}/reviews`),
      payload: { note: '按期复核，措施落实', likelihood, impact, version },
    })
    expect(res.statusCode).toBe(200)
  }

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    const who = {
      liaison: 'demo-liaison-soe',
      finance: 'demo-supervisor-finance',
      united: 'demo-supervisor-united',
      office: 'demo-office',
      privateLiaison: 'demo-liaison-private',
    }
    for (const [k, openid] of Object.entries(who)) token[k] = await loginAs(t.app, openid)
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    const create = async (who: string, eid: number, l: number, i: number) => {
      const res = await call(t.app, token[who], { method: 'POST', url: url(eid), payload: risk(l, i) })
      expect(res.statusCode).toBe(201)
      return (res.json() as TRiskDetail).id
    }
    riskId = await create('liaison', soeId, 3, 3)
    mediumId = await create('liaison', soeId, 2, 2)
    privateRiskId = await create('privateLiaison', privateId, 3, 3)
  })
  afterAll(() => t.close())

  it('lets a supervising department 阅知 a 高 alert: it leaves its 任务, the work list counts it 已阅知', async () => {
    expect((await detail('finance')).alert).toEqual({ occasion: 1, acks: [], canAcknowledge: true })
    expect(await alerts('finance')).toEqual([
      expect.objectContaining({
        key: `risk-alert:${riskId}:1:high:`,
        detail: '县城市建设投资集团有限公司 · 风险等级高',
      }),
    ])
    const before = await worklist('finance')
    expect(before.item?.alert).toEqual({ occasion: 1, acknowledged: false, canAcknowledge: true })

    const res = await acknowledge('finance', 1)
    expect(res.statusCode).toBe(200)
    const acked = res.json() as TRiskDetail
    expect(acked.alert).toEqual({
      occasion: 1,
      acks: [{ departmentName: '县财政局', userName: '黄志强', acknowledgedAt: new Date(now).toISOString() }],
      canAcknowledge: false,
    })
    expect(await alerts('finance')).toEqual([])
    const after = await worklist('finance')
    expect(after.item?.alert).toEqual({ occasion: 1, acknowledged: true, canAcknowledge: false })
    expect(after.counts.counts.risk_alert).toBe(before.counts.counts.risk_alert)
    expect(after.counts.acknowledged).toBe(before.counts.acknowledged + 1)
    // The enterprise and the office see who took note, and when; the office does not 阅知.
    expect((await detail('liaison')).alert.acks).toEqual(acked.alert.acks)
    expect((await detail('office')).alert.canAcknowledge).toBe(false)
    expect((await worklist('office')).counts.acknowledged).toBe(0)
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['entity_id', 'detail'])
      .where('action', '=', 'risk.acknowledge')
      .execute()
    const finance = await idOf(t.app, 'departments', '县财政局')
    expect(audit.map((a) => [Number(a.entity_id), JSON.parse(String(a.detail))])).toEqual([
      [riskId, { occasion: 1, departments: [finance] }],
    ])
  })

  it('answers a second 阅知 of the same occasion the same, recording nothing more', async () => {
    const first = (await detail('finance')).alert
    now += 3_600_000
    const again = await acknowledge('finance', 1)
    expect(again.statusCode).toBe(200)
    expect((again.json() as TRiskDetail).alert).toEqual(first)
    expect(await rows()).toHaveLength(1)
  })

  it('lets only the departments supervising the enterprise 阅知; another answers like a missing risk', async () => {
    // 县委统战部 does not supervise the 国企; the office and the enterprise itself never 阅知.
    await expectSameAsMissing(t.app, token.united, [{ method: 'POST', url: (id) => ackUrl(1, id) }], [riskId])
    expect((await acknowledge('united', 1)).statusCode).toBe(404)
    expect((await acknowledge('office', 1)).statusCode).toBe(403)
    expect((await acknowledge('liaison', 1)).statusCode).toBe(403)
    // Another enterprise's risk under this enterprise's path: the 404 of a missing one.
    await expectSameAsMissing(
      t.app,
      token.finance,
      [{ method: 'POST', url: (id) => ackUrl(1, id) }],
      [privateRiskId],
    )
    // Its own path: 县财政局 does not supervise 县恒达食品.
    expect((await acknowledge('finance', 1, privateRiskId, privateId)).statusCode).toBe(404)
    // A 中 risk raises no alert to take note of.
    const medium = await acknowledge('finance', 1, mediumId)
    expect([medium.statusCode, medium.json().error.code]).toEqual([409, 'RISK_ALERT_NOT_ACKNOWLEDGEABLE'])
    expect(await rows()).toHaveLength(1)
  })

  it('holds through a review on time that keeps it 高', async () => {
    now = Date.parse('2026-04-01T02:00:00Z')
    await review(3, 3)
    expect((await detail('finance')).alert.occasion).toBe(1)
    expect(await alerts('finance')).toEqual([])
  })

  it('comes back when the post or the measures are edited', async () => {
    const current = await detail('liaison')
    const edit = await call(t.app, token.liaison, {
      method: 'PUT',
      url: url(soeId, `/${riskId}`),
      payload: { ...risk(3, 3), measures: '招标文件集体审定', status: 'active', version: current.version },
    })
    expect(edit.statusCode).toBe(200)
    expect((edit.json() as TRiskDetail).alert).toMatchObject({ occasion: 2, acks: [] })
    expect(await alerts('finance')).toEqual([
      expect.objectContaining({ key: `risk-alert:${riskId}:2:high:` }),
    ])
    // The occasion read is not the one now: the supervisor has not seen the change.
    const stale = await acknowledge('finance', 1)
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'RISK_ALERT_STALE'])
    expect((await acknowledge('finance', 2)).statusCode).toBe(200)
    expect(await alerts('finance')).toEqual([])
  })

  it('comes back when the level is raised to 高 again after being lowered', async () => {
    await review(2, 2)
    expect(await alerts('finance')).toEqual([])
    expect((await detail('finance')).alert.canAcknowledge).toBe(false)
    await review(3, 3)
    expect((await detail('finance')).alert).toMatchObject({ occasion: 3, acks: [], canAcknowledge: true })
    expect(await alerts('finance')).toHaveLength(1)
    expect((await acknowledge('finance', 3)).statusCode).toBe(200)
    expect(await alerts('finance')).toEqual([])
  })

  it('comes back, not to be 阅知, once the review date passes; a late review is a new occasion', async () => {
    const { nextReviewDate } = await detail('finance')
    expect(nextReviewDate).toBe('2026-05-01')
    now = Date.parse('2026-05-02T02:00:00Z')
    expect(await alerts('finance')).toEqual([
      expect.objectContaining({ key: `risk-alert:${riskId}:3:high:2026-05-01`, dueDate: '2026-05-01' }),
    ])
    expect((await detail('finance')).alert.canAcknowledge).toBe(false)
    const late = await acknowledge('finance', 3)
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'RISK_ALERT_NOT_ACKNOWLEDGEABLE'])
    expect((await worklist('finance')).item?.alert).toEqual({
      occasion: 3,
      acknowledged: false,
      canAcknowledge: false,
    })
    // Reviewed late and still 高: the earlier 阅知 does not cover it.
    await review(3, 3)
    expect((await detail('finance')).alert).toMatchObject({ occasion: 4, acks: [], canAcknowledge: true })
    expect(await alerts('finance')).toEqual([
      expect.objectContaining({ key: `risk-alert:${riskId}:4:high:` }),
    ])
  })

  it("counts each department's own 阅知", async () => {
    const united = await idOf(t.app, 'departments', '县委统战部')
    await t.app.db
      .insertInto('supervision_links')
      .values({ department_id: united, enterprise_id: soeId, created_at: '2026-03-01T00:00:00Z' })
      .execute()
    expect((await acknowledge('finance', 4)).statusCode).toBe(200)
    expect(await alerts('finance')).toEqual([])
    expect(await alerts('united')).toHaveLength(1)
    expect((await detail('united')).alert).toMatchObject({
      acks: [expect.objectContaining({ departmentName: '县财政局' })],
      canAcknowledge: true,
    })
    expect((await worklist('united')).item?.alert?.acknowledged).toBe(false)
    expect((await acknowledge('united', 4)).statusCode).toBe(200)
    expect(await alerts('united')).toEqual([])
    expect((await detail('finance')).alert.acks.map((a) => a.departmentName)).toEqual([
      '县财政局',
      '县委统战部',
    ])
  })

  it('records one 阅知 of two arriving at once', async () => {
    const current = await detail('liaison')
    const edit = await call(t.app, token.liaison, {
      method: 'PUT',
      url: url(soeId, `/${riskId}`),
      payload: { ...risk(3, 3), post: '工程部 · 招标与合同', status: 'active', version: current.version },
    })
    expect((edit.json() as TRiskDetail).alert.occasion).toBe(5)
    const answers = await race(() => acknowledge('finance', 5))
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200))
    const finance = await idOf(t.app, 'departments', '县财政局')
    expect((await rows()).filter((r) => r.occasion === 5)).toEqual([{ occasion: 5, department_id: finance }])
    const bodies = answers.map((a) => (a.json() as TRiskDetail).alert.acks)
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1)
  })
})
