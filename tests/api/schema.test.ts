import crypto from 'node:crypto'
import pg from 'pg'
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../server/core/db/database'
import { migrationsFor } from '../../server/core/db/migrations'
import { SCHEMA_COLUMNS } from '../../server/core/db/schema'
import { TEST_DATABASE_URL, TEST_DB } from './support/testApp'

/** The migrations, run on an empty database, make exactly the tables and columns `db/schema.ts` declares. */
describe(`migrations against db/schema.ts [${TEST_DB}]`, () => {
  let handle: DatabaseHandle
  const schema = `m_${process.pid}_${crypto.randomBytes(4).toString('hex')}`

  async function admin(statement: string) {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    await client.query(statement)
    await client.end()
  }

  beforeAll(async () => {
    if (TEST_DB === 'postgres') {
      await admin(`create schema ${schema}`)
      handle = openDatabase({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema })
    } else {
      handle = openDatabase({ sqliteFile: ':memory:' })
    }
    await migrateToLatest(handle)
  })
  afterAll(async () => {
    await handle.close()
    if (TEST_DB === 'postgres') await admin(`drop schema ${schema} cascade`)
  })

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
