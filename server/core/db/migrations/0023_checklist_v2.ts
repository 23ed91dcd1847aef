import type { AnyDb, DialectMigration } from './support'

/**
 * Checklist v2: an item carries the whole sentence of the programme around its quote (and the task's title)
 * and its answer rules (不适用 allowed, note required for 否 / 部分, which answers need evidence, which make a
 * 整改) as JSON. Null on v1 items: they keep answering and scoring as before.
 */
export const m0023_checklist_v2: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('checklist_items').addColumn('basis_sentence', 'text').execute()
    await db.schema.alterTable('checklist_items').addColumn('basis_title', 'text').execute()
    await db.schema.alterTable('checklist_items').addColumn('answer_rules', 'text').execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('checklist_items').dropColumn('answer_rules').execute()
    await db.schema.alterTable('checklist_items').dropColumn('basis_title').execute()
    await db.schema.alterTable('checklist_items').dropColumn('basis_sentence').execute()
  },
})
