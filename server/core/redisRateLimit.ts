import { createClient } from '@redis/client'
import type { FastifyBaseLogger } from 'fastify'
import { MemoryRateLimitStore, type RateLimitStore } from './rateLimit'

/** How long one hit may wait for Redis before this process counts it itself (a login waits on it). */
const COMMAND_TIMEOUT_MS = 500
/** After a failed hit, how long hits skip Redis (a stalled Redis would otherwise slow every login by the timeout). */
const BACK_OFF_MS = 5_000
/** At most one warning a minute while Redis cannot be reached (every retry would otherwise log). */
const WARN_EVERY_MS = 60_000

function redisClient(url: string) {
  return createClient({
    url,
    // Fail now rather than queue while disconnected: a queued hit would hold its login until Redis is back.
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  })
}
type Client = ReturnType<typeof redisClient>

/**
 * Fixed windows shared by every API process: one MULTI per hit (INCR, PEXPIRE … NX on the window's first
 * hit, PTTL), so the count and the window's end come back in one round-trip and no process can leave a
 * key without its expiry. Windows run on Redis's clock (the `now` given only dates the reset).
 *
 * Redis unreachable (down, restarting, too slow): the hit is counted in this process's memory instead, with
 * a warning logged. A login must not fail because a counter is away (a 503 would lock every user out for
 * the length of a Redis outage), and memory still limits each process, as before Redis: an attacker gains at
 * most N processes × the limit for the outage, never an unlimited route.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly fallback = new MemoryRateLimitStore()
  private warnedAt = -Infinity
  private outage = false
  private closed = false
  /** Until when (this machine's time, not the app's clock: it paces a connection) hits skip Redis. */
  private skipUntil = 0

  private constructor(
    private readonly client: Client,
    private readonly prefix: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Waits for the first connection attempt only: a server starts while Redis is down (counting in memory
   * until it answers) but, when Redis is up, its first login is already shared.
   * `prefix` begins every key (`qlqy:rl:` by default; tests give each run its own).
   */
  static async open(url: string, prefix: string, log: FastifyBaseLogger): Promise<RedisRateLimitStore> {
    const client = redisClient(url)
    const store = new RedisRateLimitStore(client, prefix, log)
    // Without a listener an 'error' event would end the process; each failed reconnect emits one.
    client.on('error', (error: Error) => store.warn(error))
    client.on('ready', () => {
      if (store.outage) log.info('rate limits: Redis answers again; counts are shared')
      store.outage = false
      store.warnedAt = -Infinity
    })
    await new Promise<void>((resolve) => {
      client.once('ready', resolve)
      client.once('error', () => resolve())
      client.connect().catch((error: Error) => (store.warn(error), resolve()))
    })
    return store
  }

  async hit(key: string, windowMs: number, now: number) {
    if (this.client.isReady && !this.closed && Date.now() >= this.skipUntil) {
      try {
        const redisKey = this.prefix + key
        const reply = this.client
          .multi()
          .incr(redisKey)
          .pExpire(redisKey, windowMs, 'NX')
          .pTTL(redisKey)
          .exec()
        const [count, , ttl] = await withTimeout(reply, COMMAND_TIMEOUT_MS)
        return { count: Number(count), resetAt: now + (Number(ttl) > 0 ? Number(ttl) : windowMs) }
      } catch (error) {
        this.skipUntil = Date.now() + BACK_OFF_MS
        this.warn(error as Error)
      }
    }
    return this.fallback.hit(key, windowMs, now)
  }

  /** Ends the connection (app close); a hit after it is counted in memory. */
  async close(): Promise<void> {
    this.closed = true
    if (!this.client.isOpen) return
    // close() lets replies in flight arrive; a Redis that stopped answering (or one still being dialled)
    // would hold the app's close, so it is dropped instead.
    if (this.client.isReady)
      await withTimeout(this.client.close(), COMMAND_TIMEOUT_MS).catch(() => this.client.destroy())
    else this.client.destroy()
  }

  private warn(error: Error) {
    if (this.closed) return
    this.outage = true
    const now = Date.now()
    if (now - this.warnedAt < WARN_EVERY_MS) return
    this.warnedAt = now
    this.log.warn(
      { err: { type: error.name, message: error.message } },
      'rate limits: Redis unreachable, counting in this process only until it answers',
    )
  }
}

/** The client's own command timeout does not cover a MULTI: a Redis that stops answering would hold the login. */
function withTimeout<T>(reply: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)
  })
  // The reply may still come (or fail) after the timeout: nothing waits for it then.
  reply.catch(() => undefined)
  return Promise.race([reply, late]).finally(() => clearTimeout(timer))
}
