import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

export const m0006_pledges: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(
      db,
      dialect,
      'pledge_templates',
      {
        id: 'id',
        kind: 'text!',
        version: 'integer!',
        content: 'text!',
        note: 'text',
        created_by: 'integer -> users.id',
        created_at: 'text!',
      },
      (t) => t.addUniqueConstraint('pledge_templates_kind_version', ['kind', 'version']),
    )
    await createTable(db, dialect, 'pledges', {
      id: 'id',
      code: 'text! unique',
      kind: 'text!',
      template_id: 'integer! -> pledge_templates.id',
      enterprise_id: 'integer! -> enterprises.id',
      department_id: 'integer -> departments.id',
      text: 'text!',
      text_sha256: 'text!',
      status: 'text!',
      started_by: 'integer! -> users.id',
      started_side: 'text!',
      created_at: 'text!',
      effective_at: 'text',
      withdrawn_at: 'text',
      withdrawn_by: 'integer -> users.id',
      withdraw_reason: 'text',
    })
    await createIndex(db, 'pledges_enterprise', 'pledges', ['enterprise_id', 'kind'])
    await createIndex(db, 'pledges_department', 'pledges', ['department_id'])
    await createTable(
      db,
      dialect,
      'pledge_signatures',
      {
        id: 'id',
        pledge_id: 'integer! -> pledges.id',
        side: 'text!',
        signer_user_id: 'integer! -> users.id',
        signer_name: 'text!',
        organisation_kind: 'text!',
        organisation_id: 'integer!',
        text_sha256: 'text!',
        signature_png: 'text!',
        signature_sha256: 'text!',
        signed_at: 'text!',
        ip: 'text',
        user_agent: 'text',
        chain_seq: 'integer!',
      },
      (t) => t.addUniqueConstraint('pledge_signatures_side', ['pledge_id', 'side']),
    )
    await createIndex(db, 'pledge_signatures_signer', 'pledge_signatures', ['signer_user_id', 'signed_at'])
    // The keyed hash chain: entry n's mac = HMAC(key, mac of n-1 + payload n). seq is given, not generated.
    await createTable(db, dialect, 'pledge_chain', {
      seq: 'integer pk',
      pledge_id: 'integer! -> pledges.id',
      signature_id: 'integer',
      action: 'text!',
      payload: 'text!',
      prev_mac: 'text!',
      mac: 'text!',
      created_at: 'text!',
    })
    await createIndex(db, 'pledge_chain_pledge', 'pledge_chain', ['pledge_id'])
    await createTable(db, dialect, 'pledge_reminders', {
      id: 'id',
      enterprise_id: 'integer! -> enterprises.id',
      user_id: 'integer! -> users.id',
      year: 'integer!',
      sent_by: 'integer! -> users.id',
      created_at: 'text!',
    })
    await createIndex(db, 'pledge_reminders_user', 'pledge_reminders', ['user_id', 'year'])
  },
  async down(db: AnyDb) {
    for (const table of [
      'pledge_reminders',
      'pledge_chain',
      'pledge_signatures',
      'pledges',
      'pledge_templates',
    ])
      await db.schema.dropTable(table).execute()
  },
})
