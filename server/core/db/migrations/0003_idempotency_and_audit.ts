import { idColumn, type AnyDb, type DialectMigration } from './support'

export const m0003_idempotency_and_audit: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('id', idColumn(dialect))
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('response_status', 'integer')
      .addColumn('response_body', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('idempotency_keys_unique', ['user_id', 'key'])
      .execute()
    await db.schema
      .createTable('audit_log')
      .addColumn('id', idColumn(dialect))
      .addColumn('user_id', 'integer')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('detail', 'text')
      .addColumn('ip', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('audit_log_entity')
      .on('audit_log')
      .columns(['entity_type', 'entity_id'])
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('audit_log').execute()
    await db.schema.dropTable('idempotency_keys').execute()
  },
})
