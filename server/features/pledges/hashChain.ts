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

/** MAC formats: 1 keys the payload alone (entries written before); 2 also keys the row's own columns. */
export const MAC_VERSION = 2
const MAC_VERSIONS = new Set([1, 2])

export interface ChainLink {
  seq: number
  prevMac: string
  mac: string
  payload: string
  /** 1 when absent. */
  version?: number
  pledgeId?: number
  signatureId?: number | null
  action?: string
  /** The entry's own time: what the chain says it was written at. */
  createdAt?: string
}

/** The mac an entry must carry under its own format (version 2: its columns are keyed with the payload). */
export function entryMac(key: string, link: Omit<ChainLink, 'mac'>): string {
  if ((link.version ?? 1) === 1) return chainMac(key, link.prevMac, link.payload)
  const keyed = canonicalJson({
    v: link.version,
    seq: link.seq,
    pledgeId: link.pledgeId,
    signatureId: link.signatureId ?? null,
    action: link.action,
    createdAt: link.createdAt,
    payload: link.payload,
  })
  return chainMac(key, link.prevMac, keyed)
}

/**
 * Checks one entry against the one before it (null for the first): the sequence has no gap, the entry
 * names the previous mac, its format is known and not older than the previous one's (no downgrade to the
 * weaker format), and its own mac is the keyed hash under that format. Returns false at the first doubt.
 */
export function linkHolds(
  key: string,
  previous: Pick<ChainLink, 'seq' | 'mac' | 'version'> | null,
  entry: ChainLink,
): boolean {
  const expectedSeq = previous ? previous.seq + 1 : 1
  const expectedPrev = previous ? previous.mac : GENESIS_MAC
  const version = entry.version ?? 1
  if (entry.seq !== expectedSeq) return false
  if (!MAC_VERSIONS.has(version) || version < (previous?.version ?? 1)) return false
  if (!macEquals(entry.prevMac, expectedPrev)) return false
  return macEquals(entry.mac, entryMac(key, entry))
}
