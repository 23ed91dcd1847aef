import { idColumn, type AnyDb, type DialectMigration } from './support'

export const m0002_people: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('users')
      .addColumn('id', idColumn(dialect))
      .addColumn('openid', 'text', (c) => c.notNull().unique())
      .addColumn('unionid', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('session_key', 'text')
      .addColumn('disabled_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('party_branches')
      .addColumn('id', idColumn(dialect))
      .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('secretary_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('party_branches_enterprise')
      .on('party_branches')
      .column('enterprise_id')
      .execute()
    await db.schema
      .createTable('invites')
      .addColumn('id', idColumn(dialect))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('max_uses', 'integer', (c) => c.notNull())
      .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('revoked_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('memberships')
      .addColumn('id', idColumn(dialect))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('organisation_kind', 'text', (c) => c.notNull())
      .addColumn('organisation_id', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('invite_id', 'integer', (c) => c.references('invites.id'))
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('memberships_unique', ['user_id', 'organisation_kind', 'organisation_id', 'role'])
      .execute()
    await db.schema
      .createIndex('memberships_organisation')
      .on('memberships')
      .columns(['organisation_kind', 'organisation_id', 'status'])
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('memberships').execute()
    await db.schema.dropTable('invites').execute()
    await db.schema.dropTable('party_branches').execute()
    await db.schema.dropTable('users').execute()
  },
})
