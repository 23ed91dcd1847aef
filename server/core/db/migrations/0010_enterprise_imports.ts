import { type AnyDb, createTable, type DialectMigration } from './support'

/**
 * Enterprises in bulk from Excel: the liaison named in the import is kept on the enterprise, an import
 * is a record with its state and progress (several API processes may answer for it), and its rows are
 * kept for the preview (paged) and the commit.
 */
export const m0010_enterprise_imports: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('enterprises').addColumn('liaison_name', 'text').execute()
    await db.schema.alterTable('enterprises').addColumn('liaison_phone', 'text').execute()
    await createTable(db, dialect, 'enterprise_imports', {
      id: 'id',
      created_by: 'integer! -> users.id',
      filename: 'text!',
      sha256: 'text!',
      state: 'text!',
      processed: 'integer! = 0',
      total: 'integer! = 0',
      counts: 'text',
      error_message: 'text',
      result_key: 'text',
      commit_result: 'text',
      created_at: 'text!',
      updated_at: 'text!',
      committed_at: 'text',
    })
    await createTable(
      db,
      dialect,
      'enterprise_import_rows',
      {
        import_id: 'integer! -> enterprise_imports.id',
        row_no: 'integer!',
        status: 'text!',
        reason: 'text',
        name: 'text',
        credit_code: 'text',
        data: 'text',
      },
      (t) => t.addPrimaryKeyConstraint('enterprise_import_rows_pk', ['import_id', 'row_no']),
    )
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('enterprise_import_rows').execute()
    await db.schema.dropTable('enterprise_imports').execute()
    await db.schema.alterTable('enterprises').dropColumn('liaison_phone').execute()
    await db.schema.alterTable('enterprises').dropColumn('liaison_name').execute()
  },
})
