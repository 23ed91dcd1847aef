import { sql } from 'kysely'
import type { AnyDb, DialectMigration } from './support'

/**
 * A 自查期次 started for the whole county (the app's 发起: 全县所有企业) rather than for chosen enterprises:
 * an enterprise registered while it is open takes part in it too. Campaigns from before are judged by
 * their drafts: as many as the enterprises registered when the campaign started means county-wide.
 */
export const m0037_campaign_county_wide: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .alterTable('campaigns')
      .addColumn('county_wide', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await sql`
      update campaigns set county_wide = 1
      where (select count(*) from assessments a where a.campaign_id = campaigns.id)
         >= (select count(*) from enterprises e where e.created_at <= campaigns.created_at)`.execute(db)
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('campaigns').dropColumn('county_wide').execute()
  },
})
