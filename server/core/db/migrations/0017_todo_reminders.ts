import type { AnyDb, DialectMigration } from './support'
import { idColumn } from './support'

/**
 * Reminders from the to-do list. `todo_reminders`: one row per (user, to-do, occasion) the reminders
 * have dealt with (known when the user subscribed, sent, or given up on); its unique index is what keeps
 * one to-do from being sent twice for the same occasion, whichever process runs the sender.
 * `todo_seen`: the to-do keys each user had when they last looked at 任务 in H5 (the digest's "new").
 */
export const m0017_todo_reminders: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('todo_reminders')
      .addColumn('id', idColumn(dialect))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('todo_key', 'text', (c) => c.notNull())
      // 'new' (the to-do appeared) or 'overdue' (its last day passed)
      .addColumn('occasion', 'text', (c) => c.notNull())
      // known | sending | sent | retry | failed
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('grant_id', 'integer')
      .addColumn('result', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('todo_reminders_once')
      .on('todo_reminders')
      .columns(['user_id', 'kind', 'todo_key', 'occasion'])
      .unique()
      .execute()
    await db.schema
      .createIndex('subscribe_grants_template')
      .on('subscribe_grants')
      .columns(['template_id', 'used_at'])
      .execute()
    await db.schema
      .createTable('todo_seen')
      .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
      // JSON array of the to-do keys the user had then
      .addColumn('keys', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('todo_seen').execute()
    await db.schema.dropIndex('subscribe_grants_template').execute()
    await db.schema.dropTable('todo_reminders').execute()
  },
})
