import type { AnyDb, DialectMigration } from './support'

/** A campaign the office closes (已结束) and an event its organiser cancels (已取消) stay on record. */
export const m0014_campaign_close: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('campaigns').addColumn('closed_at', 'text').execute()
    await db.schema.alterTable('events').addColumn('cancelled_at', 'text').execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('events').dropColumn('cancelled_at').execute()
    await db.schema.alterTable('campaigns').dropColumn('closed_at').execute()
  },
})
