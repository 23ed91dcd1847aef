import { type AnyDb, createTable, type DialectMigration } from './support'

/**
 * The county's own settings, kept by its 领导小组办公室: one row (id 1). `milestone_deadline` is the county-wide
 * 领导小组与实施方案完成期限 ('YYYY-MM-DD', 北京时间; null: the programme's 2022-06-15), which binds every
 * enterprise the office did not give a date of its own (src/models/milestones.ts, `milestoneDeadline`).
 */
export const m0036_county_settings: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'county_settings', {
      id: 'integer pk',
      milestone_deadline: 'text',
      updated_by: 'integer -> users.id',
      updated_at: 'text',
    })
    await db.insertInto('county_settings').values({ id: 1, milestone_deadline: null }).execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('county_settings').execute()
  },
})
