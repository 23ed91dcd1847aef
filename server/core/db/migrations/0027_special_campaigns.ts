import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

/**
 * 专项整治 (task 13: 列出企业突出问题清单，开展专项整治). `department_id` is the department that opened it
 * (the office's own for `by_office`); the enterprises in scope are fixed as rows of `special_scope` when it
 * is opened. `writes` counts the lists' writes: every write of a list moves it on the condition that the
 * 专项整治 is still open, so a close and a write take turns on that one row. `version` is the optimistic
 * lock of the issuer's edits and close; each problem has its own, and `special_problem_history` keeps its
 * progress notes.
 */
export const m0027_special_campaigns: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'special_campaigns', {
      id: 'id',
      title: 'text!',
      basis: 'text!',
      description: 'text!',
      deadline: 'text!',
      status: 'text!',
      department_id: 'integer! -> departments.id',
      by_office: 'integer!',
      scope_label: 'text!',
      writes: 'integer! = 0',
      version: 'integer!',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
      updated_at: 'text!',
      closed_at: 'text',
    })
    await createIndex(db, 'special_campaigns_department', 'special_campaigns', ['department_id'])
    await createTable(
      db,
      dialect,
      'special_scope',
      {
        id: 'id',
        special_id: 'integer! -> special_campaigns.id',
        enterprise_id: 'integer! -> enterprises.id',
        reported_at: 'text',
      },
      (t) => t.addUniqueConstraint('special_scope_unique', ['special_id', 'enterprise_id']),
    )
    await createIndex(db, 'special_scope_enterprise', 'special_scope', ['enterprise_id'])
    await createTable(db, dialect, 'special_problems', {
      id: 'id',
      special_id: 'integer! -> special_campaigns.id',
      enterprise_id: 'integer! -> enterprises.id',
      problem: 'text!',
      measure: 'text!',
      owner: 'text!',
      planned_date: 'text!',
      status: 'text!',
      version: 'integer!',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createIndex(db, 'special_problems_sheet', 'special_problems', ['special_id', 'enterprise_id'])
    await createTable(db, dialect, 'special_problem_history', {
      id: 'id',
      problem_id: 'integer! -> special_problems.id',
      kind: 'text!',
      note: 'text',
      status: 'text',
      actor_id: 'integer -> users.id',
      created_at: 'text!',
    })
    await createIndex(db, 'special_problem_history_problem', 'special_problem_history', ['problem_id'])
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('special_problem_history').execute()
    await db.schema.dropTable('special_problems').execute()
    await db.schema.dropTable('special_scope').execute()
    await db.schema.dropTable('special_campaigns').execute()
  },
})
