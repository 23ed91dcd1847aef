import { type AnyDb, createTable, type DialectMigration } from './support'

/**
 * 政商交往清单 (主要任务10): versioned 正面清单 / 负面清单 / 清廉民企建设引导清单, and the versions a 政商双边清廉承诺
 * was signed under.
 *
 * A version is a draft (`version` null, edited under `revision`) until published; then it has its number
 * (1, 2, … per kind, unique) and `in_force_kind` = its kind while it is the one in force. The unique
 * `in_force_kind` keeps one version in force per kind whatever requests race (NULLs never collide, on
 * either database); an earlier version keeps its row and items, readable, with `in_force_kind` null.
 *
 * `pledges.dealing_version_ids`: the ids (JSON array) of the versions in force when a 政商 pledge was
 * started; null on every pledge before, and on the other kinds.
 */
export const m0029_dealings: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(
      db,
      dialect,
      'dealing_list_versions',
      {
        id: 'id',
        kind: 'text!',
        version: 'integer',
        items: 'text!',
        revision: 'integer! = 0',
        in_force_kind: 'text unique',
        created_by: 'integer! -> users.id',
        created_at: 'text!',
        updated_at: 'text!',
        published_at: 'text',
        published_by: 'integer -> users.id',
      },
      (t) => t.addUniqueConstraint('dealing_list_versions_number', ['kind', 'version']),
    )
    await db.schema.alterTable('pledges').addColumn('dealing_version_ids', 'text').execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('pledges').dropColumn('dealing_version_ids').execute()
    await db.schema.dropTable('dealing_list_versions').execute()
  },
})
