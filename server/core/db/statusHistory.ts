import type { DbOrTrx } from './database'

/**
 * A record's status history, for the records that keep one (assessments, rectifications): each table holds
 * the record's id, from / to status, the actor, a comment and the time, so writing and reading them is
 * written once here.
 */
const HISTORY_TABLES = {
  assessment_events: 'assessment_id',
  rectification_events: 'rectification_id',
} as const
export type StatusHistoryTable = keyof typeof HISTORY_TABLES

export interface StatusChange<S extends string> {
  fromStatus: S | null
  toStatus: S
  /** Null when no user is recorded (rectifications opened by the system). */
  actorName: string | null
  comment: string | null
  createdAt: string
}

/**
 * The tables share their columns; the queries name them as `rectification_events`, whose actor may be
 * null, so the types hold for both.
 */
const asOne = <T extends string>(name: string) => name as T

export async function recordStatusChange(
  db: DbOrTrx,
  table: StatusHistoryTable,
  recordId: number,
  change: { from: string | null; to: string; actorId: number | null; comment: string | null; at: string },
): Promise<void> {
  await db
    .insertInto(asOne<'rectification_events'>(table))
    .values({
      ...({ [HISTORY_TABLES[table]]: recordId } as { rectification_id: number }),
      from_status: change.from,
      to_status: change.to,
      actor_id: change.actorId,
      comment: change.comment,
      created_at: change.at,
    })
    .execute()
}

/** The record's history, oldest first, with each actor's name. */
export async function statusHistory<S extends string>(
  db: DbOrTrx,
  table: StatusHistoryTable,
  recordId: number,
): Promise<StatusChange<S>[]> {
  const rows = await db
    .selectFrom(asOne<'rectification_events as ev'>(`${table} as ev`))
    .leftJoin('users as u', 'u.id', 'ev.actor_id')
    .select(['ev.from_status', 'ev.to_status', 'ev.comment', 'ev.created_at', 'u.name'])
    .where(asOne<'ev.rectification_id'>(`ev.${HISTORY_TABLES[table]}`), '=', recordId)
    .orderBy('ev.id')
    .execute()
  return rows.map((h) => ({
    fromStatus: h.from_status as S | null,
    toStatus: h.to_status as S,
    actorName: h.name,
    comment: h.comment,
    createdAt: h.created_at,
  }))
}
