import type { LightMyRequestResponse } from 'fastify'

/** A 429 in the error shape, with a Retry-After within the minute's window. */
export function expectLimited(response: LightMyRequestResponse): void {
  expect(response.statusCode).toBe(429)
  expect(response.json()).toEqual({
    error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', fields: [] },
  })
  const retryAfter = Number(response.headers['retry-after'])
  expect(retryAfter).toBeGreaterThan(0)
  expect(retryAfter).toBeLessThanOrEqual(60)
}
