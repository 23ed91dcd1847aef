import crypto from 'node:crypto'
import { QR_SLOT_SECONDS } from '../../../src/models/event'
import { memoized } from '../../core/memo'

/**
 * Rotating sign-in QR codes: `QL1.<eventId>.<slot>.<mac>`, where slot = floor(ms / 15 000) and mac is
 * HMAC-SHA256(event secret, "QL1.<eventId>.<slot>") cut to 16 bytes, base64url. Each event has its own
 * random 32-byte secret, kept in the events table and never sent to any client; without it nobody can
 * make a payload for another event, another slot or a future slot. Pure functions: time comes in as `now`.
 *
 * What this does and does not prove — the limits, honestly:
 * - A payload is accepted in its own 15 s slot and the next one: it lives 15-30 s. Within that life a
 *   photo of the screen, forwarded to someone who is not in the room, still signs that person in. The
 *   code proves "this phone read the screen, or a copy of it, within the last 30 s", never who or where.
 * - Offline uploads: an older payload is accepted when the phone's own scan time falls in the payload's
 *   slot (± one slot of clock skew), the scan time is not in the future, and the upload comes within the
 *   configured delay (24 h by default, measured from the signed slot, which nobody can move). The scan
 *   time is the phone's word: whoever got a copy of the screen in time and reports that time gets in.
 *   Such sign-ins are recorded as 离线补传 and flagged so the organiser can look at them.
 * - The place check (when the event sets a place) compares the location the phone reports with the
 *   place and radius (plus the phone's stated accuracy, at most 50 m). It stops an honest phone far away
 *   from using a forwarded code; a faked location passes it. No place, no check.
 * - Camera-only scanning (scanCode onlyFromCamera in the app) stops picking a forwarded screenshot from
 *   the photo album; a second phone holding the photo up to the camera still works.
 * - Nothing here stops double counting: the unique (event_id, user_id) index in sign_ins does.
 */

export const QR_SLOT_MS = QR_SLOT_SECONDS * 1000
export const QR_PREFIX = 'QL1'
/** 128 bits of MAC: not guessable in the half minute a payload lives. */
const MAC_BYTES = 16
const PAYLOAD_PATTERN = /^QL1\.([1-9]\d{0,9})\.(\d{1,15})\.([A-Za-z0-9_-]{22})$/
/** Event ids are 32-bit integer columns. */
const MAX_EVENT_ID = 2_147_483_647

export function slotOf(ms: number): number {
  return Math.floor(ms / QR_SLOT_MS)
}

export function slotStartMs(slot: number): number {
  return slot * QR_SLOT_MS
}

/** A new event's secret: 32 random bytes, base64url. */
export function newEventSecret(): string {
  return crypto.randomBytes(32).toString('base64url')
}

function macFor(eventId: number, slot: number, secret: string): Buffer {
  return crypto
    .createHmac('sha256', Buffer.from(secret, 'base64url'))
    .update(`${QR_PREFIX}.${eventId}.${slot}`)
    .digest()
    .subarray(0, MAC_BYTES)
}

/**
 * The MAC of an event's code in a slot, computed once: a sign-in burst scans the same few codes (one per
 * slot), each scan checked against it. Keyed by `<eventId>.<slot>.<secret>` (the secret last, whatever
 * it holds).
 */
const keptMac = memoized(1_000, (key) => {
  const [eventId, slot] = key.split('.', 2)
  return macFor(Number(eventId), Number(slot), key.slice(eventId.length + slot.length + 2))
})

export function signQrPayload(eventId: number, slot: number, secret: string): string {
  return `${QR_PREFIX}.${eventId}.${slot}.${macFor(eventId, slot, secret).toString('base64url')}`
}

export interface ParsedQr {
  eventId: number
  slot: number
  mac: string
}

/** The payload's parts, or null for anything that is not one of ours (a URL, a truncated scan, …). */
export function parseQrPayload(text: string): ParsedQr | null {
  const match = PAYLOAD_PATTERN.exec(text.trim())
  if (!match) return null
  const eventId = Number(match[1])
  const slot = Number(match[2])
  if (eventId > MAX_EVENT_ID || !Number.isSafeInteger(slot)) return null
  return { eventId, slot, mac: match[3] }
}

/** Constant-time check of the MAC against the event's secret. */
export function verifyQrMac(parsed: ParsedQr, secret: string): boolean {
  const given = Buffer.from(parsed.mac, 'base64url')
  // Exactly 16 bytes, canonically encoded: no second spelling of the same MAC.
  if (given.length !== MAC_BYTES || given.toString('base64url') !== parsed.mac) return false
  return crypto.timingSafeEqual(keptMac(`${parsed.eventId}.${parsed.slot}.${secret}`), given)
}

export interface IssuedQr {
  payload: string
  slot: number
  /** End of the payload's own slot: show the next one from then on. */
  expiresAt: string
  /** End of the next slot: the last moment the payload is accepted online. */
  acceptedUntil: string
  serverTime: string
}

export function issueQr(eventId: number, secret: string, now: number): IssuedQr {
  const slot = slotOf(now)
  return {
    payload: signQrPayload(eventId, slot, secret),
    slot,
    expiresAt: new Date(slotStartMs(slot + 1)).toISOString(),
    acceptedUntil: new Date(slotStartMs(slot + 2)).toISOString(),
    serverTime: new Date(now).toISOString(),
  }
}

export interface FreshnessRules {
  /** How long after its slot an offline scan may still be uploaded. */
  maxOfflineDelayMs: number
  /** How many slots the phone's clock may be off (default 1). */
  skewSlots?: number
  /** How far in the future a reported scan time may lie (default one slot). */
  futureToleranceMs?: number
}

export type Freshness =
  /** Scanned in the payload's slot or the next one, by the server's clock. */
  | { kind: 'live' }
  /** An older payload, consistent with the phone's scan time and within the delay: 离线补传. */
  | { kind: 'offline'; clockSkew: boolean }
  | { kind: 'expired'; reason: 'scan_time_mismatch' | 'scan_in_future' | 'too_late' }
  /** A slot the server has not reached: never issued by this clock. */
  | { kind: 'future' }

/**
 * Decides whether a payload of `slot` may count at server time `now`, given the phone's `scannedAt`.
 * The MAC must have been checked before: the slot is then the server's own word.
 */
export function judgeFreshness(
  slot: number,
  now: number,
  scannedAt: number,
  rules: FreshnessRules,
): Freshness {
  const age = slotOf(now) - slot
  if (age < 0) return { kind: 'future' }
  if (age <= 1) return { kind: 'live' }
  const skewSlots = rules.skewSlots ?? 1
  const futureTolerance = rules.futureToleranceMs ?? QR_SLOT_MS
  if (scannedAt > now + futureTolerance) return { kind: 'expired', reason: 'scan_in_future' }
  const scanSlot = slotOf(scannedAt)
  if (Math.abs(scanSlot - slot) > skewSlots) return { kind: 'expired', reason: 'scan_time_mismatch' }
  if (now - slotStartMs(slot) > rules.maxOfflineDelayMs) return { kind: 'expired', reason: 'too_late' }
  return { kind: 'offline', clockSkew: scanSlot !== slot }
}
