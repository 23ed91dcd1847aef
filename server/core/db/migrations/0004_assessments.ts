import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

export const m0004_assessments: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'checklist_templates', {
      id: 'id',
      version: 'integer! unique',
      note: 'text',
      created_at: 'text!',
    })
    await createTable(
      db,
      dialect,
      'checklist_items',
      {
        template_id: 'integer! -> checklist_templates.id',
        code: 'text!',
        position: 'integer!',
        section: 'text!',
        task: 'text!',
        question: 'text!',
        basis_ref: 'text!',
        basis_quote: 'text!',
        ownerships: 'text!',
        needs_party_org: 'integer!',
        evidence_required: 'integer!',
        evidence_hint: 'text!',
        weight: 'integer!',
      },
      (t) => t.addPrimaryKeyConstraint('checklist_items_pk', ['template_id', 'code']),
    )
    await createTable(db, dialect, 'campaigns', {
      id: 'id',
      name: 'text!',
      period_start: 'text!',
      period_end: 'text!',
      due_date: 'text!',
      template_id: 'integer! -> checklist_templates.id',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
    })
    await createTable(
      db,
      dialect,
      'assessments',
      {
        id: 'id',
        campaign_id: 'integer! -> campaigns.id',
        enterprise_id: 'integer! -> enterprises.id',
        template_id: 'integer! -> checklist_templates.id',
        status: 'text!',
        overall_score: 'double precision',
        section_scores: 'text',
        submitted_at: 'text',
        reviewed_at: 'text',
        reviewed_by: 'integer -> users.id',
        created_at: 'text!',
        updated_at: 'text!',
      },
      (t) => t.addUniqueConstraint('assessments_campaign_enterprise', ['campaign_id', 'enterprise_id']),
    )
    await createIndex(db, 'assessments_enterprise_submitted', 'assessments', [
      'enterprise_id',
      'submitted_at',
    ])
    await createTable(
      db,
      dialect,
      'assessment_answers',
      {
        assessment_id: 'integer! -> assessments.id',
        item_code: 'text!',
        value: 'text!',
        note: 'text',
        na_reason: 'text',
        review_comment: 'text',
        updated_by: 'integer! -> users.id',
        updated_at: 'text!',
      },
      (t) => t.addPrimaryKeyConstraint('assessment_answers_pk', ['assessment_id', 'item_code']),
    )
    await createTable(db, dialect, 'evidence_files', {
      id: 'id',
      enterprise_id: 'integer! -> enterprises.id',
      assessment_id: 'integer -> assessments.id',
      item_code: 'text',
      rectification_id: 'integer',
      filename: 'text!',
      mime: 'text!',
      size: 'integer!',
      sha256: 'text!',
      storage_key: 'text!',
      uploaded_by: 'integer! -> users.id',
      deleted_at: 'text',
      created_at: 'text!',
    })
    await createIndex(db, 'evidence_files_assessment', 'evidence_files', ['assessment_id', 'item_code'])
    await createTable(db, dialect, 'assessment_events', {
      id: 'id',
      assessment_id: 'integer! -> assessments.id',
      from_status: 'text',
      to_status: 'text!',
      actor_id: 'integer! -> users.id',
      comment: 'text',
      created_at: 'text!',
    })
    await createIndex(db, 'assessment_events_assessment', 'assessment_events', ['assessment_id'])
    await createTable(db, dialect, 'rectifications', {
      id: 'id',
      enterprise_id: 'integer! -> enterprises.id',
      source: 'text!',
      assessment_id: 'integer -> assessments.id',
      item_code: 'text',
      title: 'text!',
      detail: 'text',
      deadline: 'text!',
      status: 'text!',
      response: 'text',
      created_by: 'integer -> users.id',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createIndex(db, 'rectifications_enterprise', 'rectifications', ['enterprise_id', 'status'])
    await createTable(db, dialect, 'rectification_events', {
      id: 'id',
      rectification_id: 'integer! -> rectifications.id',
      from_status: 'text',
      to_status: 'text!',
      actor_id: 'integer -> users.id',
      comment: 'text',
      created_at: 'text!',
    })
  },
  async down(db: AnyDb) {
    for (const table of [
      'rectification_events',
      'rectifications',
      'assessment_events',
      'evidence_files',
      'assessment_answers',
      'assessments',
      'campaigns',
      'checklist_items',
      'checklist_templates',
    ])
      await db.schema.dropTable(table).execute()
  },
})
