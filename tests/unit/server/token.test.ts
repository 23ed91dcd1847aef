import crypto from 'node:crypto'
import { issueToken, verifyToken } from '../../../server/core/token'

const SECRET = 'unit-test-secret-unit-test-secret-000'

describe('signed tokens', () => {
  it('round-trips and expires exactly at exp', () => {
    const now = Date.UTC(2026, 0, 1)
    const { token, expiresAt } = issueToken(7, SECRET, 60, now)
    expect(expiresAt).toBe(new Date(now + 60_000).toISOString())
    expect(verifyToken(token, SECRET, now + 59_999)).toEqual({
      ok: true,
      payload: { sub: 7, iat: now / 1000, exp: now / 1000 + 60 },
    })
    expect(verifyToken(token, SECRET, now + 60_000)).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuses another secret, a changed payload and garbage', () => {
    const { token } = issueToken(7, SECRET, 60)
    expect(verifyToken(token, SECRET + 'x')).toEqual({ ok: false, reason: 'invalid' })
    const [body, sig] = token.split('.')
    const forgedBody = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), sub: 8 }),
    ).toString('base64url')
    expect(verifyToken(`${forgedBody}.${sig}`, SECRET)).toEqual({ ok: false, reason: 'invalid' })
    for (const garbage of ['', 'a', 'a.b.c', '.', `${body}.`])
      expect(verifyToken(garbage, SECRET).ok).toBe(false)
  })

  it('signs a body once per secret; a kept one still needs its own signature and still expires', () => {
    const now = Date.UTC(2026, 0, 1)
    const { token } = issueToken(9, SECRET, 60, now)
    const [body, sig] = token.split('.')
    const hmac = jest.spyOn(crypto, 'createHmac')
    try {
      for (let i = 0; i < 5; i++) expect(verifyToken(token, SECRET, now).ok).toBe(true)
      expect(hmac).toHaveBeenCalledTimes(1)
      const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)
      expect(verifyToken(`${body}.${flipped}`, SECRET, now)).toEqual({ ok: false, reason: 'invalid' })
      expect(verifyToken(`${body}.${sig.slice(1)}`, SECRET, now)).toEqual({ ok: false, reason: 'invalid' })
      expect(verifyToken(token, SECRET + 'x', now)).toEqual({ ok: false, reason: 'invalid' })
      expect(verifyToken(token, SECRET, now + 60_000)).toEqual({ ok: false, reason: 'expired' })
    } finally {
      hmac.mockRestore()
    }
  })
})
