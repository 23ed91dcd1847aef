import { idColumn, type AnyDb, type DialectMigration } from './support'

/** One-time administrator codes printed by `npm run setup`: only their SHA-256 is kept. */
export const m0008_admin_codes: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('admin_codes')
      .addColumn('id', idColumn(dialect))
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('code_sha256', 'text', (c) => c.notNull().unique())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('redeemed_by', 'integer', (c) => c.references('users.id'))
      .addColumn('redeemed_at', 'text')
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('admin_codes').execute()
  },
})
