import Fastify from 'fastify'
import errorsPlugin from '../../server/core/errorHandler'
import type { TAssessment } from '../../src/models'
import { demoCreditCode } from '../../seeds/organisationsDemo'
import { shanghaiDateAfterDays } from '../../src/models/shanghaiTime'
import { naRefused, rectifies } from '../../src/models/checklist'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'
import { expectOneWinner, race } from './support/races'

/**
 * Check-then-write races: the same write sent RACERS times at once has exactly one effect. SQLite runs
 * one write transaction at a time, so these prove most on PostgreSQL (CI runs the API suite on both).
 */
describe(`races: self-assessments, 整改, campaigns [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  let liaison: string
  let supervisor: string
  let enterpriseId: number

  beforeAll(async () => {
    t = await createTestApp()
    ;[office, liaison, supervisor] = await Promise.all(
      ['demo-office', 'demo-liaison-private', 'demo-supervisor-united'].map((o) => loginAs(t.app, o)),
    )
    enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
  })
  afterAll(() => t.close())

  let campaigns = 0
  async function openCampaign(): Promise<number> {
    campaigns += 1
    const res = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: {
        name: `并发测试期次${campaigns}`,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        dueDate: shanghaiDateAfterDays(Date.now(), 30),
        enterpriseIds: [enterpriseId],
      },
    })
    expect(res.statusCode).toBe(201)
    return res.json().id
  }

  /** A new campaign's assessment of 恒达, every item answered 否 (so submitting opens one 整改 per item). */
  async function answeredAssessment(): Promise<{ base: string; id: number; items: number }> {
    const campaignId = await openCampaign()
    const list = await call(t.app, liaison, {
      method: 'GET',
      url: `/api/v1/enterprises/${enterpriseId}/assessments`,
    })
    const id: number = list
      .json()
      .assessments.find((a: { campaign: { id: number } }) => a.campaign.id === campaignId).id
    const base = `/api/v1/enterprises/${enterpriseId}/assessments/${id}`
    const view: TAssessment = (await call(t.app, liaison, { method: 'GET', url: base })).json()
    const answers = view.items.map((i) => ({ itemCode: i.code, value: 'no', note: '尚未落实，正在整改' }))
    const saved = await call(t.app, liaison, { method: 'PUT', url: `${base}/answers`, payload: { answers } })
    expect(saved.statusCode).toBe(200)
    // 否 on what the document only encourages (探索, 鼓励) makes no 整改.
    return { base, id, items: view.items.filter((i) => rectifies(i, 'no')).length }
  }

  const transitions = async (assessmentId: number) =>
    (
      await t.app.db
        .selectFrom('assessment_events')
        .select(['from_status', 'to_status'])
        .where('assessment_id', '=', assessmentId)
        .orderBy('id')
        .execute()
    ).map((e) => `${e.from_status ?? ''}→${e.to_status}`)

  const findings = (assessmentId: number) =>
    t.app.db.selectFrom('rectifications').selectAll().where('assessment_id', '=', assessmentId).execute()

  it('submits an assessment once: one 200, one transition, one 整改 per finding', async () => {
    const { base, id, items } = await answeredAssessment()
    const answers = await race(() => call(t.app, liaison, { method: 'POST', url: `${base}/submit` }))
    expectOneWinner(answers, 200, '409 ASSESSMENT_LOCKED')
    expect(await transitions(id)).toEqual(['→draft', 'draft→submitted'])
    expect(await findings(id)).toHaveLength(items)
  })

  it('decides a submitted assessment once: accepts and returns at the same moment, one wins', async () => {
    const { base, id } = await answeredAssessment()
    const submitted = await call(t.app, liaison, { method: 'POST', url: `${base}/submit` })
    expect(submitted.statusCode).toBe(200)
    const itemCode = (submitted.json() as TAssessment).items[0].code
    const answers = await race((i) =>
      i % 2 === 0
        ? call(t.app, supervisor, { method: 'POST', url: `${base}/accept`, payload: {} })
        : call(t.app, supervisor, {
            method: 'POST',
            url: `${base}/return`,
            payload: { items: [{ itemCode, comment: '请补充佐证' }] },
          }),
    )
    expectOneWinner(answers, 200, '409 ASSESSMENT_NOT_SUBMITTED')
    const history = await transitions(id)
    expect(history).toHaveLength(3)
    const decision = answers.find((a) => a.statusCode === 200)!.json() as TAssessment
    expect(history[2]).toBe(`submitted→${decision.status}`)
  })

  it('saves made while the assessment is submitted never land after it: its score is its answers', async () => {
    const { base, id } = await answeredAssessment()
    const view: TAssessment = (await call(t.app, liaison, { method: 'GET', url: base })).json()
    // 不适用 only where the item allows it (never on 底线 and 规定动作).
    const answers = view.items
      .filter((i) => !naRefused(i, 'na'))
      .map((i) => ({ itemCode: i.code, value: 'na', naReason: '本企业不涉及' }))
    const results = await race((i) =>
      i === 0
        ? call(t.app, liaison, { method: 'POST', url: `${base}/submit` })
        : call(t.app, liaison, { method: 'PUT', url: `${base}/answers`, payload: { answers } }),
    )
    expect(results[0].statusCode).toBe(200)
    // Every save either ran before the submit (200) or was refused after it (409).
    for (const r of results.slice(1)) expect([200, 409]).toContain(r.statusCode)
    const stored = await t.app.db
      .selectFrom('assessments')
      .select(['overall_score', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const now: TAssessment = (await call(t.app, liaison, { method: 'GET', url: base })).json()
    expect(stored.status).toBe('submitted')
    expect(now.scores.overall).toBe(stored.overall_score)
    const rectifying = new Set(now.items.filter((i) => rectifies(i, 'no')).map((i) => i.code))
    expect(await findings(id)).toHaveLength(
      now.answers.filter((a) => a.value === 'no' && rectifying.has(a.itemCode)).length,
    )
  })

  it('moves a 整改 item once: one respond, then one verify', async () => {
    const { base, id } = await answeredAssessment()
    expect((await call(t.app, liaison, { method: 'POST', url: `${base}/submit` })).statusCode).toBe(200)
    const item = (await findings(id))[0]
    const url = `/api/v1/enterprises/${enterpriseId}/rectifications/${item.id}`
    const responded = await race((i) =>
      call(t.app, liaison, {
        method: 'POST',
        url: `${url}/respond`,
        payload: { response: `已整改完毕（第${i + 1}次报送）`, evidenceIds: [] },
      }),
    )
    expectOneWinner(responded, 200, '409 RECTIFICATION_STATE')
    const verified = await race((i) =>
      call(t.app, supervisor, {
        method: 'POST',
        url: `${url}/verify`,
        payload: i % 2 ? { decision: 'close' } : { decision: 'return', comment: '佐证不足' },
      }),
    )
    expectOneWinner(verified, 200, '409 RECTIFICATION_STATE')
    const events = await t.app.db
      .selectFrom('rectification_events')
      .select('to_status')
      .where('rectification_id', '=', item.id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.to_status)).toEqual([
      'open',
      'awaiting_verification',
      verified.find((v) => v.statusCode === 200)!.json().status,
    ])
  })

  it('closes a campaign once', async () => {
    const campaignId = await openCampaign()
    const answers = await race(() =>
      call(t.app, office, { method: 'POST', url: `/api/v1/campaigns/${campaignId}/close` }),
    )
    expectOneWinner(answers, 200, '409 CAMPAIGN_CLOSED')
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'campaign.close')
      .where('entity_id', '=', String(campaignId))
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('registers an enterprise once per credit code', async () => {
    const answers = await race((i) =>
      call(t.app, office, {
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: {
          name: `县并发登记企业${i}有限公司`,
          creditCode: demoCreditCode(77),
          ownership: 'private',
          partyOrg: 'none',
        },
      }),
    )
    expectOneWinner(answers, 201, '409 CREDIT_CODE_TAKEN')
  })

  it('a row a unique index refuses answers 409 CONFLICT in the usual shape, never a 500', async () => {
    // A route of its own doing what a forgotten check-then-insert would: insert a name that exists.
    const probe = Fastify({ logger: false })
    await probe.register(errorsPlugin)
    probe.post('/duplicate', async () => {
      await t.app.db.transaction().execute(async (trx) => {
        const at = new Date().toISOString()
        await trx
          .insertInto('departments')
          .values({ name: '县委统战部', is_office: 0, created_at: at, retired_at: null })
          .execute()
      })
      return { ok: true }
    })
    const res = await probe.inject({ method: 'POST', url: '/duplicate' })
    await probe.close()
    expect({ status: res.statusCode, body: res.json() }).toEqual({
      status: 409,
      body: { error: { code: 'CONFLICT', message: '数据冲突，请刷新后重试', fields: [] } },
    })
  })

  it('creates a department once per name', async () => {
    const answers = await race(() =>
      call(t.app, office, { method: 'POST', url: '/api/v1/departments', payload: { name: '并发测试专班' } }),
    )
    expectOneWinner(answers, 201, '409 DEPARTMENT_NAME_TAKEN')
  })
})
