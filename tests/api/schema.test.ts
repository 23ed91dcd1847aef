import crypto from 'node:crypto'
import pg from 'pg'
import { Migrator } from 'kysely'
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../server/core/db/database'
import { migrationsFor } from '../../server/core/db/migrations'
import { SCHEMA_COLUMNS } from '../../server/core/db/schema'
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
    const migrations = migrationsFor(handle.dialect)
    const migrator = new Migrator({
      db: handle.db,
      provider: { getMigrations: async () => migrations },
      ...(handle.pgSchema ? { migrationTableSchema: handle.pgSchema } : {}),
    })
    const upTo = await migrator.migrateTo('0037_campaign_county_wide')
    expect(upTo.error).toBeUndefined()
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
