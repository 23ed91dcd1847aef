import { type AnyDb, createTable, type DialectMigration } from './support'

/**
 * 催办: a supervisor's (or the office's) reminder to an enterprise about one matter it owes: an open 整改
 * (`kind` 'rectification', `item_id` its id) or the current campaign's self-assessment (`kind` 'campaign',
 * `item_id` the campaign's id). `department_id` is the supervising department that sent it, null for the
 * office. `day` is the 北京时间 day it was sent: the unique index allows one 催办 per matter a day, whoever
 * sends it and whichever process answers.
 */
export const m0022_urges: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(
      db,
      dialect,
      'urges',
      {
        id: 'id',
        enterprise_id: 'integer! -> enterprises.id',
        department_id: 'integer -> departments.id',
        kind: 'text!',
        item_id: 'integer!',
        day: 'text!',
        note: 'text',
        created_by: 'integer! -> users.id',
        created_at: 'text!',
      },
      // Its leading enterprise_id also serves the enterprise's history and its liaison's to-dos.
      (t) => t.addUniqueConstraint('urges_once_a_day', ['enterprise_id', 'kind', 'item_id', 'day']),
    )
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('urges').execute()
  },
})
