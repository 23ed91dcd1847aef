import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

export const m0003_idempotency_and_audit: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(
      db,
      dialect,
      'idempotency_keys',
      {
        id: 'id',
        user_id: 'integer!',
        key: 'text!',
        method: 'text!',
        path: 'text!',
        request_hash: 'text!',
        state: 'text!',
        response_status: 'integer',
        response_body: 'text',
        created_at: 'text!',
        updated_at: 'text!',
      },
      (t) => t.addUniqueConstraint('idempotency_keys_unique', ['user_id', 'key']),
    )
    await createTable(db, dialect, 'audit_log', {
      id: 'id',
      user_id: 'integer',
      action: 'text!',
      entity_type: 'text!',
      entity_id: 'text',
      detail: 'text',
      ip: 'text',
      created_at: 'text!',
    })
    await createIndex(db, 'audit_log_entity', 'audit_log', ['entity_type', 'entity_id'])
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('audit_log').execute()
    await db.schema.dropTable('idempotency_keys').execute()
  },
})
