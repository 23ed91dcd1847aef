import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

/**
 * 国企“一把手”权力清单和负面清单, and the “三重一大” decision log (task 12).
 *
 * - `power_lists`: an enterprise's one draft (JSON `content`). `revision` is the optimistic lock of an edit;
 *   `dirty` is 1 while the draft differs from the last published version; `published_version` counts the
 *   versions published. Publishing is one conditional UPDATE (`dirty = 1` and the revision read), so two at
 *   once publish one version.
 * - `power_list_versions`: the published versions, never changed (unique per enterprise and number).
 * - `power_list_acks`: a supervising department's 已阅 of one version (unique per version and department).
 * - `major_decisions`: the “三重一大” log; `version` locks an edit and every create or correction keeps a row
 *   of `major_decision_revisions` with the fields before and after (JSON). Attachments are evidence files
 *   with `major_decision_id`.
 */
export const m0028_powers: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'power_lists', {
      id: 'id',
      enterprise_id: 'integer! unique -> enterprises.id',
      content: 'text!',
      revision: 'integer!',
      dirty: 'integer!',
      published_version: 'integer!',
      updated_by: 'integer! -> users.id',
      updated_at: 'text!',
    })
    await createTable(db, dialect, 'power_list_versions', {
      id: 'id',
      enterprise_id: 'integer! -> enterprises.id',
      version: 'integer!',
      content: 'text!',
      published_by: 'integer! -> users.id',
      published_at: 'text!',
    })
    await db.schema
      .createIndex('power_list_versions_number')
      .on('power_list_versions')
      .columns(['enterprise_id', 'version'])
      .unique()
      .execute()
    await createTable(db, dialect, 'power_list_acks', {
      id: 'id',
      version_id: 'integer! -> power_list_versions.id',
      department_id: 'integer! -> departments.id',
      user_id: 'integer! -> users.id',
      acknowledged_at: 'text!',
    })
    await db.schema
      .createIndex('power_list_acks_once')
      .on('power_list_acks')
      .columns(['version_id', 'department_id'])
      .unique()
      .execute()
    await createTable(db, dialect, 'major_decisions', {
      id: 'id',
      enterprise_id: 'integer! -> enterprises.id',
      subject: 'text!',
      category: 'text!',
      decided_on: 'text!',
      meeting: 'text!',
      attendees: 'text!',
      result: 'text!',
      version: 'integer!',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createIndex(db, 'major_decisions_enterprise', 'major_decisions', ['enterprise_id', 'decided_on'])
    await createTable(db, dialect, 'major_decision_revisions', {
      id: 'id',
      decision_id: 'integer! -> major_decisions.id',
      before: 'text',
      after: 'text!',
      note: 'text',
      actor_id: 'integer -> users.id',
      created_at: 'text!',
    })
    await createIndex(db, 'major_decision_revisions_decision', 'major_decision_revisions', ['decision_id'])
    await db.schema.alterTable('evidence_files').addColumn('major_decision_id', 'integer').execute()
    await createIndex(db, 'evidence_files_major_decision', 'evidence_files', ['major_decision_id'])
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('evidence_files_major_decision').execute()
    await db.schema.alterTable('evidence_files').dropColumn('major_decision_id').execute()
    await db.schema.dropTable('major_decision_revisions').execute()
    await db.schema.dropTable('major_decisions').execute()
    await db.schema.dropTable('power_list_acks').execute()
    await db.schema.dropTable('power_list_versions').execute()
    await db.schema.dropTable('power_lists').execute()
  },
})
