import type { TAssessment, TRectification } from '../../src/models'
import { computeScores } from '../../src/models/assessment'
import { CHECKLIST_V1 } from '../../seeds/checklist/v1'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { openCampaignFor } from './support/campaigns'

/**
 * Checklist v2 on the server: new campaigns (and the demo's) use it, its answer rules are enforced, and an
 * assessment answered on v1 still opens and scores as it did.
 */
describe(`checklist v2 [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  let liaison: string
  let enterpriseId: number

  beforeAll(async () => {
    t = await createTestApp()
    office = await loginAs(t.app, 'demo-office')
    liaison = await loginAs(t.app, 'demo-liaison-private')
    enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
  })
  afterAll(() => t.close())

  const templateId = async (version: number) =>
    (
      await t.app.db
        .selectFrom('checklist_templates')
        .select('id')
        .where('version', '=', version)
        .executeTakeFirstOrThrow()
    ).id

  /** A new campaign for 恒达 alone; `onV1` moves it (before any answer) onto the v1 template. */
  async function openAssessment(name: string, onV1 = false): Promise<string> {
    const { campaignId, base } = await openCampaignFor(t.app, { office, liaison }, enterpriseId, name)
    if (onV1) {
      const v1 = await templateId(1)
      await t.app.db.updateTable('campaigns').set({ template_id: v1 }).where('id', '=', campaignId).execute()
      await t.app.db
        .updateTable('assessments')
        .set({ template_id: v1 })
        .where('campaign_id', '=', campaignId)
        .execute()
    }
    return base
  }

  const save = (base: string, answers: object[]) =>
    call(t.app, liaison, { method: 'PUT', url: `${base}/answers`, payload: { answers } })

  it('the demo campaign and a new campaign use v2, with sentences, titles and rules', async () => {
    const demo = (await call(t.app, office, { method: 'GET', url: '/api/v1/campaigns' })).json().campaigns
    expect(demo.every((c: { templateVersion: number }) => c.templateVersion === 2)).toBe(true)
    const view: TAssessment = (
      await call(t.app, liaison, { method: 'GET', url: await openAssessment('v2 新期次') })
    ).json()
    expect(view.templateVersion).toBe(2)
    const baseline = view.items.find((i) => i.code === 'T08-05')!
    expect(baseline.basis.sentence).toContain(baseline.basis.quote)
    expect(baseline.basis.title).toBe('健全诚信激励约束机制，营造以诚为荣良好风气')
    expect(baseline.rules).toMatchObject({ naAllowed: false, noteFor: ['partial', 'no'] })
    expect(view.items.some((i) => i.code === 'T11-05')).toBe(false)
  })

  it('refuses 不适用 on a baseline duty with a stable code and one field per answer', async () => {
    const base = await openAssessment('v2 不适用')
    const res = await save(base, [
      { itemCode: 'T07-03', value: 'na', naReason: '本企业无工程' },
      { itemCode: 'T08-05', value: 'na', naReason: '不涉及' },
    ])
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({
      code: 'ANSWER_NA_NOT_ALLOWED',
      message: '该项是每家企业都须落实的要求，不能选择“不适用”',
      fields: [{ path: 'answers.1.value', kind: 'na_not_allowed' }],
    })
    // Nothing of the request was saved.
    const view: TAssessment = (await call(t.app, liaison, { method: 'GET', url: base })).json()
    expect(view.answers).toEqual([])
  })

  it('asks a note for 否 / 部分 at submit, and makes no 整改 for 否 on what is only 探索', async () => {
    const base = await openAssessment('v2 说明')
    const view: TAssessment = (await call(t.app, liaison, { method: 'GET', url: base })).json()
    const answers = view.items.map((i) => ({ itemCode: i.code, value: 'no' }))
    expect((await save(base, answers)).statusCode).toBe(200)
    const refused = await call(t.app, liaison, { method: 'POST', url: `${base}/submit` })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().error.fields).toContainEqual({
      path: 'T08-05',
      message: '选择“否”或“部分”须在说明中写明未落实的内容',
      kind: 'note_missing',
    })
    // 探索 items need no note.
    expect(refused.json().error.fields.some((f: { path: string }) => f.path === 'T10-03')).toBe(false)
    const noted = view.items.map((i) => ({ itemCode: i.code, value: 'no', note: '尚未落实，正在整改' }))
    expect((await save(base, noted)).statusCode).toBe(200)
    expect((await call(t.app, liaison, { method: 'POST', url: `${base}/submit` })).statusCode).toBe(200)
    const codes = (
      await call(t.app, liaison, { method: 'GET', url: `/api/v1/enterprises/${enterpriseId}/rectifications` })
    )
      .json()
      .rectifications.map((r: TRectification) => r.itemCode)
    expect(codes).toContain('T08-05')
    expect(codes).not.toContain('T10-03')
    expect(codes).not.toContain('T10-04')
  })

  it('an assessment on v1 still opens, answers and scores as before', async () => {
    const base = await openAssessment('v1 旧期次', true)
    const view: TAssessment = (await call(t.app, liaison, { method: 'GET', url: base })).json()
    expect(view.templateVersion).toBe(1)
    expect(view.items.every((i) => i.rules === undefined && i.basis.sentence === undefined)).toBe(true)
    const v1Codes = CHECKLIST_V1.map((i) => i.code)
    expect(view.items.every((i) => v1Codes.includes(i.code))).toBe(true)
    // v1 rules: 不适用 anywhere (with its reason), 否 without a note.
    const answers = view.items.map((i, index) =>
      i.code === 'T08-05'
        ? { itemCode: i.code, value: 'na', naReason: '旧版允许' }
        : { itemCode: i.code, value: index % 2 ? 'no' : 'yes' },
    )
    expect((await save(base, answers)).statusCode).toBe(200)
    const after: TAssessment = (await call(t.app, liaison, { method: 'GET', url: base })).json()
    const expected = computeScores(view.items, after.answers)
    expect(after.scores).toEqual(expected)
    // Politics of a 民企 with a branch: scored even on few items, as v1 always did.
    expect(after.scores.sections.find((s) => s.section === 'politics')!.score).not.toBeNull()
  })
})
