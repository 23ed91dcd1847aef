import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

/**
 * 督查专报: `department_id` is the department it covers (its enterprises), null for the office's report of
 * all. `number` counts the reports of that issuer a year (第 N 期). `sections` holds the editable text
 * (JSON), `snapshot` the figures as of generation (JSON, never recomputed). `version` grows with every
 * edit: an edit names the version it read, so a stale one changes nothing.
 */
export const m0024_supervision_reports: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'supervision_reports', {
      id: 'id',
      department_id: 'integer -> departments.id',
      number: 'integer!',
      title: 'text!',
      period_start: 'text!',
      period_end: 'text!',
      status: 'text!',
      version: 'integer!',
      sections: 'text!',
      snapshot: 'text!',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
      updated_at: 'text!',
      finalised_at: 'text',
    })
    // A department's list (newest first); the office's covers every row.
    await createIndex(db, 'supervision_reports_by_department', 'supervision_reports', ['department_id', 'id'])
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('supervision_reports').execute()
  },
})
