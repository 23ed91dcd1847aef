import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

export const m0002_people: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'users', {
      id: 'id',
      openid: 'text! unique',
      unionid: 'text',
      name: 'text!',
      phone: 'text',
      session_key: 'text',
      disabled_at: 'text',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createTable(db, dialect, 'party_branches', {
      id: 'id',
      enterprise_id: 'integer! -> enterprises.id',
      name: 'text!',
      secretary_user_id: 'integer -> users.id',
      created_at: 'text!',
    })
    await createIndex(db, 'party_branches_enterprise', 'party_branches', ['enterprise_id'])
    await createTable(db, dialect, 'invites', {
      id: 'id',
      code: 'text! unique',
      enterprise_id: 'integer! -> enterprises.id',
      role: 'text!',
      created_by: 'integer! -> users.id',
      expires_at: 'text!',
      max_uses: 'integer!',
      uses: 'integer! = 0',
      revoked_at: 'text',
      created_at: 'text!',
    })
    await createTable(
      db,
      dialect,
      'memberships',
      {
        id: 'id',
        user_id: 'integer! -> users.id',
        organisation_kind: 'text!',
        organisation_id: 'integer!',
        role: 'text!',
        status: 'text!',
        invite_id: 'integer -> invites.id',
        decided_by: 'integer -> users.id',
        decided_at: 'text',
        created_at: 'text!',
      },
      (t) =>
        t.addUniqueConstraint('memberships_unique', [
          'user_id',
          'organisation_kind',
          'organisation_id',
          'role',
        ]),
    )
    await createIndex(db, 'memberships_organisation', 'memberships', [
      'organisation_kind',
      'organisation_id',
      'status',
    ])
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('memberships').execute()
    await db.schema.dropTable('invites').execute()
    await db.schema.dropTable('party_branches').execute()
    await db.schema.dropTable('users').execute()
  },
})
