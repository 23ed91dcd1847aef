import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { SECTIONS, type TChecklistItem } from '../src/models/checklist'
import { applicableItems, computeScores, type AnswerLike } from '../src/models/assessment'
import { DEMO_ENTERPRISES } from './organisationsDemo'
import { DEMO_USERS } from './usersDemo'
import { sectionScoreColumns } from '../server/features/assessments/scoreColumns'
import { checklistRepository } from '../server/features/assessments/checklistRepository'

export const DEMO_CAMPAIGN = {
  name: '2026年度清廉企业建设自查',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  dueDate: '2026-12-31',
}

/** The current campaign, county-wide, with a draft for every enterprise. */
export async function seedDemoCampaign(
  trx: Transaction<Database>,
  enterpriseIds: Map<string, number>,
  userIds: Map<string, number>,
  now: string,
): Promise<void> {
  // An open self-assessment, so the demo liaison has something to do on first start.
  const template = await trx
    .selectFrom('checklist_templates')
    .select('id')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (template) {
    const campaign = await trx
      .insertInto('campaigns')
      .values({
        name: DEMO_CAMPAIGN.name,
        period_start: DEMO_CAMPAIGN.periodStart,
        period_end: DEMO_CAMPAIGN.periodEnd,
        due_date: DEMO_CAMPAIGN.dueDate,
        template_id: template.id,
        created_by: userIds.get('demo-office')!,
        created_at: now,
        county_wide: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const enterpriseId of enterpriseIds.values()) {
      const assessment = await trx
        .insertInto('assessments')
        .values({
          campaign_id: campaign.id,
          enterprise_id: enterpriseId,
          template_id: template.id,
          status: 'draft',
          overall_score: null,
          section_scores: null,
          submitted_at: null,
          reviewed_at: null,
          reviewed_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('assessment_events')
        .values({
          assessment_id: assessment.id,
          from_status: null,
          to_status: 'draft',
          actor_id: userIds.get('demo-office')!,
          comment: '发起自查',
          created_at: now,
        })
        .execute()
    }
  }
}

/**
 * An earlier, closed campaign (上年度) with a reviewed, scored assessment for every demo enterprise, so
 * that a supervisor's enterprise page shows a trend and 企业列表 a comparison on first start (demo mode
 * only, like the demo 整改: the API tests and a real county's setup never get it). Each assessment has
 * answers to every item that applies, and its scores are computed from them as a submit computes them,
 * so the lists and the assessment's own pages agree.
 */
export const DEMO_EARLIER_CAMPAIGN = {
  name: '2025年度清廉企业建设自查',
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  dueDate: '2025-12-31',
  closedAt: '2026-01-15T02:00:00.000Z',
}

/** Per demo enterprise (by key), the score its answers aim at in each section, SECTIONS order. */
const DEMO_EARLIER_SCORES: Record<string, number[]> = {
  soe: [86, 78, 82, 74, 80],
  mixed: [72, 68, 75, 70, 66],
  private: [81, 85, 77, 79, 83],
  'private-nopo': [58, 64, 61, 55, 60],
}
const DEFAULT_SCORES = [70, 70, 70, 70, 70]
const GAP_NOTE = '（示例）该项上年度尚未完全落实，已列入整改计划'

/**
 * Answers that bring each section near its target score: item by item, the answer (是 / 部分 / 否) that
 * keeps the section's running score closest to the target. Deterministic, so every demo start is the same.
 */
function demoAnswers(items: TChecklistItem[], targets: number[]): AnswerLike[] {
  const answers: AnswerLike[] = []
  SECTIONS.forEach((section, i) => {
    const target = (targets[i] ?? 70) / 100
    let weight = 0
    let earned = 0
    for (const item of items.filter((it) => it.section === section)) {
      const options = [
        { value: 'yes' as const, credit: 1 },
        { value: 'partial' as const, credit: 0.5 },
        { value: 'no' as const, credit: 0 },
      ]
      const best = options.reduce((a, b) =>
        Math.abs((earned + item.weight * b.credit) / (weight + item.weight) - target) <
        Math.abs((earned + item.weight * a.credit) / (weight + item.weight) - target)
          ? b
          : a,
      )
      weight += item.weight
      earned += item.weight * best.credit
      answers.push({ itemCode: item.code, value: best.value, note: best.value === 'yes' ? null : GAP_NOTE })
    }
  })
  return answers
}

export async function seedDemoEarlierCampaign(db: Kysely<Database>): Promise<void> {
  const [users, template, enterprises] = await Promise.all([
    db.selectFrom('users').select(['id', 'openid']).where('openid', 'like', 'demo-%').execute(),
    db.selectFrom('checklist_templates').select('id').orderBy('version', 'desc').executeTakeFirst(),
    db.selectFrom('enterprises').select(['id', 'name']).execute(),
  ])
  const userId = (openid: string | undefined) => users.find((u) => u.openid === openid)?.id
  const officeId = userId('demo-office')
  if (officeId === undefined) throw new Error('the demo office user is missing')
  const office = { id: officeId }
  if (!template) return
  const items = await checklistRepository.items(db, template.id)
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
        county_wide: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const e of DEMO_ENTERPRISES) {
      const enterpriseId = enterprises.find((row) => row.name === e.name)?.id
      if (enterpriseId === undefined) continue
      const answers = demoAnswers(
        applicableItems(items, { ownership: e.ownership, partyOrg: e.partyOrg }),
        DEMO_EARLIER_SCORES[e.key] ?? DEFAULT_SCORES,
      )
      const { sections, overall } = computeScores(items, answers)
      // The enterprise's demo liaison answered its checklist.
      const liaison = DEMO_USERS.find((u) =>
        u.memberships.some((m) => m.role === 'liaison' && m.enterprise === e.key),
      )
      const answeredBy = userId(liaison?.openid) ?? office.id
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
        .insertInto('assessment_answers')
        .values(
          answers.map((a) => ({
            assessment_id: assessment.id,
            item_code: a.itemCode,
            value: a.value,
            note: a.note ?? null,
            na_reason: null,
            review_comment: null,
            updated_by: answeredBy,
            updated_at: submitted,
          })),
        )
        .execute()
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
