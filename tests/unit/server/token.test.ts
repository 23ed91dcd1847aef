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
})
