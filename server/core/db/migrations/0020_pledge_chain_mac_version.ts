import type { AnyDb, DialectMigration } from './support'

/**
 * The chain's MAC format per entry: 1 (entries written before) keys the payload only; 2 also keys the
 * row's own columns (seq, pledge, signature, action, created_at) and the payload names who started the
 * pledge, from which side, when, and when it took effect. Old entries keep verifying with rule 1.
 */
export const m0020_pledge_chain_mac_version: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .alterTable('pledge_chain')
      .addColumn('mac_version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('pledge_chain').dropColumn('mac_version').execute()
  },
})
