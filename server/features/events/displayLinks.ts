import { isoAt } from '../../core/clock'
import crypto from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database, EventRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { found, notFound } from '../../core/errors'
import { issueQr, type IssuedQr } from './qrToken'
import { MAX_ID, type AuthContext } from '../../core/access'
import type { WriteOutcome } from '../../core/writes'
import { type TDisplayLink, type TDisplayQr, type TEventKind } from '../../../src/models/event'
import { phaseAt } from './events'
import { displayLinksRepository } from './displayLinksRepository'
import { eventsRepository } from './repository'

/** The rotating QR, and the display links that show it on a big screen without a login. */

type Trx = Transaction<Database>

/** A display link keeps working this long after the sign-in window closes (final count on the screen). */
export const DISPLAY_GRACE_MS = 3600_000

// ---------- the QR and its display links ----------

export function currentQr(event: EventRow, now: number): IssuedQr {
  return issueQr(event.id, event.qr_secret, now)
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex')
export const DISPLAY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/

export function displayExpiry(event: EventRow, now: number): number {
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
  const row = await displayLinksRepository.insert(trx, {
    event_id: event.id,
    token_hash: hashToken(token),
    created_by: auth.user.id,
    created_at: isoAt(now),
    expires_at: isoAt(displayExpiry(event, now)),
  })
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
  const rows = await displayLinksRepository.list(db, eventId)
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
  const row = await found(displayLinksRepository.find(trx, eventId, linkId))
  if (!row.revoked_at) await displayLinksRepository.revoke(trx, linkId, auth.user.id, isoAt(now))
  return { result: { ok: true }, entityType: 'event_display_token', entityId: linkId, detail: { eventId } }
}

/** The big screen: only the token, which must be live (not revoked, not past the event). */
export async function displayQr(db: DbOrTrx, token: string, now: number): Promise<TDisplayQr> {
  if (!DISPLAY_TOKEN_PATTERN.test(token)) throw notFound()
  const link = await displayLinksRepository.byTokenHash(db, hashToken(token))
  if (!link || link.revoked_at !== null || Date.parse(link.expires_at) <= now) throw notFound()
  const event = (await eventsRepository.byId(db, link.event_id))!
  const [counts, expected] = await Promise.all([
    eventsRepository.countByEvent(db, 'sign_ins', [event.id]),
    eventsRepository.expectedAttendees(db, event.id),
  ])
  const qr = currentQr(event, now)
  return {
    ...qr,
    // A cancelled event shows 已取消 and no code on the screen.
    payload: event.cancelled_at === null ? qr.payload : null,
    event: {
      title: event.title,
      kind: event.kind as TEventKind,
      signInOpensAt: event.sign_in_opens_at,
      signInClosesAt: event.sign_in_closes_at,
      phase: phaseAt(event, now),
      cancelledAt: event.cancelled_at,
    },
    attendance: { count: counts.get(event.id) ?? 0, expected },
  }
}
