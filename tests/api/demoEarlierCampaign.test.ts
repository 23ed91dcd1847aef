import { createTestApp, loginAs, type TestApp } from './support/testApp'
import { DEMO_EARLIER_CAMPAIGN } from '../../seeds/campaignsDemo'
import { applicableItems, computeScores } from '../../src/models/assessment'
import { DEMO_ENTERPRISES } from '../../seeds/organisationsDemo'
import { checklistRepository } from '../../server/features/assessments/checklistRepository'

/**
 * The demo's 上年度 campaign: its accepted assessments carry answers, and their scores are the ones those
 * answers give, so the lists (scores) and the assessment's own pages (answers) tell the same story.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ APP_MODE: 'demo' })
}, 60_000)
afterAll(() => t.close())

describe('demo 上年度自查', () => {
  it('answers every applicable item and scores as a submit would', async () => {
    const db = t.database.db
    const campaign = await db
      .selectFrom('campaigns')
      .selectAll()
      .where('name', '=', DEMO_EARLIER_CAMPAIGN.name)
      .executeTakeFirstOrThrow()
    const items = await checklistRepository.items(db, campaign.template_id)
    const assessments = await db
      .selectFrom('assessments')
      .innerJoin('enterprises', 'enterprises.id', 'assessments.enterprise_id')
      .select(['assessments.id', 'assessments.overall_score', 'enterprises.name', 'enterprises.id as eid'])
      .where('campaign_id', '=', campaign.id)
      .execute()
    expect(assessments).toHaveLength(DEMO_ENTERPRISES.length)
    const office = await loginAs(t.app, 'demo-office')
    for (const a of assessments) {
      const e = DEMO_ENTERPRISES.find((d) => d.name === a.name)!
      const applicable = applicableItems(items, { ownership: e.ownership, partyOrg: e.partyOrg })
      const answers = await db
        .selectFrom('assessment_answers')
        .select(['item_code as itemCode', 'value', 'note'])
        .where('assessment_id', '=', a.id)
        .execute()
      expect(answers.map((x) => x.itemCode).sort()).toEqual(applicable.map((i) => i.code).sort())
      // 否 and 部分 say what is missing, as the checklist's rules ask.
      expect(answers.filter((x) => x.value !== 'yes' && !x.note)).toEqual([])
      const scores = computeScores(items, answers)
      expect(Number(a.overall_score)).toBe(scores.overall)
      expect(scores.overall).toBeGreaterThan(40)
      expect(scores.overall).toBeLessThan(95)

      // The assessment's own page shows the same score and the answers.
      const view = await t.app.inject({
        method: 'GET',
        url: `/api/v1/enterprises/${a.eid}/assessments/${a.id}`,
        headers: { authorization: `Bearer ${office}` },
      })
      expect(view.statusCode).toBe(200)
      expect(view.json().scores.overall).toBe(scores.overall)
      expect(view.json().answers).toHaveLength(applicable.length)
    }
  })
})
