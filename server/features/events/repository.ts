import type { Db, DbOrTrx, Dialect } from '../../core/db/database'
import { organisationNames } from '../../core/db/names'
import { onePage, type PageRequest } from '../../core/db/page'
import { findRow } from '../../core/db/rows'
import { hotQuery } from '../../core/db/hotQuery'
import type { Database, EventRow, SignInRow } from '../../core/db/schema'
import type { AuditRow, FinishRow, KeySeen, NewKeyRow } from '../../core/writes'
import { sql, type QueryCreator } from 'kysely'
import { approvedMemberCounts } from '../../core/db/members'

type OrganiserKind = EventRow['organiser_kind']
/** What answering with a sign-in takes (see `toSignIn`). */
export type SignInAnswer = Pick<
  SignInRow,
  'id' | 'event_id' | 'user_id' | 'method' | 'signed_in_at' | 'received_at' | 'scanned_at' | 'flags'
>

/** Which events a list shows: those organised by these organisations, or those whose audience includes these enterprises. */
export type EventScope =
  { organisedBy: { enterprises: number[]; departments: number[] } } | { audienceOf: number[] }

/** Who is expected at the event and has not signed in: one row per person, their lowest audience enterprise. */
function absentPeople(db: DbOrTrx, eventId: number) {
  return db
    .selectFrom('memberships as m')
    .select(['m.user_id', (eb) => eb.fn.min<number>('m.organisation_id').as('enterprise_id')])
    .where('m.organisation_kind', '=', 'enterprise')
    .where('m.status', '=', 'approved')
    .where('m.organisation_id', 'in', (eb) =>
      eb.selectFrom('event_audience').select('enterprise_id').where('event_id', '=', eventId),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('sign_ins as s')
            .select('s.id')
            .whereRef('s.user_id', '=', 'm.user_id')
            .where('s.event_id', '=', eventId),
        ),
      ),
    )
    .groupBy('m.user_id')
}

export const eventsRepository = {
  byId(db: DbOrTrx, id: number): Promise<EventRow | undefined> {
    return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst()
  },

  /** The names of the organising enterprises and departments. */
  organiserNames(
    db: DbOrTrx,
    events: Pick<EventRow, 'organiser_kind' | 'organiser_id'>[],
  ): Promise<Record<OrganiserKind, Map<number, string>>> {
    return organisationNames(
      db,
      events.map((e) => ({ kind: e.organiser_kind, id: e.organiser_id })),
    )
  },

  async countByEvent(
    db: DbOrTrx,
    table: 'sign_ins' | 'event_audience',
    eventIds: number[],
  ): Promise<Map<number, number>> {
    if (eventIds.length === 0) return new Map()
    const rows = await db
      .selectFrom(table)
      .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', 'in', eventIds)
      .groupBy('event_id')
      .execute()
    return new Map(rows.map((r) => [r.event_id, Number(r.n)]))
  },

  /** Approved members (distinct people) of the event's audience enterprises, as of now. */
  async expectedAttendees(db: DbOrTrx, eventId: number): Promise<number> {
    const row = await db
      .selectFrom('memberships')
      .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
      .where('organisation_kind', '=', 'enterprise')
      .where('status', '=', 'approved')
      .where('organisation_id', 'in', (eb) =>
        eb.selectFrom('event_audience').select('enterprise_id').where('event_id', '=', eventId),
      )
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  /**
   * 未签到: the people expected (approved members of the audience enterprises) without a sign-in, each once
   * with the lowest of their audience enterprises; a page of them (or all) by enterprise, then by person.
   */
  absentees(db: DbOrTrx, eventId: number, page?: PageRequest) {
    const q = db
      .selectFrom(absentPeople(db, eventId).as('a'))
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .select([
        'u.id',
        'u.name',
        'u.phone',
        'u.disabled_at',
        'e.id as enterprise_id',
        'e.name as enterprise_name',
      ])
      .orderBy('a.enterprise_id')
      .orderBy('u.id')
    return onePage(q, page).execute()
  },

  async absentCount(db: DbOrTrx, eventId: number): Promise<number> {
    const row = await db
      .selectFrom(absentPeople(db, eventId).as('a'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  /** The user's own sign-ins among these events. */
  mySignIns(db: DbOrTrx, userId: number, eventIds: number[]) {
    if (eventIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('sign_ins')
      .select(['event_id', 'signed_in_at', 'method'])
      .where('user_id', '=', userId)
      .where('event_id', 'in', eventIds)
      .execute()
  },

  /** Which of these events have one of these enterprises in their audience. */
  async eventsWithAudienceAmong(
    db: DbOrTrx,
    eventIds: number[],
    enterpriseIds: number[],
  ): Promise<Set<number>> {
    if (eventIds.length === 0 || enterpriseIds.length === 0) return new Set()
    const rows = await db
      .selectFrom('event_audience')
      .select('event_id')
      .distinct()
      .where('event_id', 'in', eventIds)
      .where('enterprise_id', 'in', enterpriseIds)
      .execute()
    return new Set(rows.map((r) => r.event_id))
  },

  /** The audience enterprises of an event, lowest id first. */
  audience(db: DbOrTrx, eventId: number) {
    return db
      .selectFrom('event_audience as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .select(['e.id', 'e.name'])
      .where('a.event_id', '=', eventId)
      .orderBy('e.id')
      .execute()
  },

  /** Events with that enterprise in their audience, sign-in opened, not cancelled, latest first (500 at most). */
  openedForEnterprise(db: DbOrTrx, enterpriseId: number, nowText: string): Promise<EventRow[]> {
    // A cancelled event counts in no rate.
    return db
      .selectFrom('events as e')
      .innerJoin('event_audience as a', 'a.event_id', 'e.id')
      .selectAll('e')
      .where('a.enterprise_id', '=', enterpriseId)
      .where('e.sign_in_opens_at', '<=', nowText)
      .where('e.cancelled_at', 'is', null)
      .orderBy('e.starts_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(500)
      .execute()
  },

  /** The enterprise's approved members (distinct people) today. */
  async approvedMemberCount(db: DbOrTrx, enterpriseId: number): Promise<number> {
    const [row] = await approvedMemberCounts(db, [enterpriseId])
    return Number(row?.n ?? 0)
  },

  /** Which of these enterprises are in the event's audience, lowest id first. */
  async audienceAmong(db: DbOrTrx, eventId: number, enterpriseIds: number[]): Promise<number[]> {
    const rows = await db
      .selectFrom('event_audience')
      .select('enterprise_id')
      .where('event_id', '=', eventId)
      .where('enterprise_id', 'in', enterpriseIds)
      .orderBy('enterprise_id')
      .execute()
    return rows.map((r) => r.enterprise_id)
  },

  department(db: DbOrTrx, id: number) {
    return db.selectFrom('departments').select(['id', 'is_office']).where('id', '=', id).executeTakeFirst()
  },

  async existingEnterpriseIds(db: DbOrTrx, ids: number[]): Promise<number[]> {
    const rows = await db.selectFrom('enterprises').select('id').where('id', 'in', ids).execute()
    return rows.map((r) => r.id)
  },

  insert(db: DbOrTrx, values: Omit<EventRow, 'id'>): Promise<EventRow> {
    return db.insertInto('events').values(values).returningAll().executeTakeFirstOrThrow()
  },

  async insertAudience(db: DbOrTrx, eventId: number, enterpriseIds: number[]): Promise<void> {
    for (let i = 0; i < enterpriseIds.length; i += 1000) {
      await db
        .insertInto('event_audience')
        .values(enterpriseIds.slice(i, i + 1000).map((id) => ({ event_id: eventId, enterprise_id: id })))
        .execute()
    }
  },

  /** Cancels the event unless it already was; false when a concurrent cancel won. */
  async cancel(db: DbOrTrx, eventId: number, at: string): Promise<boolean> {
    const result = await db
      .updateTable('events')
      .set({ cancelled_at: at, updated_at: at })
      .where('id', '=', eventId)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  },

  /**
   * The event as it stands, with its row locked for the rest of the transaction (a no-op update), unless
   * it is cancelled: an edit then sees no concurrent edit or cancel half-way (PostgreSQL waits for them).
   */
  lockOpen(db: DbOrTrx, eventId: number): Promise<EventRow | undefined> {
    return db
      .updateTable('events')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', eventId)
      .where('cancelled_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
  },

  /**
   * Whether the event is still open for sign-in (not cancelled), holding a share lock on its row until
   * the transaction ends on PostgreSQL: a cancel waits for the sign-ins in flight, and a sign-in behind
   * a cancel sees it cancelled. Sign-ins do not wait for each other (SQLite runs one write at a time).
   */
  async holdForSignIn(db: DbOrTrx, eventId: number, dialect: Dialect): Promise<boolean> {
    const query = db
      .selectFrom('events')
      .select('id')
      .where('id', '=', eventId)
      .where('cancelled_at', 'is', null)
    return (await (dialect === 'postgres' ? query.forShare() : query).executeTakeFirst()) !== undefined
  },

  update(db: DbOrTrx, eventId: number, values: Partial<Omit<EventRow, 'id'>>): Promise<EventRow> {
    return db
      .updateTable('events')
      .set(values)
      .where('id', '=', eventId)
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  /**
   * Upcoming (what is under way too: the event or its sign-in window has not ended; soonest first) or past
   * (latest first) events of the scope, `limit` at most.
   */
  list(
    db: DbOrTrx,
    scope: EventScope,
    when: 'upcoming' | 'past',
    nowText: string,
    limit: number,
  ): Promise<EventRow[]> {
    let q = db.selectFrom('events').selectAll()
    if ('organisedBy' in scope) {
      const { enterprises, departments } = scope.organisedBy
      q = q.where((eb) =>
        eb.or([
          ...(enterprises.length
            ? [eb.and([eb('organiser_kind', '=', 'enterprise'), eb('organiser_id', 'in', enterprises)])]
            : []),
          ...(departments.length
            ? [eb.and([eb('organiser_kind', '=', 'department'), eb('organiser_id', 'in', departments)])]
            : []),
        ]),
      )
    } else {
      q = q.where('id', 'in', (eb) =>
        eb.selectFrom('event_audience').select('event_id').where('enterprise_id', 'in', scope.audienceOf),
      )
    }
    q =
      when === 'upcoming'
        ? q
            // A cancelled event is not coming: it is listed with the past ones, marked 已取消.
            .where('cancelled_at', 'is', null)
            .where((eb) => eb.or([eb('ends_at', '>=', nowText), eb('sign_in_closes_at', '>=', nowText)]))
            .orderBy('starts_at', 'asc')
        : q
            .where((eb) =>
              eb.or([
                eb.and([eb('ends_at', '<', nowText), eb('sign_in_closes_at', '<', nowText)]),
                eb('cancelled_at', 'is not', null),
              ]),
            )
            .orderBy('starts_at', 'desc')
    return q.orderBy('id').limit(limit).execute()
  },
}

/** Display links (the big screen): stored by the SHA-256 of their token. */
export const displayLinksRepository = {
  insert(
    db: DbOrTrx,
    values: {
      event_id: number
      token_hash: string
      created_by: number
      created_at: string
      expires_at: string
    },
  ) {
    return db
      .insertInto('event_display_tokens')
      .values({ ...values, revoked_at: null, revoked_by: null })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  /** An event's links, newest first. */
  list(db: DbOrTrx, eventId: number) {
    return db
      .selectFrom('event_display_tokens')
      .select(['id', 'created_at', 'expires_at', 'revoked_at'])
      .where('event_id', '=', eventId)
      .orderBy('id', 'desc')
      .execute()
  },

  find(db: DbOrTrx, eventId: number, linkId: number) {
    return db
      .selectFrom('event_display_tokens')
      .select(['id', 'revoked_at'])
      .where('id', '=', linkId)
      .where('event_id', '=', eventId)
      .executeTakeFirst()
  },

  async revoke(db: DbOrTrx, linkId: number, by: number, now: string): Promise<void> {
    await db
      .updateTable('event_display_tokens')
      .set({ revoked_at: now, revoked_by: by })
      .where('id', '=', linkId)
      .execute()
  },

  byTokenHash(db: DbOrTrx, tokenHash: string) {
    return db
      .selectFrom('event_display_tokens')
      .select(['event_id', 'expires_at', 'revoked_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst()
  },
}

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

  /**
   * An event's sign-ins in order (a page of them, or all), with each person's name, phone and enterprise
   * and, for a 代签, the organiser's name.
   */
  ofEvent(db: DbOrTrx, eventId: number, page?: PageRequest) {
    const q = db
      .selectFrom('sign_ins as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .leftJoin('users as p', 'p.id', 's.proxy_by')
      .select([
        's.id',
        's.user_id',
        's.enterprise_id',
        's.signed_in_at',
        's.received_at',
        's.scanned_at',
        's.method',
        's.flags',
        's.distance_m',
        's.proxy_reason',
        'u.name',
        'u.phone',
        'e.name as enterprise_name',
        'p.name as proxy_by_name',
      ])
      .where('s.event_id', '=', eventId)
      .orderBy('s.signed_in_at')
      .orderBy('s.id')
    return onePage(q, page).execute()
  },

  /** How many sign-ins the event has, and how many of them carry a flag. */
  async counts(db: DbOrTrx, eventId: number): Promise<{ count: number; flagged: number }> {
    const row = await db
      .selectFrom('sign_ins')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('flags', '!=', '[]').then(1).else(0).end()).as('flagged'),
      ])
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow()
    return { count: Number(row.n), flagged: Number(row.flagged ?? 0) }
  },

  /** The enterprise's sign-ins per event, among these events. */
  countByEventOfEnterprise(db: DbOrTrx, enterpriseId: number, eventIds: number[]) {
    if (eventIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('sign_ins')
      .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('enterprise_id', '=', enterpriseId)
      .where('event_id', 'in', eventIds)
      .groupBy('event_id')
      .execute()
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
