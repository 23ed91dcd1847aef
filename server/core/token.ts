import crypto from 'node:crypto'
import { MAX_ID } from '../../src/models/common'
import { memoized } from './memo'

/**
 * Signed bearer tokens: base64url(JSON payload) + '.' + base64url(HMAC-SHA256). Stateless, so several
 * API processes can verify them with the same TOKEN_SECRET.
 */
export interface TokenPayload {
  sub: number
  iat: number
  exp: number
}

export type TokenCheck = { ok: true; payload: TokenPayload } | { ok: false; reason: 'invalid' | 'expired' }

function sign(data: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(data).digest('base64url')
}

export function issueToken(userId: number, secret: string, ttlSeconds: number, nowMs = Date.now()) {
  const iat = Math.floor(nowMs / 1000)
  const payload: TokenPayload = { sub: userId, iat, exp: iat + ttlSeconds }
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  return { token: `${body}.${sign(body, secret)}`, expiresAt: new Date(payload.exp * 1000).toISOString() }
}

const isRowId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_ID

/** A token's body as signed: what its signature must be, and what it says (null: not a payload of ours). */
interface SignedBody {
  expected: Buffer
  payload: TokenPayload | null
}

function readBody(body: string, secret: string): SignedBody {
  const expected = Buffer.from(sign(body, secret))
  let payload: TokenPayload
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return { expected, payload: null }
  }
  // A signed token names a user by a row id: anything else (a string, a fraction, 2^31) is no user, and
  // must not reach the database (PostgreSQL refuses ids past the 32-bit column).
  if (!isRowId(payload?.sub) || typeof payload.exp !== 'number') return { expected, payload: null }
  // Shared by every request that brings this token: read-only.
  return { expected, payload: Object.freeze(payload) }
}

/** Signed-in users whose token body is kept as read (its signature is still compared, its expiry checked). */
const KEPT_BODIES = 10_000
/** Per secret: a token's body read once (each request of a user brings the same token). */
const readers = new Map<string, (body: string) => SignedBody>()
function signedBody(body: string, secret: string): SignedBody {
  let reader = readers.get(secret)
  if (!reader) readers.set(secret, (reader = memoized(KEPT_BODIES, (b) => readBody(b, secret))))
  return reader(body)
}

export function verifyToken(token: string, secret: string, nowMs = Date.now()): TokenCheck {
  const [body, signature, extra] = token.split('.')
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'invalid' }
  const { expected, payload } = signedBody(body, secret)
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' }
  if (!payload) return { ok: false, reason: 'invalid' }
  if (payload.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' }
  return { ok: true, payload }
}
