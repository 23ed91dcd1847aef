import { idColumn, type AnyDb, type DialectMigration } from './support'

export const m0007_party_meetings: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('party_groups')
      .addColumn('id', idColumn(dialect))
      .addColumn('branch_id', 'integer', (c) => c.notNull().references('party_branches.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('party_groups_branch_name', ['branch_id', 'name'])
      .execute()
    await db.schema
      .createTable('party_members')
      .addColumn('id', idColumn(dialect))
      .addColumn('branch_id', 'integer', (c) => c.notNull().references('party_branches.id'))
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('branch_role', 'text', (c) => c.notNull())
      .addColumn('group_id', 'integer', (c) => c.references('party_groups.id'))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('party_members_branch').on('party_members').column('branch_id').execute()
    await db.schema.createIndex('party_members_user').on('party_members').column('user_id').execute()
    await db.schema
      .createTable('meetings')
      .addColumn('id', idColumn(dialect))
      .addColumn('branch_id', 'integer', (c) => c.notNull().references('party_branches.id'))
      .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('group_id', 'integer', (c) => c.references('party_groups.id'))
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('recorder', 'text', (c) => c.notNull())
      .addColumn('expected_count', 'integer', (c) => c.notNull())
      .addColumn('present_count', 'integer', (c) => c.notNull())
      .addColumn('non_member_attendees', 'text', (c) => c.notNull())
      .addColumn('minutes', 'text', (c) => c.notNull())
      .addColumn('decisions', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sign_in_event_id', 'integer', (c) => c.references('events.id'))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('meetings_branch_starts')
      .on('meetings')
      .columns(['branch_id', 'starts_at'])
      .execute()
    await db.schema.createIndex('meetings_enterprise').on('meetings').column('enterprise_id').execute()
    await db.schema
      .createTable('meeting_attendance')
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
      .addColumn('member_id', 'integer', (c) => c.notNull().references('party_members.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('method', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'member_id'])
      .execute()
    await db.schema
      .createTable('meeting_revisions')
      .addColumn('id', idColumn(dialect))
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('changed_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('meeting_revisions_meeting')
      .on('meeting_revisions')
      .column('meeting_id')
      .execute()
    // One row per message a user agreed to receive (wx.requestSubscribeMessage: one accept, one message).
    await db.schema
      .createTable('subscribe_grants')
      .addColumn('id', idColumn(dialect))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('template_id', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('send_result', 'text')
      .execute()
    await db.schema
      .createIndex('subscribe_grants_user')
      .on('subscribe_grants')
      .columns(['user_id', 'purpose', 'used_at'])
      .execute()
    // Meeting attachments (签到表, 现场照片) are evidence files: same storage, same signed links.
    await db.schema.alterTable('evidence_files').addColumn('meeting_id', 'integer').execute()
    await db.schema.alterTable('evidence_files').addColumn('attachment_kind', 'text').execute()
    await db.schema.createIndex('evidence_files_meeting').on('evidence_files').column('meeting_id').execute()
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
