import { sql } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'
import type { PledgeChainTable, PledgeRow, PledgeSignatureRow } from '../../core/db/schema'

/** The columns the chain check reads: everything but the text and the signature image. */
export type PledgeMeta = Omit<PledgeRow, 'text'>
export type SignatureMeta = Omit<PledgeSignatureRow, 'signature_png'>

export const PLEDGE_META = [
  'id',
  'code',
  'kind',
  'template_id',
  'enterprise_id',
  'department_id',
  'text_sha256',
  'status',
  'started_by',
  'started_side',
  'created_at',
  'effective_at',
  'withdrawn_at',
  'withdrawn_by',
  'withdraw_reason',
  'dealing_version_ids',
] as const
export const SIGNATURE_META = [
  'id',
  'pledge_id',
  'side',
  'signer_user_id',
  'signer_name',
  'organisation_kind',
  'organisation_id',
  'text_sha256',
  'signature_sha256',
  'signed_at',
  'ip',
  'user_agent',
  'chain_seq',
] as const

/** The keyed hash chain, and the raw rows its check reads (never through a view: tampering must show). */
export const chainRepository = {
  /**
   * Makes the transaction the chain's only writer until it ends (PostgreSQL: a transaction-scoped advisory
   * lock, taken again at no cost; SQLite runs one write transaction at a time anyway).
   */
  async lock(db: DbOrTrx, dialect: 'sqlite' | 'postgres'): Promise<void> {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${500601})`.execute(db)
  },

  /** The next entry: the previous one's seq and mac (under the chain's lock, one appender at a time). */
  async last(db: DbOrTrx, dialect: 'sqlite' | 'postgres') {
    await chainRepository.lock(db, dialect)
    return chainRepository.atOrBefore(db)
  },

  /** The chain's last entry as committed, without the appenders' lock (readers never wait). */
  head(db: DbOrTrx) {
    return chainRepository.atOrBefore(db)
  },

  /** The entry at `seq`, or the nearest one before it when it is missing (no `seq`: the last one). */
  atOrBefore(db: DbOrTrx, seq?: number) {
    let q = db.selectFrom('pledge_chain').select(['seq', 'mac'])
    if (seq !== undefined) q = q.where('seq', '<=', seq)
    return q.orderBy('seq', 'desc').limit(1).executeTakeFirst()
  },

  async append(db: DbOrTrx, values: PledgeChainTable): Promise<void> {
    await db.insertInto('pledge_chain').values(values).execute()
  },

  async templateVersions(db: DbOrTrx): Promise<Map<number, number>> {
    const rows = await db.selectFrom('pledge_templates').select(['id', 'version']).execute()
    return new Map(rows.map((r) => [r.id, r.version]))
  },

  /** Up to `limit` entries after `after` (and up to `uptoSeq`), in order: every column, the MAC format too. */
  entriesAfter(db: DbOrTrx, after: number, limit: number, uptoSeq?: number) {
    let q = db.selectFrom('pledge_chain').selectAll().where('seq', '>', after)
    if (uptoSeq !== undefined) q = q.where('seq', '<=', uptoSeq)
    return q.orderBy('seq').limit(limit).execute()
  },

  pledgeMeta(db: DbOrTrx, ids: number[]): Promise<PledgeMeta[]> {
    return db.selectFrom('pledges').select(PLEDGE_META).where('id', 'in', ids).execute()
  },

  signatureMeta(db: DbOrTrx, ids: number[]): Promise<SignatureMeta[]> {
    if (ids.length === 0) return Promise.resolve([])
    return db.selectFrom('pledge_signatures').select(SIGNATURE_META).where('id', 'in', ids).execute()
  },

  signatureMetaOfPledge(db: DbOrTrx, pledgeId: number): Promise<SignatureMeta[]> {
    return db
      .selectFrom('pledge_signatures')
      .select(SIGNATURE_META)
      .where('pledge_id', '=', pledgeId)
      .execute()
  },

  entriesOfPledge(db: DbOrTrx, pledgeId: number) {
    return db
      .selectFrom('pledge_chain')
      .select(['seq', 'signature_id', 'action'])
      .where('pledge_id', '=', pledgeId)
      .execute()
  },

  /** A signature's image and its pledge's text, as stored. */
  signedContent(db: DbOrTrx, signatureId: number) {
    return db
      .selectFrom('pledge_signatures as s')
      .innerJoin('pledges as p', 'p.id', 's.pledge_id')
      .select(['s.signature_png', 'p.text'])
      .where('s.id', '=', signatureId)
      .executeTakeFirstOrThrow()
  },

  /** A pledge's signature images as stored, by signature id. */
  async signaturePngsOf(db: DbOrTrx, pledgeId: number): Promise<Map<number, string>> {
    const rows = await db
      .selectFrom('pledge_signatures')
      .select(['id', 'signature_png'])
      .where('pledge_id', '=', pledgeId)
      .execute()
    return new Map(rows.map((r) => [r.id, r.signature_png]))
  },

  pledgeByCode(db: DbOrTrx, code: string): Promise<PledgeRow | undefined> {
    return db.selectFrom('pledges').selectAll().where('code', '=', code).executeTakeFirst()
  },

  allPledges(db: DbOrTrx): Promise<PledgeRow[]> {
    return db.selectFrom('pledges').selectAll().orderBy('id').execute()
  },
}
