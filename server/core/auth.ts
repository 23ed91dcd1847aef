import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import {
  checkDepartmentAccess,
  checkEnterpriseAccess,
  describeAccess,
  isOffice,
  type Access,
  type AccessCheckers,
  type AuthContext,
} from './access'
import { AppError, unauthenticated } from './errors'
import { verifyToken } from './token'
import { systemClock } from './clock'
import type { DbOrTrx } from './db/database'
import type { Database, UserRow } from './db/schema'
import type { ExpressionBuilder } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { hotQuery } from './db/hotQuery'

export type { AuthContext } from './access'

export interface RouteAccessEntry {
  method: string
  url: string
  access: Access
  description: string
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyRequest {
    auth: AuthContext | null
  }
  interface FastifyInstance {
    routeAccessTable: RouteAccessEntry[]
  }
}

/**
 * Sessions last real time: tokens are issued and checked by the system clock, not by `app.clock` (the
 * business time, which tests move by days while a signed-in user keeps their token).
 */
export const tokenClock = systemClock

/** Signed-in users whose access is kept between requests (all of them cleared past this). */
const AUTH_CACHE_SIZE = 10_000

/**
 * A user and their approved memberships, as a signed-in request sees them (the server's own work, the
 * reminders, acts for a user with the same rights). A retired department's roles grant nothing (its
 * people keep their enterprise roles).
 */
export async function authContextOf(db: DbOrTrx, user: UserRow): Promise<AuthContext> {
  const memberships = (await grantingMemberships(db, { userId: user.id })).rows
  return { user, memberships }
}

// Run on every signed-in request the cache does not answer (a user's first): compiled once (see hotQuery).
const grantingMemberships = hotQuery((db, { userId }: { userId: number }) =>
  db.selectFrom('memberships').selectAll().where('user_id', '=', userId).where(grantsAccess),
)
const userById = hotQuery((db, { userId }: { userId: number }) =>
  db.selectFrom('users').selectAll().where('id', '=', userId),
)
function userWithMembershipsQuery(db: DbOrTrx, { userId }: { userId: number }) {
  return db
    .selectFrom('users')
    .selectAll('users')
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('memberships')
          .selectAll('memberships')
          .whereRef('memberships.user_id', '=', 'users.id')
          .where(grantsAccess),
      ).as('granting_memberships'),
    )
    .where('users.id', '=', userId)
}
const userWithMemberships = hotQuery(userWithMembershipsQuery)
/**
 * The same and the access version, read in one statement and so from one snapshot (PostgreSQL): the version
 * is the one the user and memberships were read under, exactly.
 */
const userWithMembershipsAndVersion = hotQuery((db, values: { userId: number }) =>
  userWithMembershipsQuery(db, values).select((eb) =>
    eb.selectFrom('access_version').select('version').where('id', '=', 1).as('access_version'),
  ),
)

/** An approved membership that grants something: a retired department's does not. */
function grantsAccess(eb: ExpressionBuilder<Database, 'memberships'>) {
  return eb.and([
    eb('memberships.status', '=', 'approved'),
    eb.or([
      eb('memberships.organisation_kind', '<>', 'department'),
      eb.not(
        eb.exists(
          eb
            .selectFrom('departments')
            .select('departments.id')
            .whereRef('departments.id', '=', 'memberships.organisation_id')
            .where('departments.retired_at', 'is not', null),
        ),
      ),
    ]),
  ])
}

/** The user and their memberships in one round trip (PostgreSQL, on a miss of the kept ones). */
async function authContextInOneQuery(db: DbOrTrx, userId: number): Promise<AuthContext | null> {
  const [row] = (await userWithMemberships(db, { userId })).rows
  if (!row) return null
  const { granting_memberships: memberships, ...user } = row
  return { user, memberships }
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthenticated()
  return request.auth
}

async function checkAccess(request: FastifyRequest, access: Access, checkers: AccessCheckers): Promise<void> {
  if (access.kind === 'public') return
  const auth = requireAuth(request)
  switch (access.kind) {
    case 'user':
      return
    case 'office':
      if (!isOffice(auth)) throw new AppError(403, 'FORBIDDEN')
      return
    case 'department':
      return checkDepartmentAccess(request, auth, access)
    case 'enterprise':
      return checkEnterpriseAccess(request, auth, access)
    case 'event':
    case 'branch':
    case 'pledge': {
      const check = checkers[access.kind] as
        ((request: FastifyRequest, auth: AuthContext, access: Access) => Promise<void>) | undefined
      if (!check) throw new Error(`no access checker for kind ${access.kind}`)
      return check(request, auth, access)
    }
  }
}

export interface AuthPluginOptions {
  tokenSecret: string
  /** The loaders of the access kinds that name one record (each lives in its feature's access.ts). */
  checkers?: AccessCheckers
}

export default fp<AuthPluginOptions>(async function authPlugin(app, opts) {
  const checkers = opts.checkers ?? {}
  app.decorateRequest('auth', null)
  app.decorate('routeAccessTable', [] as RouteAccessEntry[])

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return
    const access = route.config?.access
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} has no access declaration`)
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      if (method === 'HEAD') continue
      app.routeAccessTable.push({ method, url: route.url, access, description: describeAccess(access) })
    }
  })

  /**
   * The user and memberships a token stands for, kept while the database's access version stands (any
   * change to users, memberships or departments moves it, whichever process or connection commits it, so
   * a removal takes effect on the next request). The version is read first: what is read after it is at
   * least as new, so an entry is never kept under a version older than its data. On PostgreSQL a user not
   * kept yet is read with the version in one statement (one snapshot: the version of exactly that data).
   */
  const cache = new Map<number, { version: string; context: AuthContext | null }>()
  async function signedInContext(userId: number): Promise<AuthContext | null> {
    // PostgreSQL, a user not kept yet (their first request): the version and the user in one round trip.
    if (app.dialect === 'postgres' && app.accessVersion && !cache.has(userId)) {
      const [row] = (await userWithMembershipsAndVersion(app.db, { userId })).rows
      if (row && row.access_version !== null) {
        const { granting_memberships: memberships, access_version, ...user } = row
        const context = { user, memberships }
        keep(userId, String(access_version), context)
        return context
      }
    }
    const version = await app.accessVersion?.()
    const kept = version === undefined ? undefined : cache.get(userId)
    if (kept && kept.version === version) return kept.context
    let context: AuthContext | null
    if (app.dialect === 'postgres') context = await authContextInOneQuery(app.db, userId)
    else {
      const [user] = (await userById(app.db, { userId })).rows
      context = user ? await authContextOf(app.db, user) : null
    }
    // Read under `version`: a change made meanwhile has moved it, so this entry is never used stale.
    if (version !== undefined) keep(userId, version, context)
    return context
  }
  function keep(userId: number, version: string, context: AuthContext | null) {
    if (cache.size >= AUTH_CACHE_SIZE) cache.clear()
    cache.set(userId, { version, context })
  }

  // Authentication first, so an anonymous caller learns nothing from validation errors.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access
    const required = access !== undefined && access.kind !== 'public'
    const header = request.headers.authorization
    if (!header) {
      if (required) throw unauthenticated()
      return
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const check = match
      ? verifyToken(match[1], opts.tokenSecret, tokenClock())
      : ({ ok: false, reason: 'invalid' } as const)
    if (!check.ok) {
      if (required) throw unauthenticated(check.reason === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID')
      return
    }
    const context = await signedInContext(check.payload.sub)
    if (!context) {
      if (required) throw unauthenticated('TOKEN_INVALID')
      return
    }
    if (context.user.disabled_at) {
      if (required) throw new AppError(403, 'ACCOUNT_DISABLED')
      return
    }
    request.auth = context
    // Before validation: a caller without the right learns nothing from validation messages either.
    if (access) await checkAccess(request, access, checkers)
  })
})
