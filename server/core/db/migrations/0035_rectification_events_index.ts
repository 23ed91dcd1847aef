import { type AnyDb, createIndex, type DialectMigration } from './support'

/**
 * A 整改's history read by its id: its 处理记录, and the day it was handed in that decides 逾期完成 (the
 * 工作台账 reads it for every finished 整改 in one grouped query). Without it both scan the whole history.
 */
export const m0035_rectification_events_index: DialectMigration = () => ({
  async up(db: AnyDb) {
    await createIndex(db, 'rectification_events_of', 'rectification_events', [
      'rectification_id',
      'to_status',
      'created_at',
    ])
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('rectification_events_of').execute()
  },
})
