import { idColumn, type AnyDb, type DialectMigration } from './support'

export const m0006_pledges: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('pledge_templates')
      .addColumn('id', idColumn(dialect))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('pledge_templates_kind_version', ['kind', 'version'])
      .execute()
    await db.schema
      .createTable('pledges')
      .addColumn('id', idColumn(dialect))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('template_id', 'integer', (c) => c.notNull().references('pledge_templates.id'))
      .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
      .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('text_sha256', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('started_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('started_side', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('effective_at', 'text')
      .addColumn('withdrawn_at', 'text')
      .addColumn('withdrawn_by', 'integer', (c) => c.references('users.id'))
      .addColumn('withdraw_reason', 'text')
      .execute()
    await db.schema
      .createIndex('pledges_enterprise')
      .on('pledges')
      .columns(['enterprise_id', 'kind'])
      .execute()
    await db.schema.createIndex('pledges_department').on('pledges').column('department_id').execute()
    await db.schema
      .createTable('pledge_signatures')
      .addColumn('id', idColumn(dialect))
      .addColumn('pledge_id', 'integer', (c) => c.notNull().references('pledges.id'))
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('signer_user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('signer_name', 'text', (c) => c.notNull())
      .addColumn('organisation_kind', 'text', (c) => c.notNull())
      .addColumn('organisation_id', 'integer', (c) => c.notNull())
      .addColumn('text_sha256', 'text', (c) => c.notNull())
      .addColumn('signature_png', 'text', (c) => c.notNull())
      .addColumn('signature_sha256', 'text', (c) => c.notNull())
      .addColumn('signed_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('chain_seq', 'integer', (c) => c.notNull())
      .addUniqueConstraint('pledge_signatures_side', ['pledge_id', 'side'])
      .execute()
    await db.schema
      .createIndex('pledge_signatures_signer')
      .on('pledge_signatures')
      .columns(['signer_user_id', 'signed_at'])
      .execute()
    // The keyed hash chain: entry n's mac = HMAC(key, mac of n-1 + payload n). seq is given, not generated.
    await db.schema
      .createTable('pledge_chain')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('pledge_id', 'integer', (c) => c.notNull().references('pledges.id'))
      .addColumn('signature_id', 'integer')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('prev_mac', 'text', (c) => c.notNull())
      .addColumn('mac', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('pledge_chain_pledge').on('pledge_chain').column('pledge_id').execute()
    await db.schema
      .createTable('pledge_reminders')
      .addColumn('id', idColumn(dialect))
      .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('sent_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('pledge_reminders_user')
      .on('pledge_reminders')
      .columns(['user_id', 'year'])
      .execute()
  },
  async down(db: AnyDb) {
    for (const table of [
      'pledge_reminders',
      'pledge_chain',
      'pledge_signatures',
      'pledges',
      'pledge_templates',
    ])
      await db.schema.dropTable(table).execute()
  },
})
