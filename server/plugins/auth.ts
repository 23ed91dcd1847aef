import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { Access } from '../lib/access'
import { EVENT_ORGANISER_ROLES, describeAccess } from '../lib/access'
import { AppError, notFound, unauthenticated } from '../lib/errors'
import { verifyToken } from '../lib/token'
import type { EventRow, MembershipRow, UserRow } from '../db/schema'
import type { DbOrTrx } from '../db/database'

export interface AuthContext {
  user: UserRow
  /** Approved memberships only: a pending membership grants nothing. */
  memberships: MembershipRow[]
}

/** What an `event` access check found, kept for the handler so it does not load the event again. */
export interface EventAccessContext {
  event: EventRow
  organiser: boolean
  /** The audience enterprises the caller is an approved member of, lowest id first. */
  audienceEnterpriseIds: number[]
}

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
    eventAccess: EventAccessContext | null
  }
  interface FastifyInstance {
    routeAccessTable: RouteAccessEntry[]
  }
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthenticated()
  return request.auth
}

export function isOffice(auth: AuthContext): boolean {
  return auth.memberships.some((m) => m.role === 'office' && m.organisation_kind === 'department')
}

export async function supervisesEnterprise(
  db: DbOrTrx,
  auth: AuthContext,
  enterpriseId: number,
): Promise<boolean> {
  const departmentIds = auth.memberships
    .filter((m) => m.role === 'supervisor' && m.organisation_kind === 'department')
    .map((m) => m.organisation_id)
  if (departmentIds.length === 0) return false
  const link = await db
    .selectFrom('supervision_links')
    .select('enterprise_id')
    .where('enterprise_id', '=', enterpriseId)
    .where('department_id', 'in', departmentIds)
    .executeTakeFirst()
  return link !== undefined
}

/** The organising enterprise's liaisons and branch secretaries, or the organising department's supervisors and office. */
export function organisesEvent(
  auth: AuthContext,
  event: Pick<EventRow, 'organiser_kind' | 'organiser_id'>,
): boolean {
  const roles: readonly string[] = EVENT_ORGANISER_ROLES[event.organiser_kind]
  return auth.memberships.some(
    (m) =>
      m.organisation_kind === event.organiser_kind &&
      m.organisation_id === event.organiser_id &&
      roles.includes(m.role),
  )
}

/** The audience enterprises of an event that the user is an approved member of, lowest id first. */
export async function audienceEnterprisesOf(
  db: DbOrTrx,
  memberships: Pick<MembershipRow, 'organisation_kind' | 'organisation_id'>[],
  eventId: number,
): Promise<number[]> {
  const mine = [
    ...new Set(memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id)),
  ]
  if (mine.length === 0) return []
  const rows = await db
    .selectFrom('event_audience')
    .select('enterprise_id')
    .where('event_id', '=', eventId)
    .where('enterprise_id', 'in', mine)
    .orderBy('enterprise_id')
    .execute()
  return rows.map((r) => r.enterprise_id)
}

/** Ids are 32-bit integer columns: anything else names nothing (and must not reach PostgreSQL as a 5xx). */
export const MAX_ID = 2_147_483_647

function positiveIntParam(request: FastifyRequest, param: string): number | null {
  const raw = (request.params as Record<string, unknown>)[param]
  const id = typeof raw === 'number' ? raw : Number(raw)
  return Number.isInteger(id) && id > 0 && id <= MAX_ID ? id : null
}

async function checkEventAccess(
  request: FastifyRequest,
  auth: AuthContext,
  access: Extract<Access, { kind: 'event' }>,
): Promise<void> {
  const eventId = positiveIntParam(request, access.param)
  if (eventId === null) throw notFound()
  const event = await request.server.db
    .selectFrom('events')
    .selectAll()
    .where('id', '=', eventId)
    .executeTakeFirst()
  if (!event) throw notFound()
  const organiser = organisesEvent(auth, event)
  const audienceEnterpriseIds = await audienceEnterprisesOf(request.server.db, auth.memberships, event.id)
  request.eventAccess = { event, organiser, audienceEnterpriseIds }
  if (organiser) return
  if (audienceEnterpriseIds.length > 0) {
    if (access.audience) return
    throw new AppError(403, 'FORBIDDEN')
  }
  // Not organiser, not audience: exactly what a missing event answers.
  throw notFound()
}

async function checkAccess(request: FastifyRequest, access: Access): Promise<void> {
  if (access.kind === 'public') return
  const auth = requireAuth(request)
  if (access.kind === 'user') return
  if (access.kind === 'office') {
    if (!isOffice(auth)) throw new AppError(403, 'FORBIDDEN')
    return
  }
  if (access.kind === 'department') {
    const departmentId = access.param ? positiveIntParam(request, access.param) : undefined
    const held = auth.memberships.some(
      (m) =>
        m.organisation_kind === 'department' &&
        (departmentId === undefined || m.organisation_id === departmentId) &&
        access.roles.includes(m.role as never),
    )
    if (!held) throw new AppError(403, 'FORBIDDEN')
    return
  }
  if (access.kind === 'event') return checkEventAccess(request, auth, access)
  const enterpriseId = positiveIntParam(request, access.param)
  if (enterpriseId === null) throw notFound()
  const holdsRole = auth.memberships.some(
    (m) =>
      m.organisation_kind === 'enterprise' &&
      m.organisation_id === enterpriseId &&
      access.roles.includes(m.role as never),
  )
  if (holdsRole) return
  if (access.office && isOffice(auth)) return
  const supervises = await supervisesEnterprise(request.server.db, auth, enterpriseId)
  if (access.supervisor && supervises) return
  // Someone who can see this enterprise but lacks the role is told so; anyone else gets exactly the
  // answer an enterprise that does not exist gets.
  const member = auth.memberships.some(
    (m) => m.organisation_kind === 'enterprise' && m.organisation_id === enterpriseId,
  )
  const officeSeesIt =
    isOffice(auth) &&
    (await request.server.db
      .selectFrom('enterprises')
      .select('id')
      .where('id', '=', enterpriseId)
      .executeTakeFirst()) !== undefined
  if (member || supervises || officeSeesIt) throw new AppError(403, 'FORBIDDEN')
  throw notFound()
}

export default fp<{ tokenSecret: string }>(async function authPlugin(app, opts) {
  app.decorateRequest('auth', null)
  app.decorateRequest('eventAccess', null)
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
      ? verifyToken(match[1], opts.tokenSecret)
      : ({ ok: false, reason: 'invalid' } as const)
    if (!check.ok) {
      if (required) throw unauthenticated(check.reason === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID')
      return
    }
    const user = await app.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', check.payload.sub)
      .executeTakeFirst()
    if (!user) {
      if (required) throw unauthenticated('TOKEN_INVALID')
      return
    }
    if (user.disabled_at) {
      if (required) throw new AppError(403, 'ACCOUNT_DISABLED')
      return
    }
    const memberships = await app.db
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', user.id)
      .where('status', '=', 'approved')
      .execute()
    request.auth = { user, memberships }
    // Before validation: a caller without the right learns nothing from validation messages either.
    if (access) await checkAccess(request, access)
  })
})
