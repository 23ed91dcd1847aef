import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { Migrator, type Kysely } from 'kysely'
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../server/core/db/database'
import { migrationsFor } from '../../server/core/db/migrations'
import { SCHEMA_COLUMNS, type CampaignTable, type Database } from '../../server/core/db/schema'
import { demoCreditCode } from '../../seeds/organisationsDemo'
import { TEST_DATABASE_URL, TEST_DB } from './support/testApp'

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  await client.query(statement)
  await client.end()
}

/** An empty database of the run's dialect: a schema of its own on PostgreSQL, memory on SQLite. */
async function emptyDatabase(schema: string): Promise<DatabaseHandle> {
  if (TEST_DB !== 'postgres') return openDatabase({ sqliteFile: ':memory:' })
  await admin(`create schema ${schema}`)
  return openDatabase({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema })
}

async function dropDatabase(handle: DatabaseHandle, schema: string) {
  await handle.close()
  if (TEST_DB === 'postgres') await admin(`drop schema ${schema} cascade`)
}

/** Runs the migrations up to and including `name`, as a database last started before the next one. */
async function migrateTo(handle: DatabaseHandle, name: string) {
  const migrations = migrationsFor(handle.dialect)
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    ...(handle.pgSchema ? { migrationTableSchema: handle.pgSchema } : {}),
  })
  const upTo = await migrator.migrateTo(name)
  expect(upTo.error).toBeUndefined()
}

/** The migrations, run on an empty database, make exactly the tables and columns `db/schema/` declares. */
describe(`migrations against db/schema/ [${TEST_DB}]`, () => {
  let handle: DatabaseHandle
  const schema = `m_${process.pid}_${crypto.randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    handle = await emptyDatabase(schema)
    await migrateToLatest(handle)
  })
  afterAll(() => dropDatabase(handle, schema))

  it('keeps the migration names and their order (an existing database has recorded them)', () => {
    expect(Object.keys(migrationsFor(handle.dialect))).toEqual([
      '0001_organisations',
      '0002_people',
      '0003_idempotency_and_audit',
      '0004_assessments',
      '0005_events',
      '0006_pledges',
      '0007_party_meetings',
      '0008_admin_codes',
      '0009_department_invites',
      '0010_enterprise_imports',
      '0011_milestones',
      '0012_audit_organisation',
      '0013_department_retire',
      '0014_campaign_close',
      '0015_meeting_revision_changes',
      '0017_todo_reminders',
      '0020_pledge_chain_mac_version',
      '0021_idempotency_secrets',
      '0022_urges',
      '0023_checklist_v2',
      '0024_supervision_reports',
      '0025_exemplars',
      '0026_risks',
      '0027_special_campaigns',
      '0028_powers',
      '0029_dealings',
      '0031_assessment_section_columns',
      '0032_report_period_exemplar_rules',
      '0033_access_version',
      '0034_figures_indexes',
      '0035_rectification_events_index',
      '0036_county_settings',
      '0037_campaign_county_wide',
      '0038_quiz',
      '0039_county_name',
      '0040_risk_alert_acks',
    ])
  })

  it('creates every table of the schema with exactly its columns', async () => {
    const tables = await handle.db.introspection.getTables()
    const actual = Object.fromEntries(
      tables
        .filter((t) => !t.name.startsWith('kysely_') && (TEST_DB !== 'postgres' || t.schema === schema))
        .map((t) => [t.name, t.columns.map((c) => c.name).sort()]),
    )
    const expected = Object.fromEntries(
      Object.entries(SCHEMA_COLUMNS).map(([table, columns]) => [table, Object.keys(columns).sort()]),
    )
    expect(actual).toEqual(expected)
  })
})

/** `SCHEMA_COLUMNS` spreads the modules: a table declared in two would silently take the later one's types. */
it('declares each table in one module of db/schema/ only', async () => {
  const folder = path.join(__dirname, '../../server/core/db/schema')
  const modules = fs.readdirSync(folder).filter((f) => !['index.ts', 'columns.ts'].includes(f))
  const owners = new Map<string, string[]>()
  for (const file of modules) {
    const exported: Record<string, unknown> = await import(path.join(folder, file))
    for (const [name, value] of Object.entries(exported))
      if (name.endsWith('Columns') && value && typeof value === 'object')
        for (const table of Object.keys(value)) owners.set(table, [...(owners.get(table) ?? []), file])
  }
  expect([...owners].filter(([, files]) => files.length > 1)).toEqual([])
  expect([...owners.keys()].sort()).toEqual(Object.keys(SCHEMA_COLUMNS).sort())
})

/** 0039: a county switched on before it kept its name only in its office's; the migration reads it back. */
describe.each([
  ['演示县清廉企业建设工作领导小组办公室', '演示县'],
  ['县清廉企业建设工作领导小组办公室', null],
  ['县清廉企业建设工作领导小组办公室（县财政局资产股）', null],
])(`migration 0039 with the office %s [${TEST_DB}]`, (officeName, county) => {
  let handle: DatabaseHandle
  const schema = `m_${process.pid}_${crypto.randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    handle = await emptyDatabase(schema)
  })
  afterAll(() => dropDatabase(handle, schema))

  it(`keeps ${county ?? 'no county name'}`, async () => {
    await migrateTo(handle, '0037_campaign_county_wide')
    await handle.db
      .insertInto('departments')
      .values({ name: officeName, is_office: 1, created_at: '2026-01-01T00:00:00.000Z', retired_at: null })
      .execute()
    await migrateToLatest(handle)
    const row = await handle.db
      .selectFrom('county_settings')
      .select(['county_name', 'milestone_deadline'])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ county_name: county, milestone_deadline: null })
  })
})

/** The tables as they were before 0037: a campaign had no `county_wide`. */
type Before0037 = Omit<Database, 'campaigns'> & { campaigns: Omit<CampaignTable, 'county_wide'> }

/**
 * 0037: campaigns from before it are judged by their drafts, as the app made them then: 全县所有企业 gave a
 * draft to every enterprise registered at the start, chosen enterprises a draft each.
 */
describe(`migration 0037 on campaigns from before it [${TEST_DB}]`, () => {
  let handle: DatabaseHandle
  const schema = `m_${process.pid}_${crypto.randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    handle = await emptyDatabase(schema)
  })
  afterAll(() => dropDatabase(handle, schema))

  it('marks county-wide the campaigns with a draft for every enterprise registered when they started', async () => {
    await migrateTo(handle, '0036_county_settings')
    const db = handle.db as unknown as Kysely<Before0037>
    const at = (day: string) => `2026-${day}T02:00:00.000Z`
    const office = await db
      .insertInto('users')
      .values({ openid: 'office', name: '覃秀', created_at: at('01-01'), updated_at: at('01-01') })
      .returning('id')
      .executeTakeFirstOrThrow()
    const template = await db
      .insertInto('checklist_templates')
      .values({ version: 1, note: null, created_at: at('01-01') })
      .returning('id')
      .executeTakeFirstOrThrow()
    const enterprise = async (serial: number, created: string) => {
      const row = await db
        .insertInto('enterprises')
        .values({
          name: `企业${serial}`,
          credit_code: demoCreditCode(serial),
          ownership: 'private',
          party_org: 'none',
          demonstration: 0,
          created_at: at(created),
          updated_at: at(created),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    }
    const first = [await enterprise(1, '01-05'), await enterprise(2, '01-05'), await enterprise(3, '01-05')]
    /** A campaign started on `day` with a draft for each of `enterprises`. */
    const campaign = async (name: string, day: string, enterprises: number[]) => {
      const row = await db
        .insertInto('campaigns')
        .values({
          name,
          period_start: '2026-01-01',
          period_end: '2026-12-31',
          due_date: '2026-12-31',
          template_id: template.id,
          created_by: office.id,
          created_at: at(day),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const enterpriseId of enterprises) {
        await db
          .insertInto('assessments')
          .values({
            campaign_id: row.id,
            enterprise_id: enterpriseId,
            template_id: template.id,
            status: 'draft',
            created_at: at(day),
            updated_at: at(day),
          })
          .execute()
      }
      return row.id
    }
    const countyWide = await campaign('全县自查', '02-01', first)
    const chosen = await campaign('部分企业自查', '02-02', first.slice(0, 2))
    // Registered after 全县自查 started: it had no draft there, and that campaign is still county-wide.
    const later = await enterprise(4, '03-01')
    const chosenAfter = await campaign('首批企业复查', '03-10', first)
    const countyWideAfter = await campaign('全县复查', '03-11', [...first, later])

    await migrateToLatest(handle)
    const rows = await handle.db.selectFrom('campaigns').select(['id', 'county_wide']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: countyWide, county_wide: 1 },
      { id: chosen, county_wide: 0 },
      { id: chosenAfter, county_wide: 0 },
      { id: countyWideAfter, county_wide: 1 },
    ])
  })
})
