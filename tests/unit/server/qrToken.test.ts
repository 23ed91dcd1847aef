import crypto from 'node:crypto'
import {
  QR_SLOT_MS,
  issueQr,
  judgeFreshness,
  newEventSecret,
  parseQrPayload,
  signQrPayload,
  slotOf,
  slotStartMs,
  verifyQrMac,
  type FreshnessRules,
} from '../../../server/features/events/qrToken'

const SECRET = newEventSecret()
const OTHER_SECRET = newEventSecret()
const HOUR = 3600_000
const RULES: FreshnessRules = { maxOfflineDelayMs: 24 * HOUR }
/** A slot somewhere in 2026: every boundary below is computed from it, never from the wall clock. */
const S = slotOf(Date.UTC(2026, 4, 1, 1, 0, 0))
const start = (slot: number) => slotStartMs(slot)

/** An injected clock: the test decides what time it is. */
function fakeClock(initial: number) {
  let now = initial
  return {
    now: () => now,
    set: (ms: number) => {
      now = ms
    },
  }
}

function check(payload: string, secret: string, now: number, scannedAt = now) {
  const parsed = parseQrPayload(payload)
  if (!parsed || !verifyQrMac(parsed, secret)) return 'invalid'
  return judgeFreshness(parsed.slot, now, scannedAt, RULES).kind
}

describe('QR payload: format and signature', () => {
  it('issues QL1.<eventId>.<slot>.<16-byte mac> for the slot of the injected clock', () => {
    const clock = fakeClock(start(S) + 4_321)
    const qr = issueQr(42, SECRET, clock.now())
    expect(qr.slot).toBe(S)
    expect(qr.payload).toMatch(new RegExp(`^QL1\\.42\\.${S}\\.[A-Za-z0-9_-]{22}$`))
    expect(Buffer.from(qr.payload.split('.')[3], 'base64url')).toHaveLength(16)
    expect(qr.expiresAt).toBe(new Date(start(S + 1)).toISOString())
    expect(qr.acceptedUntil).toBe(new Date(start(S + 2)).toISOString())
    expect(qr.serverTime).toBe(new Date(clock.now()).toISOString())
    // Every 15 s a new payload.
    clock.set(start(S + 1))
    expect(issueQr(42, SECRET, clock.now()).payload).not.toBe(qr.payload)
    expect(QR_SLOT_MS).toBe(15_000)
  })

  it('refuses forgeries: a changed MAC, another secret, another event, another slot', () => {
    const payload = signQrPayload(42, S, SECRET)
    const now = start(S)
    expect(check(payload, SECRET, now)).toBe('live')
    const [prefix, eventId, slot, mac] = payload.split('.')
    const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1)
    expect(check(`${prefix}.${eventId}.${slot}.${flipped}`, SECRET, now)).toBe('invalid')
    // Signed with another event's secret.
    expect(check(signQrPayload(42, S, OTHER_SECRET), SECRET, now)).toBe('invalid')
    // A genuine MAC moved onto another event id or another slot.
    expect(check(`${prefix}.43.${slot}.${mac}`, SECRET, now)).toBe('invalid')
    expect(check(`${prefix}.${eventId}.${S + 1}.${mac}`, SECRET, start(S + 1))).toBe('invalid')
    // The other event's genuine payload is not this event's.
    expect(check(signQrPayload(43, S, SECRET), OTHER_SECRET, now)).toBe('invalid')
  })

  it('computes the MAC of a code once, however many scan it', () => {
    const payload = signQrPayload(44, S, SECRET)
    const hmac = jest.spyOn(crypto, 'createHmac')
    try {
      for (let i = 0; i < 5; i++) expect(check(payload, SECRET, start(S))).toBe('live')
      expect(hmac).toHaveBeenCalledTimes(1)
      // Kept per secret: the same event and slot under another secret is another MAC.
      expect(check(payload, OTHER_SECRET, start(S))).toBe('invalid')
    } finally {
      hmac.mockRestore()
    }
  })

  it('parses nothing but our own format', () => {
    const good = signQrPayload(7, S, SECRET)
    expect(parseQrPayload(good)).toEqual({ eventId: 7, slot: S, mac: good.split('.')[3] })
    for (const garbage of [
      '',
      'https://example.com/?x=1',
      'QL1.7.123',
      `QL2.7.${S}.${good.split('.')[3]}`,
      `QL1.0.${S}.${good.split('.')[3]}`,
      `QL1.-7.${S}.${good.split('.')[3]}`,
      `QL1.7.${S}.${good.split('.')[3]}x`,
      `QL1.7.${S}.${good.split('.')[3].slice(1)}`,
      `QL1.7.${S}.${good.split('.')[3]}.extra`,
      `QL1.99999999999999999999.${S}.${good.split('.')[3]}`,
      `QL1.2147483648.${S}.${good.split('.')[3]}`,
    ])
      expect(parseQrPayload(garbage)).toBeNull()
  })

  it('refuses a second spelling of the same MAC (non-canonical base64url)', () => {
    const payload = signQrPayload(7, S, SECRET)
    const mac = payload.split('.')[3]
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    // 22 characters carry 132 bits: the last character's low 4 bits are padding; change them.
    const last = alphabet.indexOf(mac[21])
    const twin = mac.slice(0, 21) + alphabet[last ^ 1]
    expect(Buffer.from(twin, 'base64url').equals(Buffer.from(mac, 'base64url'))).toBe(true)
    expect(check(payload.replace(mac, twin), SECRET, start(S))).toBe('invalid')
  })
})

describe('QR freshness: its own slot and the next one', () => {
  const payload = signQrPayload(42, S, SECRET)

  it('accepts from the first ms of its slot to the last ms of the next slot', () => {
    const clock = fakeClock(start(S))
    expect(check(payload, SECRET, clock.now())).toBe('live')
    clock.set(start(S + 1) - 1) // last ms of its own slot
    expect(check(payload, SECRET, clock.now())).toBe('live')
    clock.set(start(S + 1)) // first ms of the next slot
    expect(check(payload, SECRET, clock.now())).toBe('live')
    clock.set(start(S + 2) - 1) // last ms of the next slot
    expect(check(payload, SECRET, clock.now())).toBe('live')
  })

  it('rejects it from the first ms of the slot after next (a late scan, phone time = server time)', () => {
    expect(check(payload, SECRET, start(S + 2))).toBe('expired')
    expect(check(payload, SECRET, start(S + 3))).toBe('expired')
    expect(check(payload, SECRET, start(S + 1000))).toBe('expired')
  })

  it('never accepts a slot the server clock has not reached', () => {
    expect(check(signQrPayload(42, S + 1, SECRET), SECRET, start(S + 1) - 1)).toBe('future')
  })
})

describe('offline scans: the phone time must match the signed slot', () => {
  const payload = signQrPayload(42, S, SECRET)
  const parsed = parseQrPayload(payload)!
  const judge = (now: number, scannedAt: number, rules = RULES) =>
    judgeFreshness(parsed.slot, now, scannedAt, rules)

  it('accepts an old payload whose scan time falls in its slot, uploaded within the delay', () => {
    const scannedAt = start(S) + 3_000
    expect(judge(start(S) + 2 * HOUR, scannedAt)).toEqual({ kind: 'offline', clockSkew: false })
    expect(judge(start(S) + 24 * HOUR, scannedAt)).toEqual({ kind: 'offline', clockSkew: false })
  })

  it('tolerates one slot of phone clock skew either way, and flags it', () => {
    const now = start(S) + HOUR
    expect(judge(now, start(S - 1))).toEqual({ kind: 'offline', clockSkew: true })
    expect(judge(now, start(S + 2) - 1)).toEqual({ kind: 'offline', clockSkew: true })
    expect(judge(now, start(S - 1) - 1)).toEqual({ kind: 'expired', reason: 'scan_time_mismatch' })
    expect(judge(now, start(S + 2))).toEqual({ kind: 'expired', reason: 'scan_time_mismatch' })
  })

  it('refuses a scan time that does not match the slot (a forwarded photo sent in late)', () => {
    const now = start(S) + 10 * 60_000
    expect(judge(now, now)).toEqual({ kind: 'expired', reason: 'scan_time_mismatch' })
  })

  it('refuses an upload after the delay, measured from the signed slot', () => {
    expect(judge(start(S) + 24 * HOUR + 1, start(S))).toEqual({ kind: 'expired', reason: 'too_late' })
    expect(judge(start(S) + 2 * HOUR, start(S), { maxOfflineDelayMs: HOUR })).toEqual({
      kind: 'expired',
      reason: 'too_late',
    })
  })

  it('refuses a scan time in the future beyond the skew', () => {
    // Server at S+2 (so not live); the phone claims a time more than one slot ahead of the server.
    const now = start(S + 2)
    expect(judge(now, now + QR_SLOT_MS + 1)).toEqual({ kind: 'expired', reason: 'scan_in_future' })
  })

  it('ignores the phone time for a live scan', () => {
    expect(judge(start(S) + 1, start(S) - 5 * HOUR)).toEqual({ kind: 'live' })
  })
})
