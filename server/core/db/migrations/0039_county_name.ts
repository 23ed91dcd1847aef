import type { AnyDb, DialectMigration } from './support'

/**
 * The county's name (`npm run setup -- --county "某某县"`), kept in its settings: the office's 督查专报 are issued
 * as 「<县名>清廉企业建设工作领导小组办公室」. A county switched on before this kept its name only in its office's
 * name (`<县名>清廉企业建设工作领导小组办公室`), read back from there; the generic 「县…」 names none.
 */
export const m0039_county_name: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('county_settings').addColumn('county_name', 'text').execute()
    const suffix = '清廉企业建设工作领导小组办公室'
    const office = await db
      .selectFrom('departments')
      .select('name')
      .where('is_office', '=', 1)
      .orderBy('id')
      .executeTakeFirst()
    const name = typeof office?.name === 'string' ? office.name : ''
    const county = name.endsWith(suffix) ? name.slice(0, -suffix.length).trim() : ''
    if (county && county !== '县')
      await db.updateTable('county_settings').set({ county_name: county }).where('id', '=', 1).execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('county_settings').dropColumn('county_name').execute()
  },
})
