import { idColumn, type AnyDb, type DialectMigration } from './support'

export const m0001_organisations: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('departments')
      .addColumn('id', idColumn(dialect))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('is_office', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('enterprises')
      .addColumn('id', idColumn(dialect))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('credit_code', 'text', (c) => c.notNull().unique())
      .addColumn('ownership', 'text', (c) => c.notNull())
      .addColumn('party_org', 'text', (c) => c.notNull())
      .addColumn('industry', 'text')
      .addColumn('leading_group_date', 'text')
      .addColumn('plan_filed_date', 'text')
      .addColumn('demonstration', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('supervision_links')
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('supervision_links_pk', ['department_id', 'enterprise_id'])
      .execute()
    await db.schema
      .createIndex('supervision_links_enterprise')
      .on('supervision_links')
      .column('enterprise_id')
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('supervision_links').execute()
    await db.schema.dropTable('enterprises').execute()
    await db.schema.dropTable('departments').execute()
  },
})
