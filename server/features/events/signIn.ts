import { isoAt } from '../../core/clock'
import type { Transaction } from 'kysely'
import type { Database, EventRow, SignInRow } from '../../core/db/schema'
import type { Db, DbOrTrx, Dialect } from '../../core/db/database'
import { AppError } from '../../core/errors'
import { judgeFreshness, parseQrPayload, verifyQrMac } from './qrToken'
import { type AuthContext } from '../../core/access'
import { audienceEnterprisesOf } from './access'
import type { AtOnce, WriteOutcome } from '../../core/writes'
import {
  distanceMetres,
  type TSignInBody,
  type TSignInFlag,
  type TSignInResult,
} from '../../../src/models/event'
import { placeOf, parseFlags, toSignIn } from './events'
import { chineseMinute } from '../../../src/models/shanghaiTime'
import { eventsRepository } from './repository'
import { signInsRepository, type SignInAnswer } from './signInsRepository'

/** Signing in: a scanned code (live or sent later from the outbox), or the organiser's proxy sign-in. */

type Trx = Transaction<Database>

export interface SignInRules {
  maxOfflineDelayMs: number
  /** How the event row is held against a concurrent cancel (a share lock on PostgreSQL). */
  dialect: Dialect
}

/** A phone's location counts up to this much of its own stated accuracy in the place check. */
export const MAX_ACCURACY_ALLOWANCE_M = 50
/** A live scan whose phone time is further off than this is flagged (the phone's time is not used). */
export const CLOCK_SKEW_FLAG_MS = 2 * 60_000

// ---------- signing in ----------

export function findSignIn(db: DbOrTrx, eventId: number, userId: number) {
  return signInsRepository.find(db, eventId, userId)
}

export function alreadySignedIn(row: SignInAnswer, event: EventRow): WriteOutcome<TSignInResult> {
  return {
    result: { result: 'already_signed_in', signIn: toSignIn(row, event.title) },
    entityType: 'sign_in',
    entityId: row.id,
    detail: { eventId: event.id, repeat: true },
    status: 200,
  }
}

export type NewSignIn = Omit<SignInRow, 'id' | 'event_id' | 'user_id' | 'created_at'>

/**
 * The event is checked again under a share lock of its row, so a sign-in and a cancel are exclusive: the
 * sign-in lands before the cancel commits, or meets the event cancelled (409 EVENT_CANCELLED).
 */
export async function recordSignIn(
  trx: Trx,
  event: EventRow,
  userId: number,
  values: NewSignIn,
  dialect: Dialect,
): Promise<WriteOutcome<TSignInResult>> {
  if (!(await eventsRepository.holdForSignIn(trx, event.id, dialect))) throw eventCancelled(event.title)
  return insertSignIn(trx, event, userId, values)
}

/**
 * Inserts unless the person already has one; the unique index settles races between concurrent requests.
 * The caller holds the event (see `recordSignIn`).
 */
async function insertSignIn(
  trx: Trx,
  event: EventRow,
  userId: number,
  values: NewSignIn,
): Promise<WriteOutcome<TSignInResult>> {
  const inserted = await signInsRepository.insert(trx, {
    ...values,
    event_id: event.id,
    user_id: userId,
    created_at: values.received_at,
  })
  if (!inserted) return twinOf(trx, event, userId)
  return signedIn(inserted, event)
}

/** The user's sign-in inserted first by a concurrent request: answered as already signed in. */
async function twinOf(trx: Trx, event: EventRow, userId: number): Promise<WriteOutcome<TSignInResult>> {
  const existing = await findSignIn(trx, event.id, userId)
  if (!existing) throw new AppError(409, 'CONFLICT')
  return alreadySignedIn(existing, event)
}

function signedIn(row: SignInRow, event: EventRow): WriteOutcome<TSignInResult> {
  return {
    result: { result: 'signed_in', signIn: toSignIn(row, event.title) },
    entityType: 'sign_in',
    entityId: row.id,
    detail: { eventId: event.id, method: row.method, flags: parseFlags(row.flags) },
    status: 201,
  }
}

/**
 * PostgreSQL: the sign-in with the id `scanContext` took for it, inserted by `performWrite` in one
 * statement with its audit row and stored answer (a round trip fewer); a twin inserted first (the unique
 * index) is answered as already signed in, as `insertSignIn` does.
 */
function deferredSignIn(
  event: EventRow,
  userId: number,
  id: number,
  values: NewSignIn,
): WriteOutcome<TSignInResult> {
  const row = newSignInRow(event, userId, id, values)
  return {
    ...signedIn(row, event),
    deferredInsert: {
      insertFinishing: (trx, audit, done) => signInsRepository.insertFinishing(trx, row, audit, done),
      otherwise: (trx) => twinOf(trx, event, userId),
    },
  }
}

/** The new sign-in with the id `scanContext` took for it. */
function newSignInRow(event: EventRow, userId: number, id: number, values: NewSignIn): SignInRow {
  return { ...values, id, event_id: event.id, user_id: userId, created_at: values.received_at }
}

const eventCancelled = (title: string) =>
  new AppError(409, 'EVENT_CANCELLED', `活动“${title}”已取消，无需签到`)

/** A cancelled event takes no sign-in: its code answers 409 EVENT_CANCELLED. */
export function assertNotCancelled(event: Pick<EventRow, 'cancelled_at' | 'title'>) {
  if (event.cancelled_at !== null) throw eventCancelled(event.title)
}

export function checkWindow(event: EventRow, at: number) {
  if (at < Date.parse(event.sign_in_opens_at) || at > Date.parse(event.sign_in_closes_at))
    throw new AppError(
      422,
      'OUTSIDE_WINDOW',
      `不在签到时间（${chineseMinute(event.sign_in_opens_at)} 至 ${chineseMinute(event.sign_in_closes_at)}，北京时间）`,
    )
}

/**
 * One round trip for what a scan needs to know: the event (with its secret), the first audience
 * enterprise the caller belongs to, and the caller's sign-in if any; on PostgreSQL it also holds the event
 * against a cancel for the rest of the transaction (see `recordSignIn`).
 */
export async function loadScanContext(trx: Trx, auth: AuthContext, eventId: number, dialect: Dialect) {
  return signInsRepository.scanContext(trx, dialect, eventId, auth.user.id, enterprisesOf(auth))
}

/** The enterprises the caller belongs to. */
function enterprisesOf(auth: AuthContext): number[] {
  return [
    ...new Set(
      auth.memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id),
    ),
  ]
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
  const found = await loadScanContext(trx, auth, parsed.eventId, rules.dialect)
  const judged = judgeScan(parsed, found, body, now, rules)
  if ('result' in judged) return judged
  const { event, nextId } = found as NonNullable<typeof found>
  if (nextId !== null) return deferredSignIn(event, auth.user.id, nextId, judged)
  return insertSignIn(trx, event, auth.user.id, judged)
}

/**
 * PostgreSQL, a scan tried without a transaction (see `WriteOptions.atOnce`): one read (the scan context
 * and the caller's row of the Idempotency-Key), then, for a new valid sign-in, one statement that inserts
 * it, its audit row and stored answer only if the event is still as read (see `insertAtOnce`). Anything
 * else (a code refused, a sign-in already there, a key seen but not to replay) is left to the full path.
 */
export async function signInAtOnce(
  db: Db,
  auth: AuthContext,
  body: TSignInBody,
  now: number,
  rules: SignInRules,
  key: { scope: number; key: string } | null,
): Promise<AtOnce<TSignInResult> | null> {
  const parsed = parseQrPayload(body.payload)
  if (!parsed) return null
  const found = await signInsRepository.scanAtOnce(db, parsed.eventId, auth.user.id, enterprisesOf(auth), key)
  if (!found) return null
  if (found.keySeen) return { keySeen: found.keySeen, write: null }
  let judged: ReturnType<typeof judgeScan>
  try {
    judged = judgeScan(parsed, found, body, now, rules)
  } catch {
    return null
  }
  const { event, nextId } = found
  if ('result' in judged || nextId === null) return null
  const row = newSignInRow(event, auth.user.id, nextId, judged)
  return {
    write: {
      outcome: signedIn(row, event),
      commit: (audit, stored) => signInsRepository.insertAtOnce(db, event, row, audit, stored),
    },
  }
}

/**
 * A scan, decided on the server alone, in this order: is it our payload (QR_INVALID) → is the caller
 * in the audience (NOT_IN_AUDIENCE) → signed in already (the original, 200) → is the code fresh, or a
 * consistent offline scan (QR_EXPIRED) → inside the window (OUTSIDE_WINDOW) → at the place, when the
 * event has one (LOCATION_REQUIRED / OUT_OF_RANGE): the answer, or the new sign-in's values.
 */
function judgeScan(
  parsed: NonNullable<ReturnType<typeof parseQrPayload>>,
  found: Awaited<ReturnType<typeof loadScanContext>>,
  body: TSignInBody,
  now: number,
  rules: SignInRules,
): WriteOutcome<TSignInResult> | NewSignIn {
  // An unknown event and a forged code answer the same.
  if (!found || !verifyQrMac(parsed, found.event.qr_secret)) throw new AppError(400, 'QR_INVALID')
  const { event, audienceEnterpriseId, existing } = found
  if (audienceEnterpriseId === null) throw new AppError(403, 'NOT_IN_AUDIENCE')
  // Read under the hold (PostgreSQL) or inside SQLite's one writer at a time: no cancel can land before
  // the insert.
  assertNotCancelled(event)
  if (existing) return alreadySignedIn(existing, event)

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
  return {
    enterprise_id: audienceEnterpriseId,
    method: offline ? 'offline' : 'scan',
    signed_in_at: isoAt(at),
    received_at: isoAt(now),
    scanned_at: isoAt(scannedAt),
    slot: parsed.slot,
    lat: location?.lat ?? null,
    lng: location?.lng ?? null,
    accuracy: location?.accuracy ?? null,
    distance_m: distance,
    flags: JSON.stringify(flags),
    proxy_by: null,
    proxy_reason: null,
  }
}

/** 组织者代签: recorded as such, with who and why; the person must be in the audience. */
export async function proxySignIn(
  trx: Trx,
  auth: AuthContext,
  event: EventRow,
  body: { userId: number; reason: string },
  now: number,
  dialect: Dialect,
): Promise<WriteOutcome<TSignInResult>> {
  assertNotCancelled(event)
  const memberships = await signInsRepository.approvedMemberships(trx, body.userId)
  const audience = await audienceEnterprisesOf(trx, memberships, event.id)
  if (audience.length === 0)
    throw new AppError(422, 'NOT_IN_AUDIENCE', '该人员不是本次活动的参加对象', [
      { path: 'userId', message: '该人员不是本次活动的参加对象' },
    ])
  const existing = await findSignIn(trx, event.id, body.userId)
  if (existing) return alreadySignedIn(existing, event)
  if (now < Date.parse(event.sign_in_opens_at)) checkWindow(event, now)
  const values: NewSignIn = {
    enterprise_id: audience[0],
    method: 'proxy',
    signed_in_at: isoAt(now),
    received_at: isoAt(now),
    scanned_at: null,
    slot: null,
    lat: null,
    lng: null,
    accuracy: null,
    distance_m: null,
    flags: JSON.stringify(['proxy'] satisfies TSignInFlag[]),
    proxy_by: auth.user.id,
    proxy_reason: body.reason,
  }
  return recordSignIn(trx, event, body.userId, values, dialect)
}
