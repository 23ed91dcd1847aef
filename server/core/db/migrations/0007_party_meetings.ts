import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

export const m0007_party_meetings: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(
      db,
      dialect,
      'party_groups',
      {
        id: 'id',
        branch_id: 'integer! -> party_branches.id',
        name: 'text!',
        created_at: 'text!',
      },
      (t) => t.addUniqueConstraint('party_groups_branch_name', ['branch_id', 'name']),
    )
    await createTable(db, dialect, 'party_members', {
      id: 'id',
      branch_id: 'integer! -> party_branches.id',
      user_id: 'integer -> users.id',
      name: 'text!',
      branch_role: 'text!',
      group_id: 'integer -> party_groups.id',
      active: 'integer! = 1',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createIndex(db, 'party_members_branch', 'party_members', ['branch_id'])
    await createIndex(db, 'party_members_user', 'party_members', ['user_id'])
    await createTable(db, dialect, 'meetings', {
      id: 'id',
      branch_id: 'integer! -> party_branches.id',
      enterprise_id: 'integer! -> enterprises.id',
      type: 'text!',
      group_id: 'integer -> party_groups.id',
      topic: 'text!',
      starts_at: 'text!',
      place: 'text!',
      host: 'text!',
      recorder: 'text!',
      expected_count: 'integer!',
      present_count: 'integer!',
      non_member_attendees: 'text!',
      minutes: 'text!',
      decisions: 'text!',
      status: 'text!',
      submitted_at: 'text',
      submitted_by: 'integer -> users.id',
      revision: 'integer! = 0',
      sign_in_event_id: 'integer -> events.id',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createIndex(db, 'meetings_branch_starts', 'meetings', ['branch_id', 'starts_at'])
    await createIndex(db, 'meetings_enterprise', 'meetings', ['enterprise_id'])
    await createTable(
      db,
      dialect,
      'meeting_attendance',
      {
        meeting_id: 'integer! -> meetings.id',
        member_id: 'integer! -> party_members.id',
        status: 'text!',
        reason: 'text',
        method: 'text!',
      },
      (t) => t.addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'member_id']),
    )
    await createTable(db, dialect, 'meeting_revisions', {
      id: 'id',
      meeting_id: 'integer! -> meetings.id',
      revision: 'integer!',
      reason: 'text!',
      snapshot: 'text!',
      changed_by: 'integer! -> users.id',
      created_at: 'text!',
    })
    await createIndex(db, 'meeting_revisions_meeting', 'meeting_revisions', ['meeting_id'])
    // One row per message a user agreed to receive (wx.requestSubscribeMessage: one accept, one message).
    await createTable(db, dialect, 'subscribe_grants', {
      id: 'id',
      user_id: 'integer! -> users.id',
      template_id: 'text!',
      purpose: 'text!',
      result: 'text!',
      created_at: 'text!',
      used_at: 'text',
      send_result: 'text',
    })
    await createIndex(db, 'subscribe_grants_user', 'subscribe_grants', ['user_id', 'purpose', 'used_at'])
    // Meeting attachments (签到表, 现场照片) are evidence files: same storage, same signed links.
    await db.schema.alterTable('evidence_files').addColumn('meeting_id', 'integer').execute()
    await db.schema.alterTable('evidence_files').addColumn('attachment_kind', 'text').execute()
    await createIndex(db, 'evidence_files_meeting', 'evidence_files', ['meeting_id'])
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('evidence_files_meeting').execute()
    await db.schema.alterTable('evidence_files').dropColumn('attachment_kind').execute()
    await db.schema.alterTable('evidence_files').dropColumn('meeting_id').execute()
    for (const table of [
      'subscribe_grants',
      'meeting_revisions',
      'meeting_attendance',
      'meetings',
      'party_members',
      'party_groups',
    ])
      await db.schema.dropTable(table).execute()
  },
})
