import type { Db, DbOrTrx, Dialect } from '../../core/db/database'
import { findRow } from '../../core/db/rows'
import { hotQuery } from '../../core/db/hotQuery'
import type { Database, EventRow, SignInRow } from '../../core/db/schema'
import type { AuditRow, FinishRow, KeySeen, NewKeyRow } from '../../core/writes'
import { sql, type QueryCreator } from 'kysely'

/** What answering with a sign-in takes (see `toSignIn`). */
export type SignInAnswer = Pick<
  SignInRow,
  'id' | 'event_id' | 'user_id' | 'method' | 'signed_in_at' | 'received_at' | 'scanned_at' | 'flags'
>

/** Sign-ins: one per (event, person), a unique index. */
// The statements of every scan, compiled once (see hotQuery).
const insertSignIn = hotQuery((db, values: Omit<SignInRow, 'id'>) =>
  db
    .insertInto('sign_ins')
    .values(values)
    .onConflict((oc) => oc.columns(['event_id', 'user_id']).doNothing())
    .returningAll(),
)

function scanContextQuery(
  db: DbOrTrx,
  { eventId, userId, enterpriseIds }: { eventId: number; userId: number; enterpriseIds: number[] },
) {
  return db
    .selectFrom('events as e')
    .leftJoin('sign_ins as s', (join) => join.onRef('s.event_id', '=', 'e.id').on('s.user_id', '=', userId))
    .selectAll('e')
    .select((eb) => [
      (enterpriseIds.length > 0
        ? eb
            .selectFrom('event_audience as a')
            .select('a.enterprise_id')
            .whereRef('a.event_id', '=', 'e.id')
            .where('a.enterprise_id', 'in', enterpriseIds)
            .orderBy('a.enterprise_id')
            .limit(1)
        : eb.val(null)
      ).as('audience_enterprise_id'),
      's.id as sign_in_id',
      's.method as sign_in_method',
      's.signed_in_at as sign_in_signed_in_at',
      's.received_at as sign_in_received_at',
      's.scanned_at as sign_in_scanned_at',
      's.flags as sign_in_flags',
    ])
    .where('e.id', '=', eventId)
}
const plainScanContext = hotQuery(scanContextQuery)
type ScanValues = Parameters<typeof scanContextQuery>[1]
/**
 * PostgreSQL: with the id a new sign-in will take when the user has none yet, so its insert can go in one
 * statement with the audit row and the stored answer (see `insertFinishing`, `insertAtOnce`).
 */
const withNextId = (db: DbOrTrx, values: ScanValues) =>
  scanContextQuery(db, values).select(
    sql<number | null>`case when s.id is null then nextval(pg_get_serial_sequence('sign_ins', 'id')) end`.as(
      'next_id',
    ),
  )
/** PostgreSQL, in a transaction: the event held (share lock) until it ends. */
const heldScanContext = hotQuery((db, values: ScanValues) => withNextId(db, values).forShare('e'))
/** PostgreSQL, read outside a transaction (`scanAtOnce`): nothing held. */
const freeScanContext = hotQuery(withNextId)
/** The same with the caller's row of the request's Idempotency-Key, if any. */
const freeScanContextKeyed = hotQuery((db, values: ScanValues & { scope: number; key: string }) =>
  withNextId(db, values)
    .leftJoin('idempotency_keys as k', (join) =>
      join.on('k.user_id', '=', values.scope).on('k.key', '=', values.key),
    )
    .select([
      'k.id as key_id',
      'k.request_hash as key_request_hash',
      'k.state as key_state',
      'k.response_status as key_response_status',
      'k.response_body as key_response_body',
      'k.updated_at as key_updated_at',
    ]),
)

type NewSignInRow = Omit<SignInRow, 'id'> & { id: number }
const AUDIT_COLUMNS = [
  'user_id',
  'action',
  'entity_type',
  'entity_id',
  'detail',
  'ip',
  'created_at',
  'organisation_kind',
  'organisation_id',
] as const
/** PostgreSQL: the sign-in, and only when it lands (no twin: ON CONFLICT) its audit row and stored answer. */
const insertSignInAuditAnswer = hotQuery((db, v: { row: NewSignInRow; audit: AuditRow; done: FinishRow }) => {
  const { id, ...done } = v.done
  return db
    .with('ins', (qc) =>
      qc
        .insertInto('sign_ins')
        .values(v.row)
        .onConflict((oc) => oc.columns(['event_id', 'user_id']).doNothing())
        .returning('id'),
    )
    .with('audited', (qc) =>
      qc
        .insertInto('audit_log')
        .columns(AUDIT_COLUMNS)
        .expression(qc.selectFrom('ins').select((eb) => AUDIT_COLUMNS.map((c) => eb.val(v.audit[c]).as(c)))),
    )
    .updateTable('idempotency_keys')
    .set(done)
    .where('idempotency_keys.id', '=', id)
    .where((eb) => eb.exists(eb.selectFrom('ins').select('ins.id')))
    .returning('idempotency_keys.id')
})
/** The event as a sign-in decided outside a transaction read it (`insertAtOnce`). */
const EVENT_AS_READ = [
  'id',
  'updated_at',
  'title',
  'sign_in_opens_at',
  'sign_in_closes_at',
  'place_lat',
  'place_lng',
  'place_radius_m',
] as const satisfies readonly (keyof EventRow)[]
export type EventAsRead = Pick<EventRow, (typeof EVENT_AS_READ)[number]>
const SIGN_IN_COLUMNS = [
  'id',
  'event_id',
  'user_id',
  'enterprise_id',
  'method',
  'signed_in_at',
  'received_at',
  'scanned_at',
  'slot',
  'lat',
  'lng',
  'accuracy',
  'distance_m',
  'flags',
  'proxy_by',
  'proxy_reason',
  'created_at',
] as const satisfies readonly (keyof NewSignInRow)[]

/**
 * PostgreSQL, one autocommit statement (`insertAtOnce`): the event held against a cancel (share lock) only
 * if it is still as the sign-in read it (not cancelled, not edited since), the sign-in only when the event
 * is held and the user has none (ON CONFLICT), and its audit row only when the sign-in landed.
 */
function heldEvent(db: DbOrTrx, event: EventAsRead) {
  return db.with('held', (qc) =>
    qc
      .selectFrom('events')
      .select('id')
      .where('id', '=', event.id)
      .where('cancelled_at', 'is', null)
      .where('updated_at', '=', event.updated_at)
      .where('title', '=', event.title)
      .where('sign_in_opens_at', '=', event.sign_in_opens_at)
      .where('sign_in_closes_at', '=', event.sign_in_closes_at)
      .where('place_lat', 'is not distinct from', event.place_lat)
      .where('place_lng', 'is not distinct from', event.place_lng)
      .where('place_radius_m', 'is not distinct from', event.place_radius_m)
      .forShare(),
  )
}
// The query creators of statements with these CTEs among others (Kysely's are invariant in them).
type WithHeld = QueryCreator<Database & { held: { id: number } }>
type WithIns = QueryCreator<Database & { ins: { id: number } }>
/** The sign-in, when the event is held. */
const signInIfHeld = (qc: WithHeld, row: NewSignInRow) =>
  qc
    .insertInto('sign_ins')
    .columns(SIGN_IN_COLUMNS)
    .expression(qc.selectFrom('held').select((eb) => SIGN_IN_COLUMNS.map((c) => eb.val(row[c]).as(c))))
    .onConflict((oc) => oc.columns(['event_id', 'user_id']).doNothing())
    .returning('id')
/** Its audit row, when it landed (`ins`). */
const auditIfLanded = (qc: WithIns, audit: AuditRow) =>
  qc
    .insertInto('audit_log')
    .columns(AUDIT_COLUMNS)
    .expression(qc.selectFrom('ins').select((eb) => AUDIT_COLUMNS.map((c) => eb.val(audit[c]).as(c))))
    .returning('id')
/**
 * With an Idempotency-Key: the key stored done with its answer, taken first (the order the full path takes
 * key, event and sign-in in, so the two never wait for each other in a cycle, and a repeat sent while the
 * first waits for the event waits for its key). No ON CONFLICT: a concurrent request with the same key fails
 * the whole statement (unique violation), and so does a key stored when the sign-in did not land (the event
 * cancelled or edited since the read, or a twin sign-in: a division by zero), so nothing lands without the
 * rest.
 */
const insertAtOnceKeyed = hotQuery(
  (db, v: { event: EventAsRead; row: NewSignInRow; audit: AuditRow; key: NewKeyRow }) =>
    heldEvent(db, v.event)
      .with('claimed', (qc) => qc.insertInto('idempotency_keys').values(v.key).returning('id'))
      .with('ins', (qc) => signInIfHeld(qc as unknown as WithHeld, v.row))
      .with('audited', (qc) => auditIfLanded(qc as unknown as WithIns, v.audit))
      .selectFrom('claimed')
      .select(sql<number>`1 / (select count(*) from ins)`.as('landed')),
)
/** Without a key: one row when the sign-in and its audit row landed. */
const insertAtOnce = hotQuery((db, v: { event: EventAsRead; row: NewSignInRow; audit: AuditRow }) =>
  heldEvent(db, v.event)
    .with('ins', (qc) => signInIfHeld(qc as unknown as WithHeld, v.row))
    .with('audited', (qc) => auditIfLanded(qc as unknown as WithIns, v.audit))
    .selectFrom('audited')
    .select('audited.id'),
)

/** The same without an Idempotency-Key: the sign-in and its audit row. */
const insertSignInAudit = hotQuery((db, v: { row: NewSignInRow; audit: AuditRow }) =>
  db
    .with('ins', (qc) =>
      qc
        .insertInto('sign_ins')
        .values(v.row)
        .onConflict((oc) => oc.columns(['event_id', 'user_id']).doNothing())
        .returning('id'),
    )
    .insertInto('audit_log')
    .columns(AUDIT_COLUMNS)
    .expression((eb) =>
      eb.selectFrom('ins').select((eb) => AUDIT_COLUMNS.map((c) => eb.val(v.audit[c]).as(c))),
    )
    .returning('audit_log.id'),
)

/** A scan context's row as `scanContext` answers it. */
function contextOf(
  row: Awaited<ReturnType<typeof plainScanContext>>['rows'][number],
  eventId: number,
  userId: number,
) {
  const {
    audience_enterprise_id,
    sign_in_id,
    sign_in_method,
    sign_in_signed_in_at,
    sign_in_received_at,
    sign_in_scanned_at,
    sign_in_flags,
    next_id,
    ...event
  } = row as typeof row & { next_id?: number | string | null }
  const existing: SignInAnswer | null =
    sign_in_id === null
      ? null
      : {
          id: Number(sign_in_id),
          event_id: eventId,
          user_id: userId,
          method: sign_in_method as SignInRow['method'],
          signed_in_at: sign_in_signed_in_at as string,
          received_at: sign_in_received_at as string,
          scanned_at: sign_in_scanned_at,
          flags: sign_in_flags as string,
        }
  return {
    event: event as EventRow,
    audienceEnterpriseId: audience_enterprise_id === null ? null : Number(audience_enterprise_id),
    existing,
    /** PostgreSQL, when the user has no sign-in yet: the id the new one takes (see `insertFinishing`). */
    nextId: next_id === undefined || next_id === null ? null : Number(next_id),
  }
}

export const signInsRepository = {
  find(db: DbOrTrx, eventId: number, userId: number): Promise<SignInRow | undefined> {
    return findRow(db, 'sign_ins', { event_id: eventId, user_id: userId })
  },

  /** The new sign-in, or undefined when the person has one already. */
  async insert(db: DbOrTrx, values: Omit<SignInRow, 'id'>): Promise<SignInRow | undefined> {
    return (await insertSignIn(db, values)).rows[0]
  },

  /**
   * PostgreSQL: the sign-in with its id taken already (`scanContext`'s `nextId`), its audit row and, with an
   * Idempotency-Key, the stored answer, in one statement: whether they landed (not when the user's twin
   * sign-in was inserted first: then none of them did).
   */
  async insertFinishing(
    db: DbOrTrx,
    row: NewSignInRow,
    audit: AuditRow,
    done: FinishRow | null,
  ): Promise<boolean> {
    const result = done
      ? await insertSignInAuditAnswer(db, { row, audit, done })
      : await insertSignInAudit(db, { row, audit })
    return result.rows.length === 1
  },

  /**
   * PostgreSQL (see `signInAtOnce`): the sign-in, its audit row and, with a key, the key done with its
   * answer, in one autocommit statement, if the event is still as read: whether they landed.
   */
  async insertAtOnce(
    db: Db,
    event: EventAsRead,
    row: NewSignInRow,
    audit: AuditRow,
    key: NewKeyRow | null,
  ): Promise<boolean> {
    // Only what the statement compares (each value a parameter of it).
    const asRead = Object.fromEntries(EVENT_AS_READ.map((c) => [c, event[c]])) as EventAsRead
    const result = key
      ? await insertAtOnceKeyed(db, { event: asRead, row, audit, key })
      : await insertAtOnce(db, { event: asRead, row, audit })
    return result.rows.length === 1
  },

  /**
   * PostgreSQL, outside a transaction (nothing held): `scanContext`'s answer with the id a new sign-in
   * takes and, with an Idempotency-Key, the caller's row of it (`keySeen`).
   */
  async scanAtOnce(
    db: Db,
    eventId: number,
    userId: number,
    enterpriseIds: number[],
    key: { scope: number; key: string } | null,
  ) {
    const values = { eventId, userId, enterpriseIds }
    const [row] = (
      key ? await freeScanContextKeyed(db, { ...values, ...key }) : await freeScanContext(db, values)
    ).rows
    if (!row) return null
    const {
      key_id,
      key_request_hash,
      key_state,
      key_response_status,
      key_response_body,
      key_updated_at,
      ...scan
    } = row as typeof row & {
      key_id?: number | null
      key_request_hash?: string | null
      key_state?: KeySeen['state'] | null
      key_response_status?: number | null
      key_response_body?: string | null
      key_updated_at?: string | null
    }
    const keySeen: KeySeen | null =
      key_id === undefined || key_id === null
        ? null
        : {
            request_hash: key_request_hash as string,
            state: key_state as KeySeen['state'],
            response_status: key_response_status ?? null,
            response_body: key_response_body ?? null,
            updated_at: key_updated_at as string,
          }
    return { ...contextOf(scan, eventId, userId), keySeen }
  },

  /**
   * In one query: the event, the lowest of the user's enterprises (`enterpriseIds`) in its audience, and
   * the user's sign-in to it if any. On PostgreSQL the event row is share-locked until the
   * transaction ends, as `eventsRepository.holdForSignIn` does: a cancel waits for this sign-in, and a
   * sign-in behind a cancel reads the event as cancelled.
   */
  async scanContext(db: DbOrTrx, dialect: Dialect, eventId: number, userId: number, enterpriseIds: number[]) {
    const hold = dialect === 'postgres'
    const values = { eventId, userId, enterpriseIds }
    const [row] = (await (hold ? heldScanContext : plainScanContext)(db, values)).rows
    return row ? contextOf(row, eventId, userId) : null
  },

  /** A person's approved memberships (which enterprises they belong to). */
  approvedMemberships(db: DbOrTrx, userId: number) {
    return db
      .selectFrom('memberships')
      .select(['organisation_kind', 'organisation_id'])
      .where('user_id', '=', userId)
      .where('status', '=', 'approved')
      .execute()
  },
}
