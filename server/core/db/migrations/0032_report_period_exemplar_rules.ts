import { sql } from 'kysely'
import { type AnyDb, createTable, type DialectMigration } from './support'

/**
 * 督查专报 and 示范点 rules.
 *
 * `supervision_report_numbers` is the 期号 counter of an issuer ('office' or 'd<department id>') in a 北京时间
 * year: a new report raises `last` with one conditional UPDATE, so two reports made at the same moment never
 * share a number (PostgreSQL makes the second UPDATE wait for the first and re-read the row).
 *
 * `supervision_reports.edited_sections` (JSON list of section keys) names the text the user changed, so that
 * refreshing a draft's figures keeps them and rewrites only the untouched pre-written ones.
 *
 * `exemplar_rounds.cancelled_at`: a round the office cancels. 实施步骤（二）2 asks for one 国企 and one 民企
 * 示范点, so only one 示范点 round may stand that is not cancelled: a partial unique index (both databases).
 * Older duplicate 示范点 rounds (all but the first) are marked cancelled before the index is made.
 */
export const m0032_report_period_exemplar_rules: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(
      db,
      dialect,
      'supervision_report_numbers',
      { issuer: 'text!', year: 'integer!', last: 'integer!' },
      (t) => t.addPrimaryKeyConstraint('supervision_report_numbers_pk', ['issuer', 'year']),
    )
    await db.schema.alterTable('supervision_reports').addColumn('edited_sections', 'text').execute()
    await db.schema.alterTable('exemplar_rounds').addColumn('cancelled_at', 'text').execute()
    const first = await db
      .selectFrom('exemplar_rounds')
      .select((eb) => eb.fn.min('id').as('id'))
      .where('kind', '=', 'pilot')
      .executeTakeFirst()
    if (first?.id != null)
      await db
        .updateTable('exemplar_rounds')
        .set({ cancelled_at: new Date().toISOString() })
        .where('kind', '=', 'pilot')
        .where('id', '<>', first.id)
        .execute()
    await sql`create unique index exemplar_rounds_one_pilot on exemplar_rounds (kind) where kind = 'pilot' and cancelled_at is null`.execute(
      db,
    )
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('exemplar_rounds_one_pilot').execute()
    await db.schema.alterTable('exemplar_rounds').dropColumn('cancelled_at').execute()
    await db.schema.alterTable('supervision_reports').dropColumn('edited_sections').execute()
    await db.schema.dropTable('supervision_report_numbers').execute()
  },
})
