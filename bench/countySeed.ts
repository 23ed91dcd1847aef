/**
 * A county at scale (bench/county.ts; the weapp walk at scale): SIZE enterprises of the benches' seeding
 * (tests/api/support/bulkEnterprises.ts), supervised by the demo's first department (县财政局), their
 * uniform activity then spread over the states a real county has. On a demo database (APP_MODE=demo) the
 * 权力清单 and the 专项整治 copy the demo's; without them (test mode) those two are left out.
 */
import { addLedgerEnterprises } from '../tests/api/support/bulkEnterprises'
import { shanghaiDateAfterDays } from '../src/models/shanghaiTime'
import type { DatabaseHandle } from '../server/core/db/database'

const DAY = 86_400_000

type Db = DatabaseHandle['db']

/** Ids whose index in `ids` has remainder `r` modulo `m` (the spread of one state over the county). */
const every = (ids: number[], m: number, ...r: number[]) => ids.filter((_, i) => r.includes(i % m))

async function inChunks(ids: number[], run: (chunk: number[]) => Promise<unknown>) {
  for (let i = 0; i < ids.length; i += 500) await run(ids.slice(i, i + 500))
}

async function spreadActivity(db: Db, ids: number[], now: number) {
  const at = new Date(now).toISOString()
  const current = await db
    .selectFrom('campaigns')
    .select('id')
    .where('closed_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  const reviewer = await db
    .selectFrom('users')
    .select('id')
    .where('openid', '=', 'demo-supervisor-finance')
    .executeTakeFirstOrThrow()
  // Earlier campaigns were reviewed long ago; the current one is under way.
  await inChunks(ids, (chunk) =>
    db
      .updateTable('assessments')
      .set({ status: 'accepted', reviewed_at: at, reviewed_by: reviewer.id })
      .where('enterprise_id', 'in', chunk)
      .where('campaign_id', '!=', current.id)
      .execute(),
  )
  const ofCurrent = (chunk: number[]) =>
    db.updateTable('assessments').where('campaign_id', '=', current.id).where('enterprise_id', 'in', chunk)
  await inChunks(every(ids, 10, 0), (chunk) =>
    db
      .deleteFrom('assessments')
      .where('campaign_id', '=', current.id)
      .where('enterprise_id', 'in', chunk)
      .execute(),
  )
  await inChunks(every(ids, 10, 1), (chunk) =>
    ofCurrent(chunk).set({ status: 'draft', submitted_at: null, overall_score: null }).execute(),
  )
  await inChunks(every(ids, 10, 2), (chunk) =>
    ofCurrent(chunk).set({ status: 'returned', reviewed_at: at, reviewed_by: reviewer.id }).execute(),
  )
  await inChunks(every(ids, 10, 3, 4, 5, 6), (chunk) =>
    ofCurrent(chunk).set({ status: 'accepted', reviewed_at: at, reviewed_by: reviewer.id }).execute(),
  )
  // 整改: a fifth overdue, a fifth answered (待核验), a fifth 销号, the rest open within their deadline.
  const rectifications = (chunk: number[]) =>
    db.updateTable('rectifications').where('enterprise_id', 'in', chunk)
  await inChunks(every(ids, 5, 0), (chunk) =>
    rectifications(chunk)
      .set({ deadline: shanghaiDateAfterDays(now, -10) })
      .execute(),
  )
  await inChunks(every(ids, 5, 1), (chunk) =>
    rectifications(chunk).set({ status: 'awaiting_verification', response: '已整改完毕' }).execute(),
  )
  await inChunks(every(ids, 5, 2), (chunk) =>
    rectifications(chunk).set({ status: 'closed', response: '已整改完毕' }).execute(),
  )
  // Some have not signed this year's personal pledge, and a third of the branches have not met.
  await inChunks(every(ids, 6, 0), (chunk) =>
    db.deleteFrom('pledges').where('enterprise_id', 'in', chunk).where('kind', '=', 'personal').execute(),
  )
  await inChunks(every(ids, 3, 0), (chunk) =>
    db.deleteFrom('meetings').where('enterprise_id', 'in', chunk).execute(),
  )
  await addRisks(db, ids, now)
  await addPowerLists(db, ids, now)
  await addSpecial(db, ids, now, reviewer.id)
}

/** A 廉洁风险点 at every 4th enterprise: 高 at every 20th, past its review at every 40th (from the 5th). */
async function addRisks(db: Db, ids: number[], now: number) {
  const created = new Date(now - 30 * DAY).toISOString()
  const liaisons = new Map(
    (
      await db
        .selectFrom('memberships')
        .select(['organisation_id', 'user_id'])
        .where('organisation_kind', '=', 'enterprise')
        .where('role', '=', 'liaison')
        .execute()
    ).map((m) => [m.organisation_id, m.user_id]),
  )
  const rows = ids
    .map((id, i) => ({ id, i }))
    .filter(({ i }) => i % 4 === 0 || i % 40 === 5)
    .map(({ id, i }) => {
      const high = i % 20 === 0
      return {
        enterprise_id: id,
        area: 'material_purchase',
        area_name: null,
        post: '采购岗',
        description: '询价、定价、验收由同一人经办',
        likelihood: high ? 3 : 2,
        impact: high ? 3 : 2,
        level: high ? ('high' as const) : ('medium' as const),
        measures: '采购与验收分岗，三家以上比价',
        owner: '采购部负责人',
        review_cycle: 3,
        next_review_date: shanghaiDateAfterDays(now, i % 40 === 5 ? -7 : 60),
        status: 'active' as const,
        starter_code: null,
        rectification_id: null,
        version: 1,
        created_by: liaisons.get(id)!,
        created_at: created,
        updated_at: created,
      }
    })
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('risks')
      .values(rows.slice(i, i + 200))
      .execute()
}

/** A published 权力清单 at every 10th enterprise that is a 国企, none read by 县财政局 yet. */
async function addPowerLists(db: Db, ids: number[], now: number) {
  const demo = await db
    .selectFrom('power_list_versions')
    .select(['content', 'published_by'])
    .executeTakeFirst()
  if (!demo) return
  const at = new Date(now).toISOString()
  const soes = await db
    .selectFrom('enterprises')
    .select('id')
    .where('id', 'in', every(ids, 10, 0))
    .where('ownership', '=', 'state_owned')
    .execute()
  for (const { id } of soes) {
    await db
      .insertInto('power_lists')
      .values({
        enterprise_id: id,
        content: demo.content,
        revision: 1,
        dirty: 0,
        published_version: 1,
        updated_by: demo.published_by,
        updated_at: at,
      })
      .execute()
    await db
      .insertInto('power_list_versions')
      .values({
        enterprise_id: id,
        version: 1,
        content: demo.content,
        published_by: demo.published_by,
        published_at: at,
      })
      .execute()
  }
}

/** 县财政局's 专项整治 over every one of the county's enterprises, half of them reported. */
async function addSpecial(db: Db, ids: number[], now: number, by: number) {
  const demo = await db.selectFrom('special_campaigns').selectAll().executeTakeFirst()
  // The department that supervises them (bulkEnterprises.ts: the demo's first, 县财政局).
  const department = await db
    .selectFrom('supervision_links')
    .select('department_id as id')
    .where('enterprise_id', '=', ids[0])
    .executeTakeFirstOrThrow()
  if (!demo) return
  const { id: _id, writes: _writes, ...row } = demo
  const special = await db
    .insertInto('special_campaigns')
    .values({
      ...row,
      department_id: department.id,
      created_by: by,
      scope_label: `县财政局监管企业${ids.length}家`,
      deadline: shanghaiDateAfterDays(now, 20),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const at = new Date(now - DAY).toISOString()
  for (let i = 0; i < ids.length; i += 400)
    await db
      .insertInto('special_scope')
      .values(
        ids.slice(i, i + 400).map((id, j) => ({
          special_id: special.id,
          enterprise_id: id,
          reported_at: (i + j) % 2 ? at : null,
        })),
      )
      .execute()
}

/** SIZE enterprises with their activity spread (see the top of this file); their ids. */
export async function seedCounty(db: Db, size: number, now = Date.now()): Promise<number[]> {
  const ids = await addLedgerEnterprises(db, size, now)
  await spreadActivity(db, ids, now)
  return ids
}
