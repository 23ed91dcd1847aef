import { type AnyDb, createTable, type DialectMigration } from './support'

/**
 * 示范点 / 示范企业 (实施步骤（二）2): selection rounds of the office, their candidates and their 公示.
 *
 * A round's `notice_code` (set once, when published) is the stable public address of its 公示, open from
 * `notice_starts` to `notice_ends` (北京时间 days, inclusive); `updated_at` is touched by every change to the
 * round or its candidates, which serialises them with publishing (a change after publishing is refused).
 *
 * A candidate's `chosen_slot` is null until chosen; then, in a 示范点 round, its class ('soe' / 'private'),
 * elsewhere `e<enterprise id>`. The unique (round_id, chosen_slot) keeps a 示范点 round at one 国企 and one
 * 民企 whatever requests race (NULLs never collide, on either database).
 */
export const m0025_exemplars: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'exemplar_rounds', {
      id: 'id',
      kind: 'text!',
      name: 'text!',
      notice_code: 'text unique',
      notice_starts: 'text',
      notice_ends: 'text',
      published_at: 'text',
      published_by: 'integer -> users.id',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createTable(
      db,
      dialect,
      'exemplar_candidates',
      {
        id: 'id',
        round_id: 'integer! -> exemplar_rounds.id',
        enterprise_id: 'integer! -> enterprises.id',
        class: 'text!',
        chosen_slot: 'text',
        chosen_at: 'text',
        chosen_by: 'integer -> users.id',
        created_by: 'integer! -> users.id',
        created_at: 'text!',
      },
      (t) =>
        t
          .addUniqueConstraint('exemplar_candidates_once', ['round_id', 'enterprise_id'])
          .addUniqueConstraint('exemplar_candidates_slot', ['round_id', 'chosen_slot']),
    )
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('exemplar_candidates').execute()
    await db.schema.dropTable('exemplar_rounds').execute()
  },
})
