import type { AnyDb, DialectMigration } from './support'

/** What each 更正 of a meeting record changed (JSON, before → after); null on the corrections made before. */
export const m0015_meeting_revision_changes: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('meeting_revisions').addColumn('changes', 'text').execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('meeting_revisions').dropColumn('changes').execute()
  },
})
