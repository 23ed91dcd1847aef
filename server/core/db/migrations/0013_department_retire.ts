import type { AnyDb, DialectMigration } from './support'

/** A department the office retires stays on record (its name, its past actions) but supervises nothing. */
export const m0013_department_retire: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('departments').addColumn('retired_at', 'text').execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('departments').dropColumn('retired_at').execute()
  },
})
