import { isoAt } from '../../core/clock'
import type { Transaction } from 'kysely'
import type { Database, EventRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { AppError, invalid, found } from '../../core/errors'
import { EVENT_ORGANISER_ROLES } from '../../../src/models/roles'
import { newEventSecret } from './qrToken'
import { supervisedEnterpriseIds, type AuthContext } from '../../core/access'
import { organisesEvent } from './access'
import { eventsRepository, type EventScope } from './repository'
import type { SignInAnswer } from './signInsRepository'
import { changedFields, type WriteOutcome } from '../../core/writes'
import {
  eventEndProblem,
  type TEvent,
  type TEventCreateData,
  type TEventKind,
  type TEventSummary,
  type TSignIn,
  type TSignInFlag,
} from '../../../src/models/event'
import { eventEditProblems, type TEventUpdateData } from '../../../src/models/eventEdit'

/** Events (清廉文化活动): views, creation by an enterprise or a department, the caller's lists. */

type Trx = Transaction<Database>
type OrganiserKind = EventRow['organiser_kind']

export function phaseAt(event: EventRow, now: number): TEvent['phase'] {
  if (now < Date.parse(event.sign_in_opens_at)) return 'not_started'
  if (now > Date.parse(event.sign_in_closes_at)) return 'closed'
  return 'open'
}

export function placeOf(event: EventRow): TEvent['place'] {
  if (event.place_lat === null || event.place_lng === null || event.place_radius_m === null) return null
  return {
    name: event.place_name,
    lat: event.place_lat,
    lng: event.place_lng,
    radiusM: event.place_radius_m,
  }
}

export function parseFlags(text: string): TSignInFlag[] {
  try {
    const value = JSON.parse(text)
    return Array.isArray(value) ? (value as TSignInFlag[]) : []
  } catch {
    return []
  }
}

export function toSignIn(row: SignInAnswer, eventTitle: string): TSignIn {
  return {
    id: row.id,
    eventId: row.event_id,
    eventTitle,
    userId: row.user_id,
    signedInAt: row.signed_in_at,
    receivedAt: row.received_at,
    scannedAt: row.scanned_at,
    method: row.method,
    flags: parseFlags(row.flags),
  }
}

export async function organiserNames(
  db: DbOrTrx,
  events: Pick<EventRow, 'organiser_kind' | 'organiser_id'>[],
): Promise<(kind: OrganiserKind, id: number) => string> {
  const byKind = await eventsRepository.organiserNames(db, events)
  return (kind, id) => byKind[kind].get(id) ?? ''
}

export async function summaries(
  db: DbOrTrx,
  auth: AuthContext,
  rows: EventRow[],
  now: number,
): Promise<TEventSummary[]> {
  const ids = rows.map((r) => r.id)
  const myEnterprises = [
    ...new Set(
      auth.memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id),
    ),
  ]
  const [names, signedIn, audience, mine, invited] = await Promise.all([
    organiserNames(db, rows),
    eventsRepository.countByEvent(db, 'sign_ins', ids),
    eventsRepository.countByEvent(db, 'event_audience', ids),
    eventsRepository.mySignIns(db, auth.user.id, ids),
    eventsRepository.eventsWithAudienceAmong(db, ids, myEnterprises),
  ])
  const mineByEvent = new Map(mine.map((r) => [r.event_id, r]))
  return rows.map((row) => {
    const my = mineByEvent.get(row.id)
    return {
      id: row.id,
      kind: row.kind as TEventKind,
      title: row.title,
      organiser: {
        kind: row.organiser_kind,
        id: row.organiser_id,
        name: names(row.organiser_kind, row.organiser_id),
      },
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      signInOpensAt: row.sign_in_opens_at,
      signInClosesAt: row.sign_in_closes_at,
      phase: phaseAt(row, now),
      place: placeOf(row),
      canManage: organisesEvent(auth, row),
      signedInCount: signedIn.get(row.id) ?? 0,
      mySignIn: my ? { signedInAt: my.signed_in_at, method: my.method } : null,
      inAudience: invited.has(row.id),
      createdAt: row.created_at,
      cancelledAt: row.cancelled_at,
      audienceCount: audience.get(row.id) ?? 0,
    }
  })
}

export async function eventView(
  db: DbOrTrx,
  auth: AuthContext,
  event: EventRow,
  now: number,
): Promise<TEvent> {
  const [summary] = await summaries(db, auth, [event], now)
  const audience = await eventsRepository.audience(db, event.id)
  const { audienceCount: _count, ...rest } = summary
  return { ...rest, description: event.description, audience }
}

// ---------- creating ----------

export interface Organiser {
  kind: OrganiserKind
  id: number
}

/** For a county event: the enterprises chosen must be ones the department supervises (the office: any). */
export async function checkCountyAudience(trx: Trx, departmentId: number, ids: number[]): Promise<void> {
  const department = await found(eventsRepository.department(trx, departmentId))
  const allowed = new Set<number>()
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000)
    const found = department.is_office
      ? await eventsRepository.existingEnterpriseIds(trx, chunk)
      : (await supervisedEnterpriseIds(trx, departmentId).where('enterprise_id', 'in', chunk).execute()).map(
          (r) => r.enterprise_id,
        )
    for (const id of found) allowed.add(id)
  }
  const index = ids.findIndex((id) => !allowed.has(id))
  if (index >= 0) throw invalid(`audienceEnterpriseIds.${index}`, '该企业不存在或不在本部门监管范围内')
}

export async function createEvent(
  trx: Trx,
  auth: AuthContext,
  organiser: Organiser,
  data: TEventCreateData,
  audienceEnterpriseIds: number[],
  now: number,
): Promise<WriteOutcome<TEvent>> {
  const ended = eventEndProblem(data.endsAt, now)
  if (ended) throw invalid('endsAt', ended)
  if (organiser.kind === 'department') await checkCountyAudience(trx, organiser.id, audienceEnterpriseIds)
  const created = isoAt(now)
  const place = data.place ?? null
  const event = await eventsRepository.insert(trx, {
    kind: data.kind,
    title: data.title,
    description: data.description ?? null,
    organiser_kind: organiser.kind,
    organiser_id: organiser.id,
    starts_at: data.startsAt,
    ends_at: data.endsAt,
    sign_in_opens_at: data.signInOpensAt,
    sign_in_closes_at: data.signInClosesAt,
    place_name: place?.name ?? null,
    place_lat: place?.lat ?? null,
    place_lng: place?.lng ?? null,
    place_radius_m: place?.radiusM ?? null,
    qr_secret: newEventSecret(),
    created_by: auth.user.id,
    created_at: created,
    updated_at: created,
    cancelled_at: null,
  })
  await eventsRepository.insertAudience(trx, event.id, audienceEnterpriseIds)
  return {
    result: await eventView(trx, auth, event, now),
    entityType: 'event',
    entityId: event.id,
    detail: { kind: event.kind, organiser, audience: audienceEnterpriseIds.length },
  }
}

// ---------- cancelling ----------

/** The organiser cancels an event (已取消): the row stays, out of upcoming lists and every rate; no more sign-in. */
export async function cancelEvent(
  trx: Trx,
  auth: AuthContext,
  event: EventRow,
  now: number,
): Promise<WriteOutcome<TEvent>> {
  if (!(await eventsRepository.cancel(trx, event.id, isoAt(now)))) throw new AppError(409, 'EVENT_CANCELLED')
  const cancelled = await found(eventsRepository.byId(trx, event.id))
  return {
    result: await eventView(trx, auth, cancelled, now),
    entityType: 'event',
    entityId: event.id,
    detail: { title: event.title, startsAt: event.starts_at },
    organisation: { kind: event.organiser_kind, id: event.organiser_id },
  }
}

// ---------- editing ----------

const timesOf = (event: EventRow) => ({
  startsAt: event.starts_at,
  endsAt: event.ends_at,
  signInOpensAt: event.sign_in_opens_at,
  signInClosesAt: event.sign_in_closes_at,
})

/** What an edit can change, as the API names it: the audit row records it before → after. */
function editableOf(event: EventRow) {
  return {
    kind: event.kind,
    title: event.title,
    description: event.description,
    ...timesOf(event),
    place: placeOf(event),
  }
}

/**
 * 修改活动 by its organisers: the times as they would be are checked by the rule of creation and against
 * now (eventEditProblems: what has begun stays, nothing moves into the past, after the end the sign-in
 * can only be extended). The row is locked first, so a concurrent edit or cancel is seen; a cancelled
 * event answers 409 EVENT_CANCELLED.
 */
export async function updateEvent(
  trx: Trx,
  auth: AuthContext,
  eventId: number,
  input: TEventUpdateData,
  now: number,
): Promise<WriteOutcome<TEvent>> {
  const event = await eventsRepository.lockOpen(trx, eventId)
  if (!event) throw new AppError(409, 'EVENT_CANCELLED')
  const before = editableOf(event)
  const next = {
    startsAt: input.startsAt ?? before.startsAt,
    endsAt: input.endsAt ?? before.endsAt,
    signInOpensAt: input.signInOpensAt ?? before.signInOpensAt,
    signInClosesAt: input.signInClosesAt ?? before.signInClosesAt,
  }
  const problems = eventEditProblems(timesOf(event), next, now)
  if (problems.length) throw new AppError(400, 'VALIDATION_FAILED', undefined, problems)
  const place = input.place === undefined ? before.place : (input.place ?? null)
  const after = {
    kind: input.kind ?? before.kind,
    title: input.title ?? before.title,
    description: input.description === undefined ? before.description : (input.description ?? null),
    ...next,
    place: place && { name: place.name ?? null, lat: place.lat, lng: place.lng, radiusM: place.radiusM },
  }
  const updated = await eventsRepository.update(trx, eventId, {
    kind: after.kind,
    title: after.title,
    description: after.description,
    starts_at: after.startsAt,
    ends_at: after.endsAt,
    sign_in_opens_at: after.signInOpensAt,
    sign_in_closes_at: after.signInClosesAt,
    place_name: after.place?.name ?? null,
    place_lat: after.place?.lat ?? null,
    place_lng: after.place?.lng ?? null,
    place_radius_m: after.place?.radiusM ?? null,
    updated_at: isoAt(now),
  })
  return {
    result: await eventView(trx, auth, updated, now),
    entityType: 'event',
    entityId: eventId,
    detail: changedFields(before, after),
    organisation: { kind: event.organiser_kind, id: event.organiser_id },
  }
}

// ---------- lists ----------

export async function listEvents(
  db: DbOrTrx,
  auth: AuthContext,
  query: { as: 'attendee' | 'organiser'; when: 'upcoming' | 'past'; limit: number },
  now: number,
): Promise<TEventSummary[]> {
  let scope: EventScope
  if (query.as === 'organiser') {
    const held = (kind: OrganiserKind) => {
      const roles: readonly string[] = EVENT_ORGANISER_ROLES[kind]
      return [
        ...new Set(
          auth.memberships
            .filter((m) => m.organisation_kind === kind && roles.includes(m.role))
            .map((m) => m.organisation_id),
        ),
      ]
    }
    const enterprises = held('enterprise')
    const departments = held('department')
    if (enterprises.length === 0 && departments.length === 0) return []
    scope = { organisedBy: { enterprises, departments } }
  } else {
    const mine = [
      ...new Set(
        auth.memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id),
      ),
    ]
    if (mine.length === 0) return []
    scope = { audienceOf: mine }
  }
  const rows = await eventsRepository.list(db, scope, query.when, isoAt(now), query.limit)
  return summaries(db, auth, rows, now)
}
