import type { TAssessment, TRectification } from '../../src/models'
import { rectifies } from '../../src/models/checklist'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { openCampaignFor } from './support/campaigns'

/**
 * A finding's 整改 deadline is counted from the day of submission in 北京时间, the calendar every
 * deadline is compared in (overdue = 北京时间 today after the deadline). Before the fix it was counted on
 * the UTC date, so a submission between 00:00 and 08:00 北京时间 got a deadline one day early.
 */
describe(`finding deadlines in 北京时间 [${TEST_DB}]`, () => {
  let t: TestApp
  let now = Date.parse('2026-03-01T18:30:00Z') // 2026-03-02 02:30 北京时间
  let office: string
  let liaison: string
  let enterpriseId: number

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    office = await loginAs(t.app, 'demo-office')
    liaison = await loginAs(t.app, 'demo-liaison-private')
    enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
  })
  afterAll(() => t.close())

  /** Opens a campaign for the enterprise, answers every item 否 (one 部分) and submits; returns its findings. */
  async function submitWithFindings(name: string): Promise<{ no: string; partial: string }> {
    const { base } = await openCampaignFor(t.app, { office, liaison }, enterpriseId, name)
    const view: TAssessment = (await call(t.app, liaison, { method: 'GET', url: base })).json()
    const partialItem = view.items.find((i) => !i.evidence.required && rectifies(i, 'partial'))!
    const answers = view.items.map((i) => ({
      itemCode: i.code,
      value: i.code === partialItem.code ? 'partial' : 'no',
      note: '尚未落实，正在整改',
    }))
    const saved = await call(t.app, liaison, { method: 'PUT', url: `${base}/answers`, payload: { answers } })
    expect(saved.statusCode).toBe(200)
    const submitted = await call(t.app, liaison, { method: 'POST', url: `${base}/submit` })
    expect(submitted.statusCode).toBe(200)
    const rectifications: TRectification[] = (
      await call(t.app, liaison, { method: 'GET', url: `/api/v1/enterprises/${enterpriseId}/rectifications` })
    )
      .json()
      .rectifications.filter((r: TRectification) => r.assessmentId === view.id)
    // 否 on what the document only encourages (探索, 鼓励) makes no 整改.
    expect(rectifications.length).toBe(view.items.filter((i) => rectifies(i, 'no')).length)
    const deadlines = (partial: boolean) => [
      ...new Set(
        rectifications.filter((r) => (r.itemCode === partialItem.code) === partial).map((r) => r.deadline),
      ),
    ]
    expect(deadlines(false)).toHaveLength(1)
    expect(deadlines(true)).toHaveLength(1)
    return { no: deadlines(false)[0], partial: deadlines(true)[0] }
  }

  it('a finding made at 02:30 北京时间 is due 30 (否) or 60 (部分) days after that 北京时间 day', async () => {
    now = Date.parse('2026-03-01T18:30:00Z') // UTC date 2026-03-01, 北京时间 2026-03-02
    expect(await submitWithFindings('凌晨提交')).toEqual({ no: '2026-04-01', partial: '2026-05-01' })
  })

  it('gets the same deadline as one made later that 北京时间 day', async () => {
    now = Date.parse('2026-03-02T03:00:00Z') // 2026-03-02 11:00 北京时间
    expect(await submitWithFindings('上午提交')).toEqual({ no: '2026-04-01', partial: '2026-05-01' })
  })
})
