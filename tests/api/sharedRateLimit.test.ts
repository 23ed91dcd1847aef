import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { PassThrough } from 'node:stream'
import type { FastifyBaseLogger } from 'fastify'
import { RedisRateLimitStore } from '../../server/core/redisRateLimit'
import { createTestApp, TEST_DB, type TestApp } from './support/testApp'
import { expectLimited } from './support/rateLimited'
import { describeWithRedis, redisInspector, testKeyPrefix, TEST_REDIS_URL } from './support/redis'

const PER_ACCOUNT = 10
const silent = { warn: () => undefined, info: () => undefined } as unknown as FastifyBaseLogger

const devLogin = (t: TestApp, openid: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { openid }, remoteAddress: ip })

/** Two API processes (two apps here) counting in one Redis: the limits hold across them. */
describeWithRedis(`rate limits shared through Redis (${TEST_DB})`, () => {
  const prefix = testKeyPrefix()
  let inspector: Awaited<ReturnType<typeof redisInspector>>
  let apps: TestApp[] = []

  beforeAll(async () => {
    inspector = await redisInspector()
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      LOGIN_PER_ACCOUNT_PER_MINUTE: String(PER_ACCOUNT),
    }
    apps = await Promise.all([createTestApp(env), createTestApp(env)])
  })
  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()))
    await inspector.cleanUp(prefix)
  })

  it('counts one account across both apps: the 11th login, on either, answers 429', async () => {
    for (let i = 0; i < PER_ACCOUNT; i++) {
      const response = await devLogin(apps[i % 2], 'demo-office', `10.7.0.${i}`)
      expect(response.statusCode).toBe(200)
    }
    for (const t of apps) expectLimited(await devLogin(t, 'demo-office', '10.7.1.1'))
    // Another account is counted apart; every key is under the run's prefix, with the window as its expiry.
    expect((await devLogin(apps[1], 'demo-liaison-private', '10.7.1.1')).statusCode).toBe(200)
    const keys = await inspector.keys(prefix)
    expect(keys).toContain(`${prefix}rl:dev-login:openid:demo-office`)
    expect(await inspector.client.get(`${prefix}rl:dev-login:openid:demo-office`)).toBe(
      String(PER_ACCOUNT + 2),
    )
    for (const key of keys) {
      const ttl = await inspector.client.pTTL(key)
      expect(ttl).toBeGreaterThan(0)
      expect(ttl).toBeLessThanOrEqual(60_000)
    }
  })

  it('starts a new window once the last one has expired in Redis', async () => {
    const store = await RedisRateLimitStore.open(TEST_REDIS_URL, `${prefix}window:`, silent)
    try {
      const windowMs = 200
      expect((await store.hit('k', windowMs, 0)).count).toBe(1)
      const second = await store.hit('k', windowMs, 1000)
      expect(second.count).toBe(2)
      // The window is Redis's: its end is what is left of it, counted from the `now` given.
      expect(second.resetAt).toBeGreaterThan(1000)
      expect(second.resetAt).toBeLessThanOrEqual(1000 + windowMs)
      // Waits for Redis to expire the key (no assertion on how long that takes).
      while ((await inspector.client.exists(`${prefix}window:k`)) === 1)
        await new Promise((resolve) => setTimeout(resolve, 50))
      expect((await store.hit('k', windowMs, 2000)).count).toBe(1)
    } finally {
      await store.close()
    }
  })

  it('keeps the counts of two prefixes apart (two deployments, or two test runs, on one Redis)', async () => {
    const [a, b] = await Promise.all(
      ['a:', 'b:'].map((p) => RedisRateLimitStore.open(TEST_REDIS_URL, `${prefix}${p}`, silent)),
    )
    try {
      for (let i = 1; i <= 3; i++) expect((await a.hit('same', 60_000, 0)).count).toBe(i)
      expect((await b.hit('same', 60_000, 0)).count).toBe(1)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})

/** Redis away: logins go on, counted per process (never a 500, never unlimited), with a warning logged. */
describe(`rate limits when Redis cannot be reached (${TEST_DB})`, () => {
  let t: TestApp
  let log = ''

  beforeAll(async () => {
    const logStream = new PassThrough()
    logStream.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')))
    t = await createTestApp(
      {
        // Nothing listens on port 1: every connection is refused at once.
        REDIS_URL: 'redis://127.0.0.1:1',
        LOGIN_PER_ACCOUNT_PER_MINUTE: String(PER_ACCOUNT),
        LOG_LEVEL: 'warn',
      },
      { logStream },
    )
  })
  afterAll(() => t.close())

  it('counts in memory and says so in the log', async () => {
    for (let i = 0; i < PER_ACCOUNT; i++)
      expect((await devLogin(t, 'demo-office', `10.8.0.${i}`)).statusCode).toBe(200)
    const refused = await devLogin(t, 'demo-office', '10.8.1.1')
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.code).toBe('RATE_LIMITED')
    expect(log).toContain('Redis unreachable, counting in this process only')
    expect(log).toContain('ECONNREFUSED')
  })
})

/**
 * A Redis that accepts the connection and then stops answering: each hit waits its 500 ms, then is counted in
 * memory; the app still closes at once. (The stand-in answers +OK to the client's handshake, then nothing.)
 */
describe(`rate limits when Redis stops answering (${TEST_DB})`, () => {
  let t: TestApp
  let silentRedis: net.Server

  beforeAll(async () => {
    silentRedis = net.createServer((socket) => {
      let stalled = false
      socket.on('data', (chunk: Buffer) => {
        stalled ||= chunk.toString('latin1').includes('MULTI')
        if (!stalled) socket.write('+OK\r\n'.repeat(chunk.toString('latin1').match(/^\*/gm)?.length ?? 0))
      })
    })
    await new Promise<void>((resolve) => silentRedis.listen(0, '127.0.0.1', resolve))
    const { port } = silentRedis.address() as AddressInfo
    t = await createTestApp({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      LOGIN_PER_ACCOUNT_PER_MINUTE: String(PER_ACCOUNT),
    })
  })
  afterAll(async () => {
    await t.close()
    await new Promise((resolve) => silentRedis.close(resolve))
  })

  it('answers every login, and limits the account in this process', async () => {
    const logins = await Promise.all(
      Array.from({ length: PER_ACCOUNT + 1 }, (_, i) => devLogin(t, 'demo-office', `10.9.0.${i}`)),
    )
    expect(logins.map((r) => r.statusCode).sort()).toEqual([...Array<number>(PER_ACCOUNT).fill(200), 429])
  })
})
