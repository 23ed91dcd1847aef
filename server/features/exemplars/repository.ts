import { sql, type Insertable, type Updateable } from 'kysely'
import { changedOne, type DbOrTrx } from '../../core/db/database'
import { onePage, type PageRequest } from '../../core/db/page'
import type { ExemplarCandidateTable, ExemplarRoundTable } from '../../core/db/schema'

/** Rounds with how many candidates they have and how many are chosen. */
const roundRows = (db: DbOrTrx) =>
  db
    .selectFrom('exemplar_rounds as r')
    .select([
      'r.id',
      'r.kind',
      'r.name',
      'r.created_at',
      'r.notice_code',
      'r.notice_starts',
      'r.notice_ends',
      'r.published_at',
      'r.cancelled_at',
      sql<number>`(select count(*) from exemplar_candidates c where c.round_id = r.id)`.as('candidates'),
      sql<number>`(select count(*) from exemplar_candidates c where c.round_id = r.id and c.chosen_slot is not null)`.as(
        'chosen',
      ),
    ])

export type RoundRow = Awaited<ReturnType<ReturnType<typeof roundRows>['execute']>>[number]

/** Changes a round while it is unpublished and standing; false when it is published, cancelled or missing. */
async function updateStanding(
  db: DbOrTrx,
  roundId: number,
  changes: Updateable<ExemplarRoundTable>,
): Promise<boolean> {
  return changedOne(
    db
      .updateTable('exemplar_rounds')
      .set(changes)
      .where('id', '=', roundId)
      .where('published_at', 'is', null)
      .where('cancelled_at', 'is', null),
  )
}

export const exemplarRepository = {
  rounds(db: DbOrTrx, page: PageRequest) {
    return onePage(roundRows(db).orderBy('r.id', 'desc'), page).execute()
  },

  async roundCount(db: DbOrTrx): Promise<number> {
    const row = await db
      .selectFrom('exemplar_rounds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  round(db: DbOrTrx, roundId: number) {
    return roundRows(db).where('r.id', '=', roundId).executeTakeFirst()
  },

  async insertRound(db: DbOrTrx, row: Insertable<ExemplarRoundTable>): Promise<number> {
    return (await db.insertInto('exemplar_rounds').values(row).returning('id').executeTakeFirstOrThrow()).id
  },

  /**
   * Claims the round for a change: touches it only while unpublished. On PostgreSQL the row stays locked
   * to the end of the transaction, so a change and the publishing never interleave. False: published or
   * missing.
   */
  claimUnpublished(db: DbOrTrx, roundId: number, now: string): Promise<boolean> {
    return updateStanding(db, roundId, { updated_at: now })
  },

  /** Cancels a round still unpublished and standing; false otherwise. */
  cancel(db: DbOrTrx, roundId: number, now: string): Promise<boolean> {
    return updateStanding(db, roundId, { cancelled_at: now, updated_at: now })
  },

  /**
   * Marks the enterprises of a published 公示: 2 示范点 (pilot), 1 示范企业; a 示范点 stays one when it is
   * later chosen as a 示范企业 too.
   */
  markDemonstration(db: DbOrTrx, enterpriseIds: number[], level: 1 | 2, now: string) {
    if (enterpriseIds.length === 0) return Promise.resolve()
    return db
      .updateTable('enterprises')
      .set({ demonstration: level, updated_at: now })
      .where('id', 'in', enterpriseIds)
      .where('demonstration', '<', level)
      .execute()
  },

  /** Its candidates with their enterprise's name and ownership, in the order they were proposed. */
  candidates(db: DbOrTrx, roundId: number) {
    return db
      .selectFrom('exemplar_candidates as c')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .select(['c.enterprise_id', 'c.class', 'c.chosen_slot', 'c.chosen_at', 'e.name', 'e.ownership'])
      .where('c.round_id', '=', roundId)
      .orderBy('c.id')
      .execute()
  },

  candidate(db: DbOrTrx, roundId: number, enterpriseId: number) {
    return db
      .selectFrom('exemplar_candidates')
      .select(['id', 'class', 'chosen_slot'])
      .where('round_id', '=', roundId)
      .where('enterprise_id', '=', enterpriseId)
      .executeTakeFirst()
  },

  /** False when the enterprise is already a candidate of the round (the unique index decides). */
  async insertCandidate(db: DbOrTrx, row: Insertable<ExemplarCandidateTable>): Promise<boolean> {
    const inserted = await db
      .insertInto('exemplar_candidates')
      .values(row)
      .onConflict((oc) => oc.columns(['round_id', 'enterprise_id']).doNothing())
      .returning('id')
      .executeTakeFirst()
    return inserted !== undefined
  },

  async deleteCandidate(db: DbOrTrx, roundId: number, enterpriseId: number): Promise<boolean> {
    return changedOne(
      db
        .deleteFrom('exemplar_candidates')
        .where('round_id', '=', roundId)
        .where('enterprise_id', '=', enterpriseId),
    )
  },

  /** Marks or unmarks a candidate; the unique (round_id, chosen_slot) refuses a second of a 示范点 slot. */
  setChosen(
    db: DbOrTrx,
    roundId: number,
    enterpriseId: number,
    chosen: { slot: string; at: string; by: number } | null,
  ) {
    return db
      .updateTable('exemplar_candidates')
      .set({
        chosen_slot: chosen?.slot ?? null,
        chosen_at: chosen?.at ?? null,
        chosen_by: chosen?.by ?? null,
      })
      .where('round_id', '=', roundId)
      .where('enterprise_id', '=', enterpriseId)
      .execute()
  },

  chosen(db: DbOrTrx, roundId: number) {
    return db
      .selectFrom('exemplar_candidates as c')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .select(['c.enterprise_id', 'c.class', 'e.name'])
      .where('c.round_id', '=', roundId)
      .where('c.chosen_slot', 'is not', null)
      .orderBy('c.class')
      .orderBy('c.id')
      .execute()
  },

  publish(
    db: DbOrTrx,
    roundId: number,
    notice: { code: string; starts: string; ends: string; at: string; by: number },
  ) {
    return db
      .updateTable('exemplar_rounds')
      .set({
        notice_code: notice.code,
        notice_starts: notice.starts,
        notice_ends: notice.ends,
        published_at: notice.at,
        published_by: notice.by,
        updated_at: notice.at,
      })
      .where('id', '=', roundId)
      .execute()
  },

  roundByCode(db: DbOrTrx, code: string) {
    return db
      .selectFrom('exemplar_rounds')
      .select(['id', 'kind', 'name', 'notice_starts', 'notice_ends'])
      .where('notice_code', '=', code)
      .executeTakeFirst()
  },

  /** One audit row per chosen enterprise when a 公示 is published: it shows in each one's history. */
  auditNotice(
    db: DbOrTrx,
    rows: { userId: number; enterpriseId: number; roundId: number; ip: string; at: string }[],
  ) {
    if (rows.length === 0) return Promise.resolve()
    return db
      .insertInto('audit_log')
      .values(
        rows.map((r) => ({
          user_id: r.userId,
          action: 'exemplar.notice',
          entity_type: 'exemplar_round',
          entity_id: String(r.roundId),
          detail: null,
          ip: r.ip,
          created_at: r.at,
          organisation_kind: 'enterprise' as const,
          organisation_id: r.enterpriseId,
        })),
      )
      .execute()
  },
}
