import crypto from 'node:crypto'

/**
 * A keyed hash chain: entry n carries mac_n = HMAC-SHA256(key, mac_{n-1} + "\n" + payload_n), the first
 * entry links to GENESIS. The key lives in the server's configuration (PLEDGE_CHAIN_KEY), never in the
 * database: whoever edits rows directly cannot produce valid macs, and any change, insertion or deletion
 * shows at the first entry after it.
 */
export const GENESIS_MAC = '0'.repeat(64)

export function sha256Hex(content: string | Buffer): string {
  return crypto.createHash('sha256').update(content).digest('hex')
}

/** JSON with keys sorted at every level: the same record always gives the same payload. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function chainMac(key: string, prevMac: string, payload: string): string {
  return crypto.createHmac('sha256', key).update(`${prevMac}\n${payload}`).digest('hex')
}

export function macEquals(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

export interface ChainLink {
  seq: number
  prevMac: string
  mac: string
  payload: string
}

/**
 * Checks one entry against the one before it (null for the first): the sequence has no gap, the entry
 * names the previous mac, and its own mac is the keyed hash of both. Returns false at the first doubt.
 */
export function linkHolds(key: string, previous: ChainLink | null, entry: ChainLink): boolean {
  const expectedSeq = previous ? previous.seq + 1 : 1
  const expectedPrev = previous ? previous.mac : GENESIS_MAC
  if (entry.seq !== expectedSeq) return false
  if (!macEquals(entry.prevMac, expectedPrev)) return false
  return macEquals(entry.mac, chainMac(key, entry.prevMac, entry.payload))
}
