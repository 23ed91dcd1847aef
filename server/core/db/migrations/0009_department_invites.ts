import { sql } from 'kysely'
import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

/**
 * One invite for both kinds of organisation: an invite names an enterprise or a department (exactly one).
 * `invites.enterprise_id` becomes nullable and `department_id` is added. PostgreSQL alters the table in
 * place; SQLite cannot drop a NOT NULL, so there the table is rebuilt (foreign keys off while the old one
 * is dropped and the new one takes its name; memberships.invite_id keeps pointing at `invites`).
 */
export const m0009_department_invites: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    if (dialect === 'postgres') {
      await sql`alter table invites alter column enterprise_id drop not null`.execute(db)
      await db.schema
        .alterTable('invites')
        .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
        .execute()
      await sql`alter table invites add constraint invites_one_organisation
        check ((enterprise_id is null) <> (department_id is null))`.execute(db)
    } else {
      await sql`pragma foreign_keys = off`.execute(db)
      await createTable(
        db,
        dialect,
        'invites_new',
        {
          id: 'id',
          code: 'text! unique',
          enterprise_id: 'integer -> enterprises.id',
          role: 'text!',
          created_by: 'integer! -> users.id',
          expires_at: 'text!',
          max_uses: 'integer!',
          uses: 'integer! = 0',
          revoked_at: 'text',
          created_at: 'text!',
          department_id: 'integer -> departments.id',
        },
        (t) =>
          t.addCheckConstraint(
            'invites_one_organisation',
            sql`(enterprise_id is null) <> (department_id is null)`,
          ),
      )
      await sql`insert into invites_new
        (id, code, enterprise_id, role, created_by, expires_at, max_uses, uses, revoked_at, created_at)
        select id, code, enterprise_id, role, created_by, expires_at, max_uses, uses, revoked_at, created_at
        from invites`.execute(db)
      await db.schema.dropTable('invites').execute()
      await sql`alter table invites_new rename to invites`.execute(db)
      await sql`pragma foreign_keys = on`.execute(db)
    }
    await createIndex(db, 'invites_department', 'invites', ['department_id'])
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('invites_department').execute()
    await db.deleteFrom('invites').where('department_id', 'is not', null).execute()
    if (dialect === 'postgres') {
      await sql`alter table invites drop constraint invites_one_organisation`.execute(db)
      await db.schema.alterTable('invites').dropColumn('department_id').execute()
      await sql`alter table invites alter column enterprise_id set not null`.execute(db)
    }
    // SQLite: the nullable enterprise_id and the extra column stay (no rebuild back).
  },
})
