import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

/**
 * 廉洁风险点 (tasks 7, 13): an enterprise's risk register. `version` is the optimistic lock of an edit or a
 * review; `rectification_id` the 整改 a supervisor raised from the risk (the 整改 links back by `risk_id`).
 * `risk_history` keeps every step: registered, edited, reviewed (with the level before and after), 整改.
 * Attachments are evidence files with `risk_id`.
 */
export const m0026_risks: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'risks', {
      id: 'id',
      enterprise_id: 'integer! -> enterprises.id',
      area: 'text!',
      area_name: 'text',
      post: 'text!',
      description: 'text!',
      likelihood: 'integer!',
      impact: 'integer!',
      level: 'text!',
      measures: 'text!',
      owner: 'text!',
      review_cycle: 'integer!',
      next_review_date: 'text!',
      status: 'text!',
      starter_code: 'text',
      rectification_id: 'integer -> rectifications.id',
      version: 'integer!',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createIndex(db, 'risks_enterprise', 'risks', ['enterprise_id', 'status'])
    await createTable(db, dialect, 'risk_history', {
      id: 'id',
      risk_id: 'integer! -> risks.id',
      kind: 'text!',
      note: 'text',
      from_level: 'text',
      to_level: 'text',
      actor_id: 'integer -> users.id',
      created_at: 'text!',
    })
    await createIndex(db, 'risk_history_risk', 'risk_history', ['risk_id'])
    await db.schema.alterTable('rectifications').addColumn('risk_id', 'integer').execute()
    await db.schema.alterTable('evidence_files').addColumn('risk_id', 'integer').execute()
    await createIndex(db, 'evidence_files_risk', 'evidence_files', ['risk_id'])
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('evidence_files_risk').execute()
    await db.schema.alterTable('evidence_files').dropColumn('risk_id').execute()
    await db.schema.alterTable('rectifications').dropColumn('risk_id').execute()
    await db.schema.dropTable('risk_history').execute()
    await db.schema.dropTable('risks').execute()
  },
})
