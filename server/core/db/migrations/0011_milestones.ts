import { idColumn, type AnyDb, type DialectMigration } from './support'

/**
 * Milestones of the 实施步骤: the members of an enterprise's 清廉建设工作领导小组 (its set-up date stays in
 * `enterprises.leading_group_date`), each filing of its 实施方案 with a supervising department (one row per
 * filing, numbered per enterprise: a second filing of the same number loses), and a deadline the office may
 * set for an enterprise that joined after the programme's. `enterprises.plan_filed_date` stays the 北京时间
 * day of the filing that stands (a date recorded before the app keeps counting until a filing replaces it).
 */
export const m0011_milestones: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('enterprises').addColumn('milestone_deadline', 'text').execute()
    await db.schema
      .createTable('leading_group_members')
      .addColumn('id', idColumn(dialect))
      .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('group_role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('leading_group_members_enterprise')
      .on('leading_group_members')
      .columns(['enterprise_id', 'position'])
      .execute()
    await db.schema
      .createTable('plan_filings')
      .addColumn('id', idColumn(dialect))
      .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('file_ids', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_at', 'text')
      .addColumn('return_reason', 'text')
      .addUniqueConstraint('plan_filings_revision', ['enterprise_id', 'revision'])
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('plan_filings').execute()
    await db.schema.dropTable('leading_group_members').execute()
    await db.schema.alterTable('enterprises').dropColumn('milestone_deadline').execute()
  },
})
