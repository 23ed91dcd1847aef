import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

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
    await createTable(db, dialect, 'leading_group_members', {
      id: 'id',
      enterprise_id: 'integer! -> enterprises.id',
      position: 'integer!',
      name: 'text!',
      title: 'text!',
      group_role: 'text!',
      created_at: 'text!',
    })
    await createIndex(db, 'leading_group_members_enterprise', 'leading_group_members', [
      'enterprise_id',
      'position',
    ])
    await createTable(
      db,
      dialect,
      'plan_filings',
      {
        id: 'id',
        enterprise_id: 'integer! -> enterprises.id',
        revision: 'integer!',
        department_id: 'integer! -> departments.id',
        file_ids: 'text!',
        status: 'text!',
        submitted_by: 'integer! -> users.id',
        submitted_at: 'text!',
        decided_by: 'integer -> users.id',
        decided_at: 'text',
        return_reason: 'text',
      },
      (t) => t.addUniqueConstraint('plan_filings_revision', ['enterprise_id', 'revision']),
    )
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('plan_filings').execute()
    await db.schema.dropTable('leading_group_members').execute()
    await db.schema.alterTable('enterprises').dropColumn('milestone_deadline').execute()
  },
})
