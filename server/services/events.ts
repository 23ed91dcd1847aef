import crypto from 'node:crypto'
import ExcelJS from 'exceljs'
import type { Transaction } from 'kysely'
import type { Database, EventRow, SignInRow } from '../db/schema'
import type { DbOrTrx } from '../db/database'
import { AppError, invalid, notFound } from '../lib/errors'
import { EVENT_ORGANISER_ROLES } from '../lib/access'
import {
  issueQr,
  judgeFreshness,
  newEventSecret,
  parseQrPayload,
  verifyQrMac,
  type IssuedQr,
} from '../lib/qrToken'
import { MAX_ID, audienceEnterprisesOf, organisesEvent, type AuthContext } from '../plugins/auth'
import type { WriteOutcome } from './writes'
import { maskPhone } from '../../src/models/phone'
import {
  EVENT_KIND_LABELS,
  SIGN_IN_FLAG_LABELS,
  SIGN_IN_METHOD_LABELS,
  distanceMetres,
  formatBeijingTime,
  type TAttendance,
  type TAttendanceRate,
  type TAttendanceRow,
  type TDisplayLink,
  type TDisplayQr,
  type TEvent,
  type TEventCreateData,
  type TEventKind,
  type TEventSummary,
  type TSignIn,
  type TSignInBody,
  type TSignInFlag,
  type TSignInResult,
} from '../../src/models/event'

type Trx = Transaction<Database>
type OrganiserKind = EventRow['organiser_kind']

export interface SignInRules {
  maxOfflineDelayMs: number
}

/** A phone's location counts up to this much of its own stated accuracy in the place check. */
const MAX_ACCURACY_ALLOWANCE_M = 50
/** A live scan whose phone time is further off than this is flagged (the phone's time is not used). */
const CLOCK_SKEW_FLAG_MS = 2 * 60_000
/** A display link keeps working this long after the sign-in window closes (final count on the screen). */
const DISPLAY_GRACE_MS = 3600_000

const iso = (ms: number) => new Date(ms).toISOString()

function phaseAt(event: EventRow, now: number): TEvent['phase'] {
  if (now < Date.parse(event.sign_in_opens_at)) return 'not_started'
  if (now > Date.parse(event.sign_in_closes_at)) return 'closed'
  return 'open'
}

function placeOf(event: EventRow): TEvent['place'] {
  if (event.place_lat === null || event.place_lng === null || event.place_radius_m === null) return null
  return {
    name: event.place_name,
    lat: event.place_lat,
    lng: event.place_lng,
    radiusM: event.place_radius_m,
  }
}

function parseFlags(text: string): TSignInFlag[] {
  try {
    const value = JSON.parse(text)
    return Array.isArray(value) ? (value as TSignInFlag[]) : []
  } catch {
    return []
  }
}

function toSignIn(row: SignInRow, eventTitle: string): TSignIn {
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

async function organiserNames(
  db: DbOrTrx,
  events: Pick<EventRow, 'organiser_kind' | 'organiser_id'>[],
): Promise<(kind: OrganiserKind, id: number) => string> {
  const ids = (kind: OrganiserKind) => [
    ...new Set(events.filter((e) => e.organiser_kind === kind).map((e) => e.organiser_id)),
  ]
  const enterpriseIds = ids('enterprise')
  const departmentIds = ids('department')
  const enterprises = enterpriseIds.length
    ? await db.selectFrom('enterprises').select(['id', 'name']).where('id', 'in', enterpriseIds).execute()
    : []
  const departments = departmentIds.length
    ? await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', departmentIds).execute()
    : []
  const byKind = {
    enterprise: new Map(enterprises.map((r) => [r.id, r.name])),
    department: new Map(departments.map((r) => [r.id, r.name])),
  }
  return (kind, id) => byKind[kind].get(id) ?? ''
}

async function countByEvent(
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
}

/** Approved members (distinct people) of the event's audience enterprises, as of now. */
async function expectedAttendees(db: DbOrTrx, eventId: number): Promise<number> {
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
}

async function summaries(
  db: DbOrTrx,
  auth: AuthContext,
  rows: EventRow[],
  now: number,
): Promise<TEventSummary[]> {
  const ids = rows.map((r) => r.id)
  const [names, signedIn, audience, mine] = await Promise.all([
    organiserNames(db, rows),
    countByEvent(db, 'sign_ins', ids),
    countByEvent(db, 'event_audience', ids),
    ids.length
      ? db
          .selectFrom('sign_ins')
          .select(['event_id', 'signed_in_at', 'method'])
          .where('user_id', '=', auth.user.id)
          .where('event_id', 'in', ids)
          .execute()
      : Promise.resolve([]),
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
      createdAt: row.created_at,
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
  const audience = await db
    .selectFrom('event_audience as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['e.id', 'e.name'])
    .where('a.event_id', '=', event.id)
    .orderBy('e.id')
    .execute()
  const { audienceCount: _count, ...rest } = summary
  return { ...rest, description: event.description, audience }
}

// ---------- creating ----------

export interface Organiser {
  kind: OrganiserKind
  id: number
}

/** For a county event: the enterprises chosen must be ones the department supervises (the office: any). */
async function checkCountyAudience(trx: Trx, departmentId: number, ids: number[]): Promise<void> {
  const department = await trx
    .selectFrom('departments')
    .select(['id', 'is_office'])
    .where('id', '=', departmentId)
    .executeTakeFirst()
  if (!department) throw notFound()
  const allowed = new Set<number>()
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000)
    const rows = department.is_office
      ? await trx.selectFrom('enterprises').select('id as enterprise_id').where('id', 'in', chunk).execute()
      : await trx
          .selectFrom('supervision_links')
          .select('enterprise_id')
          .where('department_id', '=', departmentId)
          .where('enterprise_id', 'in', chunk)
          .execute()
    for (const r of rows) allowed.add(r.enterprise_id)
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
  if (organiser.kind === 'department') await checkCountyAudience(trx, organiser.id, audienceEnterpriseIds)
  const created = iso(now)
  const place = data.place ?? null
  const event = await trx
    .insertInto('events')
    .values({
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
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  for (let i = 0; i < audienceEnterpriseIds.length; i += 1000) {
    await trx
      .insertInto('event_audience')
      .values(
        audienceEnterpriseIds.slice(i, i + 1000).map((id) => ({ event_id: event.id, enterprise_id: id })),
      )
      .execute()
  }
  return {
    result: await eventView(trx, auth, event, now),
    entityType: 'event',
    entityId: event.id,
    detail: { kind: event.kind, organiser, audience: audienceEnterpriseIds.length },
  }
}

// ---------- lists ----------

export async function listEvents(
  db: DbOrTrx,
  auth: AuthContext,
  query: { as: 'attendee' | 'organiser'; when: 'upcoming' | 'past'; limit: number },
  now: number,
): Promise<TEventSummary[]> {
  const nowText = iso(now)
  let q = db.selectFrom('events').selectAll()
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
    const mine = [
      ...new Set(
        auth.memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id),
      ),
    ]
    if (mine.length === 0) return []
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('event_audience').select('event_id').where('enterprise_id', 'in', mine),
    )
  }
  // Upcoming includes what is under way: the event or its sign-in window has not ended.
  q =
    query.when === 'upcoming'
      ? q
          .where((eb) => eb.or([eb('ends_at', '>=', nowText), eb('sign_in_closes_at', '>=', nowText)]))
          .orderBy('starts_at', 'asc')
      : q.where('ends_at', '<', nowText).where('sign_in_closes_at', '<', nowText).orderBy('starts_at', 'desc')
  const rows = await q.orderBy('id').limit(query.limit).execute()
  return summaries(db, auth, rows, now)
}

// ---------- the QR and its display links ----------

export function currentQr(event: EventRow, now: number): IssuedQr {
  return issueQr(event.id, event.qr_secret, now)
}

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex')
const DISPLAY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/

function displayExpiry(event: EventRow, now: number): number {
  const end = Math.max(Date.parse(event.sign_in_closes_at), Date.parse(event.ends_at)) + DISPLAY_GRACE_MS
  return Math.max(end, now + DISPLAY_GRACE_MS)
}

export async function createDisplayLink(
  trx: Trx,
  auth: AuthContext,
  event: EventRow,
  now: number,
): Promise<WriteOutcome<TDisplayLink>> {
  const token = crypto.randomBytes(24).toString('base64url')
  const row = await trx
    .insertInto('event_display_tokens')
    .values({
      event_id: event.id,
      token_hash: hashToken(token),
      created_by: auth.user.id,
      created_at: iso(now),
      expires_at: iso(displayExpiry(event, now)),
      revoked_at: null,
      revoked_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return {
    result: {
      id: row.id,
      token,
      qrPath: `/api/v1/display/${token}/qr`,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: null,
    },
    entityType: 'event_display_token',
    entityId: row.id,
    detail: { eventId: event.id },
  }
}

export async function listDisplayLinks(db: DbOrTrx, eventId: number): Promise<TDisplayLink[]> {
  const rows = await db
    .selectFrom('event_display_tokens')
    .select(['id', 'created_at', 'expires_at', 'revoked_at'])
    .where('event_id', '=', eventId)
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }))
}

export async function revokeDisplayLink(
  trx: Trx,
  auth: AuthContext,
  eventId: number,
  linkId: number,
  now: number,
): Promise<WriteOutcome<{ ok: true }>> {
  if (linkId > MAX_ID) throw notFound()
  const row = await trx
    .selectFrom('event_display_tokens')
    .select(['id', 'revoked_at'])
    .where('id', '=', linkId)
    .where('event_id', '=', eventId)
    .executeTakeFirst()
  if (!row) throw notFound()
  if (!row.revoked_at)
    await trx
      .updateTable('event_display_tokens')
      .set({ revoked_at: iso(now), revoked_by: auth.user.id })
      .where('id', '=', linkId)
      .execute()
  return { result: { ok: true }, entityType: 'event_display_token', entityId: linkId, detail: { eventId } }
}

/** The big screen: only the token, which must be live (not revoked, not past the event). */
export async function displayQr(db: DbOrTrx, token: string, now: number): Promise<TDisplayQr> {
  if (!DISPLAY_TOKEN_PATTERN.test(token)) throw notFound()
  const link = await db
    .selectFrom('event_display_tokens')
    .select(['event_id', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!link || link.revoked_at !== null || Date.parse(link.expires_at) <= now) throw notFound()
  const event = await db
    .selectFrom('events')
    .selectAll()
    .where('id', '=', link.event_id)
    .executeTakeFirstOrThrow()
  const [counts, expected] = await Promise.all([
    countByEvent(db, 'sign_ins', [event.id]),
    expectedAttendees(db, event.id),
  ])
  return {
    ...currentQr(event, now),
    event: {
      title: event.title,
      kind: event.kind as TEventKind,
      signInOpensAt: event.sign_in_opens_at,
      signInClosesAt: event.sign_in_closes_at,
      phase: phaseAt(event, now),
    },
    attendance: { count: counts.get(event.id) ?? 0, expected },
  }
}

// ---------- signing in ----------

function findSignIn(db: DbOrTrx, eventId: number, userId: number) {
  return db
    .selectFrom('sign_ins')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

function alreadySignedIn(row: SignInRow, event: EventRow): WriteOutcome<TSignInResult> {
  return {
    result: { result: 'already_signed_in', signIn: toSignIn(row, event.title) },
    entityType: 'sign_in',
    entityId: row.id,
    detail: { eventId: event.id, repeat: true },
    status: 200,
  }
}

type NewSignIn = Omit<SignInRow, 'id' | 'event_id' | 'user_id' | 'created_at'>

/** Inserts unless the person already has one; the unique index settles races between concurrent requests. */
async function recordSignIn(
  trx: Trx,
  event: EventRow,
  userId: number,
  values: NewSignIn,
): Promise<WriteOutcome<TSignInResult>> {
  const inserted = await trx
    .insertInto('sign_ins')
    .values({ ...values, event_id: event.id, user_id: userId, created_at: values.received_at })
    .onConflict((oc) => oc.columns(['event_id', 'user_id']).doNothing())
    .returningAll()
    .executeTakeFirst()
  if (!inserted) {
    const existing = await findSignIn(trx, event.id, userId)
    if (!existing) throw new AppError(409, 'CONFLICT')
    return alreadySignedIn(existing, event)
  }
  return {
    result: { result: 'signed_in', signIn: toSignIn(inserted, event.title) },
    entityType: 'sign_in',
    entityId: inserted.id,
    detail: { eventId: event.id, method: inserted.method, flags: parseFlags(inserted.flags) },
    status: 201,
  }
}

function checkWindow(event: EventRow, at: number) {
  if (at < Date.parse(event.sign_in_opens_at) || at > Date.parse(event.sign_in_closes_at))
    throw new AppError(
      422,
      'OUTSIDE_WINDOW',
      `不在签到时间（${formatBeijingTime(event.sign_in_opens_at)} 至 ${formatBeijingTime(event.sign_in_closes_at)}）`,
    )
}

/**
 * One round trip for what a scan needs to know: the event (with its secret), the first audience
 * enterprise the caller belongs to, and whether the caller has signed in already.
 */
async function loadScanContext(trx: Trx, auth: AuthContext, eventId: number) {
  const mine = [
    ...new Set(
      auth.memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id),
    ),
  ]
  const row = await trx
    .selectFrom('events as e')
    .selectAll('e')
    .select((eb) => [
      (mine.length > 0
        ? eb
            .selectFrom('event_audience as a')
            .select('a.enterprise_id')
            .whereRef('a.event_id', '=', 'e.id')
            .where('a.enterprise_id', 'in', mine)
            .orderBy('a.enterprise_id')
            .limit(1)
        : eb.val(null)
      ).as('audience_enterprise_id'),
      eb
        .selectFrom('sign_ins as s')
        .select('s.id')
        .whereRef('s.event_id', '=', 'e.id')
        .where('s.user_id', '=', auth.user.id)
        .as('existing_sign_in_id'),
    ])
    .where('e.id', '=', eventId)
    .executeTakeFirst()
  if (!row) return null
  const { audience_enterprise_id, existing_sign_in_id, ...event } = row
  return {
    event: event as EventRow,
    audienceEnterpriseId: audience_enterprise_id === null ? null : Number(audience_enterprise_id),
    existingSignInId: existing_sign_in_id === null ? null : Number(existing_sign_in_id),
  }
}

/**
 * A scan, decided on the server alone, in this order: is it our payload (QR_INVALID) → is the caller
 * in the audience (NOT_IN_AUDIENCE) → signed in already (the original, 200) → is the code fresh, or a
 * consistent offline scan (QR_EXPIRED) → inside the window (OUTSIDE_WINDOW) → at the place, when the
 * event has one (LOCATION_REQUIRED / OUT_OF_RANGE) → one row, whatever the concurrency.
 */
export async function signInWithPayload(
  trx: Trx,
  auth: AuthContext,
  body: TSignInBody,
  now: number,
  rules: SignInRules,
): Promise<WriteOutcome<TSignInResult>> {
  const parsed = parseQrPayload(body.payload)
  if (!parsed) throw new AppError(400, 'QR_INVALID')
  const found = await loadScanContext(trx, auth, parsed.eventId)
  // An unknown event and a forged code answer the same.
  if (!found || !verifyQrMac(parsed, found.event.qr_secret)) throw new AppError(400, 'QR_INVALID')
  const { event, audienceEnterpriseId, existingSignInId } = found
  if (audienceEnterpriseId === null) throw new AppError(403, 'NOT_IN_AUDIENCE')

  if (existingSignInId !== null) {
    const existing = await findSignIn(trx, event.id, auth.user.id)
    if (existing) return alreadySignedIn(existing, event)
  }

  const scannedAt = Date.parse(body.scannedAt)
  const freshness = judgeFreshness(parsed.slot, now, scannedAt, {
    maxOfflineDelayMs: rules.maxOfflineDelayMs,
  })
  if (freshness.kind === 'future') throw new AppError(400, 'QR_INVALID')
  if (freshness.kind === 'expired') {
    const hours = Math.round((rules.maxOfflineDelayMs / 3600_000) * 10) / 10
    const message =
      freshness.reason === 'too_late'
        ? `二维码已过期：离线扫码须在 ${hours} 小时内上传`
        : freshness.reason === 'scan_in_future'
          ? '二维码已过期：手机时间不正确，请校准时间后重新扫码'
          : undefined
    throw new AppError(422, 'QR_EXPIRED', message)
  }
  const offline = freshness.kind === 'offline'
  // The time that counts: the server's for a live scan; the phone's (tied to the signed slot) offline.
  const at = offline ? scannedAt : now
  checkWindow(event, at)

  const place = placeOf(event)
  const location = body.location ?? null
  let distance: number | null = null
  if (location) distance = place ? Math.round(distanceMetres(place, location) * 10) / 10 : null
  if (place) {
    if (!location) throw new AppError(422, 'LOCATION_REQUIRED')
    const allowance = Math.min(location.accuracy ?? 0, MAX_ACCURACY_ALLOWANCE_M)
    if ((distance ?? Infinity) > place.radiusM + allowance) throw new AppError(422, 'OUT_OF_RANGE')
  }

  const flags: TSignInFlag[] = []
  if (offline) flags.push('offline_upload')
  if ((offline && freshness.clockSkew) || (!offline && Math.abs(scannedAt - now) > CLOCK_SKEW_FLAG_MS))
    flags.push('clock_skew')
  return recordSignIn(trx, event, auth.user.id, {
    enterprise_id: audienceEnterpriseId,
    method: offline ? 'offline' : 'scan',
    signed_in_at: iso(at),
    received_at: iso(now),
    scanned_at: iso(scannedAt),
    slot: parsed.slot,
    lat: location?.lat ?? null,
    lng: location?.lng ?? null,
    accuracy: location?.accuracy ?? null,
    distance_m: distance,
    flags: JSON.stringify(flags),
    proxy_by: null,
    proxy_reason: null,
  })
}

/** 组织者代签: recorded as such, with who and why; the person must be in the audience. */
export async function proxySignIn(
  trx: Trx,
  auth: AuthContext,
  event: EventRow,
  body: { userId: number; reason: string },
  now: number,
): Promise<WriteOutcome<TSignInResult>> {
  const memberships = await trx
    .selectFrom('memberships')
    .select(['organisation_kind', 'organisation_id'])
    .where('user_id', '=', body.userId)
    .where('status', '=', 'approved')
    .execute()
  const audience = await audienceEnterprisesOf(trx, memberships, event.id)
  if (audience.length === 0)
    throw new AppError(422, 'NOT_IN_AUDIENCE', '该人员不是本次活动的参加对象', [
      { path: 'userId', message: '该人员不是本次活动的参加对象' },
    ])
  const existing = await findSignIn(trx, event.id, body.userId)
  if (existing) return alreadySignedIn(existing, event)
  if (now < Date.parse(event.sign_in_opens_at)) checkWindow(event, now)
  return recordSignIn(trx, event, body.userId, {
    enterprise_id: audience[0],
    method: 'proxy',
    signed_in_at: iso(now),
    received_at: iso(now),
    scanned_at: null,
    slot: null,
    lat: null,
    lng: null,
    accuracy: null,
    distance_m: null,
    flags: JSON.stringify(['proxy'] satisfies TSignInFlag[]),
    proxy_by: auth.user.id,
    proxy_reason: body.reason,
  })
}

// ---------- the organiser's tools ----------

export async function attendance(db: DbOrTrx, event: EventRow): Promise<TAttendance> {
  const rows = await db
    .selectFrom('sign_ins as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
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
    ])
    .where('s.event_id', '=', event.id)
    .orderBy('s.signed_in_at')
    .orderBy('s.id')
    .execute()
  const signIns: TAttendanceRow[] = rows.map((r) => ({
    signInId: r.id,
    userId: r.user_id,
    name: r.name,
    phoneMasked: maskPhone(r.phone),
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    signedInAt: r.signed_in_at,
    method: r.method,
    flags: parseFlags(r.flags),
    scannedAt: r.scanned_at,
    receivedAt: r.received_at,
    distanceM: r.distance_m,
    proxyReason: r.proxy_reason,
  }))
  return {
    eventId: event.id,
    title: event.title,
    count: signIns.length,
    expected: await expectedAttendees(db, event.id),
    flaggedCount: signIns.filter((s) => s.flags.length > 0).length,
    signIns,
  }
}

export const ATTENDANCE_SHEET_COLUMNS = [
  '序号',
  '姓名',
  '手机号',
  '企业',
  '签到时间（北京时间）',
  '签到方式',
  '标记',
  '代签原因',
] as const

/** The attendance as a real .xlsx: one header row, one row per person, and a sheet about the event. */
export async function attendanceWorkbook(db: DbOrTrx, event: EventRow): Promise<Buffer> {
  const list = await attendance(db, event)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '清廉企业'
  workbook.created = new Date(event.created_at)
  const sheet = workbook.addWorksheet('签到名单', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = ATTENDANCE_SHEET_COLUMNS.map((header, i) => ({
    header,
    key: `c${i}`,
    width: [6, 12, 16, 30, 22, 12, 36, 24][i],
  }))
  sheet.getRow(1).font = { bold: true }
  list.signIns.forEach((s, i) => {
    sheet.addRow([
      i + 1,
      s.name,
      s.phoneMasked ?? '',
      s.enterpriseName,
      formatBeijingTime(s.signedInAt),
      SIGN_IN_METHOD_LABELS[s.method],
      s.flags.map((f) => SIGN_IN_FLAG_LABELS[f]).join('；'),
      s.proxyReason ?? '',
    ])
  })
  const info = workbook.addWorksheet('活动信息')
  info.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 50 },
  ]
  info.addRows([
    ['活动名称', event.title],
    ['活动类型', EVENT_KIND_LABELS[event.kind as TEventKind] ?? event.kind],
    ['开始时间', formatBeijingTime(event.starts_at)],
    ['结束时间', formatBeijingTime(event.ends_at)],
    [
      '签到时间',
      `${formatBeijingTime(event.sign_in_opens_at)} 至 ${formatBeijingTime(event.sign_in_closes_at)}`,
    ],
    ['应到人数', list.expected],
    ['实到人数', list.count],
    ['需关注', list.flaggedCount],
  ])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Each event the enterprise was invited to (its sign-in opened): its members expected vs signed in. */
export async function attendanceRate(
  db: DbOrTrx,
  enterpriseId: number,
  now: number,
): Promise<TAttendanceRate> {
  const events = await db
    .selectFrom('events as e')
    .innerJoin('event_audience as a', 'a.event_id', 'e.id')
    .selectAll('e')
    .where('a.enterprise_id', '=', enterpriseId)
    .where('e.sign_in_opens_at', '<=', iso(now))
    .orderBy('e.starts_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(500)
    .execute()
  const ids = events.map((e) => e.id)
  const [names, attendedRows, expectedRow] = await Promise.all([
    organiserNames(db, events),
    ids.length
      ? db
          .selectFrom('sign_ins')
          .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('enterprise_id', '=', enterpriseId)
          .where('event_id', 'in', ids)
          .groupBy('event_id')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('memberships')
      .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
      .where('organisation_kind', '=', 'enterprise')
      .where('organisation_id', '=', enterpriseId)
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow(),
  ])
  const attended = new Map(attendedRows.map((r) => [r.event_id, Number(r.n)]))
  const expected = Number(expectedRow.n)
  const rate = (a: number, e: number) => (e > 0 ? Math.round((a / e) * 1000) / 1000 : null)
  const rows = events.map((e) => {
    const a = attended.get(e.id) ?? 0
    return {
      eventId: e.id,
      title: e.title,
      kind: e.kind as TEventKind,
      startsAt: e.starts_at,
      organiser: {
        kind: e.organiser_kind,
        id: e.organiser_id,
        name: names(e.organiser_kind, e.organiser_id),
      },
      expected,
      attended: a,
      rate: rate(a, expected),
    }
  })
  const totalExpected = rows.reduce((sum, r) => sum + r.expected, 0)
  const totalAttended = rows.reduce((sum, r) => sum + r.attended, 0)
  return {
    enterpriseId,
    events: rows,
    totals: { expected: totalExpected, attended: totalAttended, rate: rate(totalAttended, totalExpected) },
  }
}
