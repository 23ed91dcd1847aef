import type { DbOrTrx, Dialect } from '../../core/db/database'
import { organisationNames } from '../../core/db/names'
import { onePage, type PageRequest } from '../../core/db/page'
import type { EventRow } from '../../core/db/schema'
import { approvedMemberCounts } from '../../core/db/members'

/** Events and their audiences. Sign-ins: `signInsRepository.ts`; display links: `displayLinksRepository.ts`. */

type OrganiserKind = EventRow['organiser_kind']
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
