import { idColumn, type AnyDb, type DialectMigration } from './support'

/**
 * Enterprises in bulk from Excel: the liaison named in the import is kept on the enterprise, an import
 * is a record with its state and progress (several API processes may answer for it), and its rows are
 * kept for the preview (paged) and the commit.
 */
export const m0010_enterprise_imports: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('enterprises').addColumn('liaison_name', 'text').execute()
    await db.schema.alterTable('enterprises').addColumn('liaison_phone', 'text').execute()
    await db.schema
      .createTable('enterprise_imports')
      .addColumn('id', idColumn(dialect))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('counts', 'text')
      .addColumn('error_message', 'text')
      .addColumn('result_key', 'text')
      .addColumn('commit_result', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('committed_at', 'text')
      .execute()
    await db.schema
      .createTable('enterprise_import_rows')
      .addColumn('import_id', 'integer', (c) => c.notNull().references('enterprise_imports.id'))
      .addColumn('row_no', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('name', 'text')
      .addColumn('credit_code', 'text')
      .addColumn('data', 'text')
      .addPrimaryKeyConstraint('enterprise_import_rows_pk', ['import_id', 'row_no'])
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('enterprise_import_rows').execute()
    await db.schema.dropTable('enterprise_imports').execute()
    await db.schema.alterTable('enterprises').dropColumn('liaison_phone').execute()
    await db.schema.alterTable('enterprises').dropColumn('liaison_name').execute()
  },
})
