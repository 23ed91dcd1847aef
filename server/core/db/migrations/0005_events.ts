import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

export const m0005_events: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'events', {
      id: 'id',
      kind: 'text!',
      title: 'text!',
      description: 'text',
      organiser_kind: 'text!',
      organiser_id: 'integer!',
      starts_at: 'text!',
      ends_at: 'text!',
      sign_in_opens_at: 'text!',
      sign_in_closes_at: 'text!',
      place_name: 'text',
      place_lat: 'double precision',
      place_lng: 'double precision',
      place_radius_m: 'integer',
      qr_secret: 'text!',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createIndex(db, 'events_organiser', 'events', ['organiser_kind', 'organiser_id', 'ends_at'])
    await createTable(
      db,
      dialect,
      'event_audience',
      {
        event_id: 'integer! -> events.id',
        enterprise_id: 'integer! -> enterprises.id',
      },
      (t) => t.addPrimaryKeyConstraint('event_audience_pk', ['event_id', 'enterprise_id']),
    )
    await createIndex(db, 'event_audience_enterprise', 'event_audience', ['enterprise_id', 'event_id'])
    await createTable(db, dialect, 'event_display_tokens', {
      id: 'id',
      event_id: 'integer! -> events.id',
      token_hash: 'text! unique',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
      expires_at: 'text!',
      revoked_at: 'text',
      revoked_by: 'integer -> users.id',
    })
    await createIndex(db, 'event_display_tokens_event', 'event_display_tokens', ['event_id'])
    await createTable(
      db,
      dialect,
      'sign_ins',
      {
        id: 'id',
        event_id: 'integer! -> events.id',
        user_id: 'integer! -> users.id',
        enterprise_id: 'integer! -> enterprises.id',
        method: 'text!',
        signed_in_at: 'text!',
        received_at: 'text!',
        scanned_at: 'text',
        slot: 'bigint',
        lat: 'double precision',
        lng: 'double precision',
        accuracy: 'double precision',
        distance_m: 'double precision',
        flags: 'text!',
        proxy_by: 'integer -> users.id',
        proxy_reason: 'text',
        created_at: 'text!',
      },
      // One sign-in per person per event, whatever arrives how often: the database decides.
      (t) => t.addUniqueConstraint('sign_ins_event_user', ['event_id', 'user_id']),
    )
    await createIndex(db, 'sign_ins_enterprise', 'sign_ins', ['enterprise_id', 'event_id'])
  },
  async down(db: AnyDb) {
    for (const table of ['sign_ins', 'event_display_tokens', 'event_audience', 'events'])
      await db.schema.dropTable(table).execute()
  },
})
