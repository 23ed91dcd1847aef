import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

export const m0001_organisations: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'departments', {
      id: 'id',
      name: 'text! unique',
      is_office: 'integer! = 0',
      created_at: 'text!',
    })
    await createTable(db, dialect, 'enterprises', {
      id: 'id',
      name: 'text!',
      credit_code: 'text! unique',
      ownership: 'text!',
      party_org: 'text!',
      industry: 'text',
      leading_group_date: 'text',
      plan_filed_date: 'text',
      demonstration: 'integer! = 0',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createTable(
      db,
      dialect,
      'supervision_links',
      {
        department_id: 'integer! -> departments.id',
        enterprise_id: 'integer! -> enterprises.id',
        created_at: 'text!',
      },
      (t) => t.addPrimaryKeyConstraint('supervision_links_pk', ['department_id', 'enterprise_id']),
    )
    await createIndex(db, 'supervision_links_enterprise', 'supervision_links', ['enterprise_id'])
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('supervision_links').execute()
    await db.schema.dropTable('enterprises').execute()
    await db.schema.dropTable('departments').execute()
  },
})
