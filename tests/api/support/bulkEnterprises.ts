import crypto from 'node:crypto'
import type { DatabaseHandle } from '../../../server/core/db/database'
import { creditCodeCheckChar } from '../../../src/models/creditCode'
import { SECTIONS } from '../../../src/models/checklist'
import { sectionScoreColumns } from '../../../server/features/assessments/scoreColumns'

type Db = DatabaseHandle['db']

/** Rows per INSERT: under SQLite's bound-parameter limit for the widest table here. */
const BATCH = 400

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH))
}

/**
 * `count` enterprises (after the demo's) with something in every column of the 工作台账: each supervised by
 * the demo's first non-office department, with a registered and a joined 联络员, 领导小组 and a received
 * 实施方案, a submitted assessment in every campaign, an open 整改, a sign-in at one past event, its four
 * pledges this year and a party branch that has met this month. Straight inserts: the benches and the
 * export tests need thousands in seconds, not the write routes' rules (those have their own tests).
 */
export async function addLedgerEnterprises(db: Db, count: number, now = Date.now()): Promise<number[]> {
  const at = new Date(now).toISOString()
  // Credit codes and openids unique per call, so a test or bench may add more than once.
  const tag = String(crypto.randomInt(1000, 9999))
  const department = await db
    .selectFrom('departments')
    .select('id')
    .where('is_office', '=', 0)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const campaigns = await db.selectFrom('campaigns').select(['id', 'template_id']).execute()
  const templates = new Map(
    (await db.selectFrom('pledge_templates').select(['id', 'kind']).orderBy('version').execute()).map((t) => [
      t.kind,
      t.id,
    ]),
  )
  const ids: number[] = []
  const liaisonOf = new Map<number, number>()
  const indices = Array.from({ length: count }, (_, i) => i)
  await inBatches(indices, async (batch) => {
    const rows = await db
      .insertInto('enterprises')
      .values(
        batch.map((i) => {
          const body = `9145${tag}${String(i).padStart(9, '0')}`
          return {
            name: `县台账测试${tag}第${i}有限公司`,
            credit_code: body + creditCodeCheckChar(body)!,
            ownership: i % 2 ? 'private' : 'state_owned',
            party_org: 'branch',
            industry: '制造业',
            leading_group_date: '2026-03-01',
            plan_filed_date: '2026-03-15',
            demonstration: 0,
            liaison_name: `登记联络员${i}`,
            liaison_phone: `138${String(i).padStart(8, '0')}`,
            created_at: at,
            updated_at: at,
            milestone_deadline: null,
          }
        }),
      )
      .returning('id')
      .execute()
    ids.push(...rows.map((r) => r.id))
  })
  await inBatches(ids, async (batch) => {
    const users = await db
      .insertInto('users')
      .values(
        batch.map((id) => ({
          openid: `ledger-${tag}-${id}`,
          unionid: null,
          name: `联络员${id}`,
          phone: `139${String(id).padStart(8, '0')}`,
          session_key: null,
          disabled_at: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .returning('id')
      .execute()
    batch.forEach((id, j) => liaisonOf.set(id, users[j].id))
  })
  const liaison = (id: number) => liaisonOf.get(id)!
  const event = await db
    .insertInto('events')
    .values({
      kind: 'lecture',
      title: '台账测试廉政讲座',
      description: null,
      organiser_kind: 'department',
      organiser_id: department.id,
      starts_at: new Date(now - 3600_000).toISOString(),
      ends_at: new Date(now - 1800_000).toISOString(),
      sign_in_opens_at: new Date(now - 4000_000).toISOString(),
      sign_in_closes_at: new Date(now - 1800_000).toISOString(),
      place_name: null,
      place_lat: null,
      place_lng: null,
      place_radius_m: null,
      qr_secret: crypto.randomBytes(16).toString('hex'),
      created_by: liaison(ids[0]),
      created_at: at,
      updated_at: at,
      cancelled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const sectionScores = sectionScoreColumns(
    SECTIONS.map((section) => ({ section, score: 80, applicable: 4, answered: 4, weightCounted: 4 })),
  )
  await inBatches(ids, async (batch) => {
    await db
      .insertInto('supervision_links')
      .values(batch.map((id) => ({ department_id: department.id, enterprise_id: id, created_at: at })))
      .execute()
    await db
      .insertInto('memberships')
      .values(
        batch.map((id) => ({
          user_id: liaison(id),
          organisation_kind: 'enterprise' as const,
          organisation_id: id,
          role: 'liaison',
          status: 'approved' as const,
          invite_id: null,
          decided_by: null,
          decided_at: at,
          created_at: at,
        })),
      )
      .execute()
    await db
      .insertInto('plan_filings')
      .values(
        batch.map((id) => ({
          enterprise_id: id,
          revision: 1,
          department_id: department.id,
          file_ids: '[]',
          status: 'received' as const,
          submitted_by: liaison(id),
          submitted_at: at,
          decided_by: null,
          decided_at: at,
          return_reason: null,
        })),
      )
      .execute()
    for (const c of campaigns)
      await db
        .insertInto('assessments')
        .values(
          batch.map((id) => ({
            campaign_id: c.id,
            enterprise_id: id,
            template_id: c.template_id,
            status: 'submitted' as const,
            overall_score: 80,
            ...sectionScores,
            submitted_at: at,
            reviewed_at: null,
            reviewed_by: null,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute()
    await db
      .insertInto('rectifications')
      .values(
        batch.map((id) => ({
          enterprise_id: id,
          source: 'notice' as const,
          assessment_id: null,
          item_code: null,
          title: '台账测试整改事项',
          detail: '补充廉洁风险点排查',
          deadline: '2099-12-31',
          status: 'open' as const,
          response: null,
          created_by: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute()
    await db
      .insertInto('event_audience')
      .values(batch.map((id) => ({ event_id: event.id, enterprise_id: id })))
      .execute()
    await db
      .insertInto('sign_ins')
      .values(
        batch.map((id) => ({
          event_id: event.id,
          user_id: liaison(id),
          enterprise_id: id,
          method: 'proxy' as const,
          signed_in_at: at,
          received_at: at,
          scanned_at: null,
          slot: null,
          lat: null,
          lng: null,
          accuracy: null,
          distance_m: null,
          flags: '[]',
          proxy_by: liaison(id),
          proxy_reason: '台账测试',
          created_at: at,
        })),
      )
      .execute()
    const kinds = ['personal', 'enterprise', 'soe_leader', 'government_business'] as const
    await db
      .insertInto('pledges')
      .values(
        batch.flatMap((id) =>
          kinds.map((kind) => ({
            code: crypto.randomBytes(6).toString('hex').toUpperCase(),
            kind,
            template_id: templates.get(kind)!,
            enterprise_id: id,
            department_id: kind === 'government_business' ? department.id : null,
            text: '台账测试承诺',
            text_sha256: '0'.repeat(64),
            status: 'effective' as const,
            started_by: liaison(id),
            started_side: 'enterprise' as const,
            created_at: at,
            effective_at: at,
            withdrawn_at: null,
            withdrawn_by: null,
            withdraw_reason: null,
          })),
        ),
      )
      .execute()
    const branches = await db
      .insertInto('party_branches')
      .values(
        batch.map((id) => ({
          enterprise_id: id,
          name: '台账测试党支部',
          secretary_user_id: null,
          created_at: at,
        })),
      )
      .returning(['id', 'enterprise_id'])
      .execute()
    await db
      .insertInto('meetings')
      .values(
        branches.map((b) => ({
          branch_id: b.id,
          enterprise_id: b.enterprise_id,
          type: 'committee',
          group_id: null,
          topic: '台账测试支委会',
          starts_at: at,
          place: '会议室',
          host: '书记',
          recorder: '委员',
          expected_count: 1,
          present_count: 1,
          non_member_attendees: '[]',
          minutes: '会议记录',
          decisions: '',
          status: 'submitted' as const,
          submitted_at: at,
          submitted_by: liaison(b.enterprise_id),
          revision: 1,
          sign_in_event_id: null,
          created_by: liaison(b.enterprise_id),
          created_at: at,
          updated_at: at,
        })),
      )
      .execute()
  })
  return ids
}
