import { type AnyDb, createTable, type DialectMigration } from './support'

/** One-time administrator codes printed by `npm run setup`: only their SHA-256 is kept. */
export const m0008_admin_codes: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'admin_codes', {
      id: 'id',
      department_id: 'integer! -> departments.id',
      code_sha256: 'text! unique',
      expires_at: 'text!',
      created_at: 'text!',
      revoked_at: 'text',
      redeemed_by: 'integer -> users.id',
      redeemed_at: 'text',
    })
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('admin_codes').execute()
  },
})
