import { sql } from 'kysely'
import { createIndex, type AnyDb, type DialectMigration } from './support'

/**
 * The organisation a write belongs to, on its audit row (the office filters the log by it), and an index
 * for the newest-first reading. Earlier rows about an enterprise or a department itself get it from
 * their entity; other earlier rows have none.
 */
export const m0012_audit_organisation: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('audit_log').addColumn('organisation_kind', 'text').execute()
    await db.schema.alterTable('audit_log').addColumn('organisation_id', 'integer').execute()
    await sql`update audit_log set organisation_kind = entity_type, organisation_id = cast(entity_id as integer)
      where entity_type in ('enterprise', 'department') and entity_id is not null`.execute(db)
    await createIndex(db, 'audit_log_organisation', 'audit_log', [
      'organisation_kind',
      'organisation_id',
      'created_at',
    ])
    await createIndex(db, 'audit_log_created', 'audit_log', ['created_at', 'id'])
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('audit_log_created').execute()
    await db.schema.dropIndex('audit_log_organisation').execute()
    await db.schema.alterTable('audit_log').dropColumn('organisation_id').execute()
    await db.schema.alterTable('audit_log').dropColumn('organisation_kind').execute()
  },
})
