import { createTestApp, TEST_DB, type TestApp } from './support/testApp'

describe(`rate limits on the public routes (${TEST_DB})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ PLEDGE_VERIFY_PER_MINUTE: '3' })
  })
  afterAll(() => t.close())

  it('lets one address verify only so many pledges a minute, with a Chinese message and a stable code', async () => {
    const verify = (ip: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/pledges/verify/ZZZZZZZZZZZZ', remoteAddress: ip })
    for (let i = 0; i < 3; i++) expect((await verify('10.0.0.1')).statusCode).toBe(404)
    const limited = await verify('10.0.0.1')
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', fields: [] },
    })
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    // Another address is not affected, and routes with a token are not limited.
    expect((await verify('10.0.0.2')).statusCode).toBe(404)
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.0.0.1' })).statusCode,
    ).toBe(200)
  })
})
