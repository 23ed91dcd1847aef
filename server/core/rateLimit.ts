import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from './errors'

/**
 * Where the limiter counts. One process keeps counts in memory (the default); several API processes
 * share one Redis (RedisRateLimitStore, when REDIS_URL is set).
 */
export interface RateLimitStore {
  /** Counts one hit on `key` in its fixed window of `windowMs` (which starts with the first hit). */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>
  /** Releases a connection, if the store holds one. */
  close?(): Promise<void>
}

/** Fixed windows in a Map; ended windows are swept once a minute so idle keys do not pile up. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>()
  private nextSweep = 0

  async hit(key: string, windowMs: number, now: number) {
    if (now >= this.nextSweep) {
      for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k)
      this.nextSweep = now + 60_000
    }
    let window = this.windows.get(key)
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs }
      this.windows.set(key, window)
    }
    window.count += 1
    return { count: window.count, resetAt: window.resetAt }
  }
}

/** One limit a route declares: at most `max` requests per `windowMs` for each value `key` gives. */
export interface RouteLimit {
  /** Names the counter (with the route's own limits apart from other routes'). */
  name: string
  max: number
  windowMs: number
  /** What is counted: the client's address, an account, a code; undefined: nothing to count on. */
  key: (request: FastifyRequest) => string | number | undefined
}

/** Per client address (its real one behind a proxy only with TRUST_PROXY). */
export const perAddress = (name: string, max: number, windowMs = 60_000): RouteLimit => ({
  name: `${name}:address`,
  max,
  windowMs,
  key: (request) => request.ip,
})

/** Per value of a body field (an openid, a login code). */
export const perBodyField = (name: string, field: string, max: number, windowMs = 60_000): RouteLimit => ({
  name: `${name}:${field}`,
  max,
  windowMs,
  key: (request) => {
    const value = (request.body as Record<string, unknown> | undefined)?.[field]
    return typeof value === 'string' || typeof value === 'number' ? value : undefined
  },
})

/** Per signed-in user. */
export const perUser = (name: string, max: number, windowMs = 60_000): RouteLimit => ({
  name: `${name}:user`,
  max,
  windowMs,
  key: (request) => request.auth?.user.id,
})

/** How many logins and joins (per minute) one address, and one account, may make. */
export interface LoginLimitSettings {
  perAddress: number
  perAccount: number
}

export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly now: () => number,
    /** The settings every login and join route counts with. */
    readonly login: LoginLimitSettings,
  ) {}

  /** A login or join route's limits: per address, and per account (what `account` names of the request). */
  loginLimits(name: string, account: (name: string, max: number) => RouteLimit): RouteLimit[] {
    return [perAddress(name, this.login.perAddress), account(name, this.login.perAccount)]
  }

  /** Counts the request against each limit; over any: 429 RATE_LIMITED with Retry-After (seconds). */
  async check(request: FastifyRequest, reply: FastifyReply, limits: readonly RouteLimit[]): Promise<void> {
    const now = this.now()
    for (const limit of limits) {
      const key = limit.key(request)
      if (key === undefined) continue
      const { count, resetAt } = await this.store.hit(`${limit.name}:${key}`, limit.windowMs, now)
      if (count > limit.max) {
        reply.header('retry-after', String(Math.max(1, Math.ceil((resetAt - now) / 1000))))
        throw new AppError(429, 'RATE_LIMITED')
      }
    }
  }
}
