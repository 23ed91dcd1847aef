import type { Kysely } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { SECTIONS } from '../src/models/checklist'
import { DEMO_ENTERPRISES } from './demo'
import { sectionScoreColumns } from '../server/features/assessments/scoreColumns'

/**
 * An earlier, closed campaign (上年度) with a reviewed, scored assessment for every demo enterprise, so
 * that a supervisor's enterprise page shows a trend and 企业列表 a comparison on first start (demo mode
 * only, like the demo 整改: the API tests and a real county's setup never get it). Scores are illustrative.
 */
export const DEMO_EARLIER_CAMPAIGN = {
  name: '2025年度清廉企业建设自查',
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  dueDate: '2025-12-31',
  closedAt: '2026-01-15T02:00:00.000Z',
}

/** Per demo enterprise (by key), its score in each section, SECTIONS order. */
const DEMO_EARLIER_SCORES: Record<string, number[]> = {
  soe: [86, 78, 82, 74, 80],
  mixed: [72, 68, 75, 70, 66],
  private: [81, 85, 77, 79, 83],
  'private-nopo': [58, 64, 61, 55, 60],
}
const DEFAULT_SCORES = [70, 70, 70, 70, 70]

export async function seedDemoEarlierCampaign(db: Kysely<Database>): Promise<void> {
  const [office, template, enterprises] = await Promise.all([
    db.selectFrom('users').select('id').where('openid', '=', 'demo-office').executeTakeFirstOrThrow(),
    db.selectFrom('checklist_templates').select('id').orderBy('version', 'desc').executeTakeFirst(),
    db.selectFrom('enterprises').select(['id', 'name']).execute(),
  ])
  if (!template) return
  const c = DEMO_EARLIER_CAMPAIGN
  await db.transaction().execute(async (trx) => {
    const campaign = await trx
      .insertInto('campaigns')
      .values({
        name: c.name,
        period_start: c.periodStart,
        period_end: c.periodEnd,
        due_date: c.dueDate,
        template_id: template.id,
        created_by: office.id,
        created_at: `${c.periodStart}T00:00:00.000Z`,
        closed_at: c.closedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const e of DEMO_ENTERPRISES) {
      const enterpriseId = enterprises.find((row) => row.name === e.name)?.id
      if (enterpriseId === undefined) continue
      const scores = DEMO_EARLIER_SCORES[e.key] ?? DEFAULT_SCORES
      const sections = SECTIONS.map((section, i) => ({
        section,
        score: scores[i] ?? null,
        applicable: 1,
        answered: 1,
        weightCounted: 1,
      }))
      const overall = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10
      const [created, submitted, reviewed] = ['2025-03-01', '2025-11-20', '2025-12-10'].map(
        (d) => `${d}T02:00:00.000Z`,
      )
      const assessment = await trx
        .insertInto('assessments')
        .values({
          campaign_id: campaign.id,
          enterprise_id: enterpriseId,
          template_id: template.id,
          status: 'accepted',
          overall_score: overall,
          ...sectionScoreColumns(sections),
          submitted_at: submitted,
          reviewed_at: reviewed,
          reviewed_by: office.id,
          created_at: created,
          updated_at: reviewed,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('assessment_events')
        .values(
          (
            [
              [null, 'draft', '发起自查', created],
              ['draft', 'submitted', null, submitted],
              ['submitted', 'accepted', '审核通过', reviewed],
            ] as const
          ).map(([from, to, comment, at]) => ({
            assessment_id: assessment.id,
            from_status: from,
            to_status: to,
            actor_id: office.id,
            comment,
            created_at: at,
          })),
        )
        .execute()
    }
  })
}
