import type { FastifyRequest } from 'fastify'
import {
  ENTERPRISE_ROLES,
  LIAISON_ROLES,
  SUPERVISOR_ROLES,
  hasRole,
  type TRole,
} from '../../src/models/roles'
import { MAX_ID, type TDepartmentAck } from '../../src/models/common'
import type { DbOrTrx } from './db/database'
import type { MembershipRow, UserRow } from './db/schema'
import { AppError, notFound } from './errors'

/**
 * Who may call a route, declared on the route itself (`config.access`) and checked in one place (the
 * auth plugin, before validation). A route under /api without a declaration fails to register, and a
 * test lists them all.
 *
 * - public: anyone, no token.
 * - user: any signed-in user.
 * - office: a member of the 领导小组办公室.
 * - department: a member of any department holding one of `roles` (what they then see is scoped by the service).
 * - enterprise: the enterprise named by `params[param]`; allowed for its members holding one of `roles`,
 *   for supervisors of a department linked to it (`supervisor`), and for the office (`office`).
 *   Everyone else gets the same 404 a missing enterprise gets.
 * - department with `param`: the caller must hold one of `roles` in that very department (departments are
 *   public, so a caller who does not is told 403).
 * - event, branch, pledge: one record, checked by its feature's loader (`features/<feature>/access.ts`,
 *   handed to the auth plugin as `checkers`), which keeps what it loaded for the handler:
 *   - event (`params[param]`): its organisers (`EVENT_ORGANISER_ROLES` of the organising organisation);
 *     `audience: true` lets every approved member of an audience enterprise in too; an audience member on
 *     an organiser-only route gets 403; everyone else gets the same 404 a missing event gets.
 *   - branch (`params.enterpriseId`, `params.branchId`): first the enterprise rule (`read`: its members,
 *     supervisors, office; `write`: its members), then the branch's own rule: readers are the branch's
 *     members and the enterprise's leads (and whoever sees the enterprise from outside), writers the
 *     branch's secretary and committee.
 *   - pledge (`params[param]`): its signers and starter, the enterprise's head and liaison, the named
 *     department's cadres, the enterprise's supervisors and the office; anyone else gets the 404 of a
 *     missing pledge.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'office' }
  | { kind: 'department'; roles: readonly TRole[]; param?: string }
  | { kind: 'enterprise'; param: string; roles: readonly TRole[]; supervisor?: boolean; office?: boolean }
  | { kind: 'event'; param: string; audience?: boolean }
  | { kind: 'branch'; need: 'read' | 'write' }
  | { kind: 'pledge'; param: string }

export interface AuthContext {
  user: UserRow
  /** Approved memberships only: a pending membership grants nothing. */
  memberships: MembershipRow[]
}

/** The access kinds whose record is loaded by a feature. */
export type RecordAccess = Extract<Access, { kind: 'event' | 'branch' | 'pledge' }>
export type AccessChecker<A extends RecordAccess> = (
  request: FastifyRequest,
  auth: AuthContext,
  access: A,
) => Promise<void>
export type AccessCheckers = {
  [K in RecordAccess['kind']]?: AccessChecker<Extract<RecordAccess, { kind: K }>>
}

export const PUBLIC: Access = { kind: 'public' }
export const SIGNED_IN: Access = { kind: 'user' }
export const OFFICE: Access = { kind: 'office' }
export const SUPERVISORS: Access = { kind: 'department', roles: SUPERVISOR_ROLES }

/** Whoever watches an enterprise from outside: its supervising departments and the office. */
export const OUTSIDERS = { supervisor: true, office: true } as const

/**
 * The enterprise of `:enterpriseId`: its members holding one of `roles`, and, as `outsiders` says, its
 * supervising departments and the office.
 */
export function enterpriseAccess(
  roles: readonly TRole[],
  outsiders: { supervisor?: true; office?: true } = {},
): Extract<Access, { kind: 'enterprise' }> {
  return { kind: 'enterprise', param: 'enterpriseId', roles, ...outsiders }
}

/** The department of `:departmentId`: its members holding one of `roles`. */
export function departmentAccess(roles: readonly TRole[]): Access {
  return { kind: 'department', param: 'departmentId', roles }
}

/** The enterprise of `:enterpriseId`: any of its members, its supervising departments and the office. */
export const ENTERPRISE_VIEWERS = enterpriseAccess(ENTERPRISE_ROLES, OUTSIDERS)
/** The enterprise of `:enterpriseId`: its liaison only. */
export const ENTERPRISE_LIAISON = enterpriseAccess(LIAISON_ROLES)
/** The enterprise of `:enterpriseId`: its liaison, and the office (an enterprise without a liaison yet). */
export const ENTERPRISE_LIAISON_OR_OFFICE = enterpriseAccess(LIAISON_ROLES, { office: true })
/** The enterprise of `:enterpriseId` never reviews itself: only its supervising departments and the office. */
export const ENTERPRISE_REVIEWERS = enterpriseAccess([], OUTSIDERS)
/** The enterprise of `:enterpriseId`: its supervising departments only (the service may narrow it further). */
export const ENTERPRISE_SUPERVISORS = enterpriseAccess([], { supervisor: true })
/** The enterprise of `:enterpriseId`, one that exists: the office only. */
export const ENTERPRISE_OFFICE = enterpriseAccess([], { office: true })

export function describeAccess(access: Access): string {
  switch (access.kind) {
    case 'public':
      return 'public'
    case 'user':
      return 'any signed-in user'
    case 'office':
      return 'office'
    case 'department':
      return `department${access.param ? `(:${access.param})` : ''} ${access.roles.join(', ')}`
    case 'enterprise': {
      const who: string[] = [...access.roles]
      if (access.supervisor) who.push('supervisor(linked)')
      if (access.office) who.push('office')
      return `enterprise(:${access.param}) ${who.join(', ')}`
    }
    case 'event':
      return `event(:${access.param}) organisers${access.audience ? ', audience' : ''}`
    case 'branch':
      return access.need === 'write'
        ? 'branch(:enterpriseId/:branchId) secretary, committee'
        : 'branch(:enterpriseId/:branchId) members, enterprise leads, supervisor(linked), office'
    case 'pledge':
      return `pledge(:${access.param}) signers, starter, enterprise head/liaison, department officials, supervisor(linked), office`
  }
}

// ---------- who the caller is ----------

export function isOffice(auth: AuthContext): boolean {
  return auth.memberships.some((m) => m.role === 'office' && m.organisation_kind === 'department')
}

/** Whether the caller holds one of `roles` in that organisation. */
export function holdsRole(
  auth: AuthContext,
  kind: 'enterprise' | 'department',
  id: number | null,
  roles: readonly TRole[],
): boolean {
  return (
    id !== null &&
    auth.memberships.some(
      (m) => m.organisation_kind === kind && m.organisation_id === id && hasRole(roles, m.role),
    )
  )
}

/** The organisations of that kind in which the caller holds `role` (each once, in membership order). */
export function heldOrganisationIds(
  auth: AuthContext,
  kind: 'enterprise' | 'department',
  role?: TRole,
): number[] {
  return [
    ...new Set(
      auth.memberships
        .filter((m) => m.organisation_kind === kind && (role === undefined || m.role === role))
        .map((m) => m.organisation_id),
    ),
  ]
}

/** The departments in which the caller is a 监管员. */
export function supervisorDepartmentIds(auth: AuthContext): number[] {
  return auth.memberships
    .filter((m) => m.organisation_kind === 'department' && m.role === 'supervisor')
    .map((m) => m.organisation_id)
}

/**
 * The organisation an export made by the caller carries in its title and file name: the office when they
 * are in it, else the departments they supervise for ('' for anyone else).
 */
export async function actingDepartmentName(db: DbOrTrx, auth: AuthContext): Promise<string> {
  const ids = isOffice(auth)
    ? auth.memberships
        .filter((m) => m.role === 'office' && m.organisation_kind === 'department')
        .map((m) => m.organisation_id)
    : supervisorDepartmentIds(auth)
  if (ids.length === 0) return ''
  const rows = await db
    .selectFrom('departments')
    .select('name')
    .where('id', 'in', ids)
    .orderBy('id')
    .execute()
  return rows.map((r) => r.name).join('、')
}

// ---------- which enterprises a department supervises ----------

/**
 * The enterprises these departments supervise: the one place that reads `supervision_links` for it.
 * A query (select `enterprise_id`): use it as a subquery (`where('id', 'in', supervisedEnterpriseIds(db, ids))`),
 * narrow it, or execute it.
 */
export function supervisedEnterpriseIds(db: DbOrTrx, department: number | readonly number[]) {
  const ids = typeof department === 'number' ? [department] : [...department]
  return db.selectFrom('supervision_links').select('enterprise_id').where('department_id', 'in', ids)
}

/**
 * The caller's 监管员 departments that supervise that enterprise: the ones a department's acknowledgement
 * (权力清单 阅看, 风险预警 阅知) is recorded for.
 */
export async function supervisingDepartments(
  db: DbOrTrx,
  auth: AuthContext,
  enterpriseId: number,
): Promise<number[]> {
  const departmentIds = supervisorDepartmentIds(auth)
  if (departmentIds.length === 0) return []
  const rows = await supervisedEnterpriseIds(db, departmentIds)
    .select('department_id')
    .where('enterprise_id', '=', enterpriseId)
    .execute()
  return rows.map((r) => r.department_id)
}

/** A stored acknowledgement row (权力清单 阅看, 风险预警 阅知) as the answers name it. */
export function toDepartmentAck(row: {
  department_name: string
  user_name: string | null
  acknowledged_at: string
}): TDepartmentAck {
  return { departmentName: row.department_name, userName: row.user_name, acknowledgedAt: row.acknowledged_at }
}

/** Whether one of the caller's 监管员 departments supervises that enterprise. */
export async function supervisesEnterprise(
  db: DbOrTrx,
  auth: AuthContext,
  enterpriseId: number,
): Promise<boolean> {
  const departmentIds = supervisorDepartmentIds(auth)
  if (departmentIds.length === 0) return false
  const link = await supervisedEnterpriseIds(db, departmentIds)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst()
  return link !== undefined
}

// ---------- the generic checks ----------

/** Ids are 32-bit integer columns: anything else names nothing (and must not reach PostgreSQL as a 5xx). */
export { MAX_ID }

export function positiveIntParam(request: FastifyRequest, param: string): number | null {
  const raw = (request.params as Record<string, unknown>)[param]
  const id = typeof raw === 'number' ? raw : Number(raw)
  return Number.isInteger(id) && id > 0 && id <= MAX_ID ? id : null
}

/** The record id a route's param names; one that cannot exist answers like a missing record (404). */
export function recordIdParam(request: FastifyRequest, param: string): number {
  const id = positiveIntParam(request, param)
  if (id === null) throw notFound()
  return id
}

export function checkDepartmentAccess(
  request: FastifyRequest,
  auth: AuthContext,
  access: Extract<Access, { kind: 'department' }>,
): void {
  const departmentId = access.param ? positiveIntParam(request, access.param) : undefined
  const held = auth.memberships.some(
    (m) =>
      m.organisation_kind === 'department' &&
      (departmentId === undefined || m.organisation_id === departmentId) &&
      hasRole(access.roles, m.role),
  )
  if (!held) throw new AppError(403, 'FORBIDDEN')
}

export async function checkEnterpriseAccess(
  request: FastifyRequest,
  auth: AuthContext,
  access: Extract<Access, { kind: 'enterprise' }>,
): Promise<void> {
  const db = request.server.db
  const enterpriseId = recordIdParam(request, access.param)
  // A membership or a supervision link names an existing enterprise; the office's reach names every
  // one, so for the office the enterprise must be proved to exist first: a missing one is the same 404
  // for everyone, reads and writes alike.
  if (holdsRole(auth, 'enterprise', enterpriseId, access.roles)) return
  const office = isOffice(auth)
  const officeSeesIt =
    office &&
    (await db.selectFrom('enterprises').select('id').where('id', '=', enterpriseId).executeTakeFirst()) !==
      undefined
  if (access.office && officeSeesIt) return
  const supervises = await supervisesEnterprise(db, auth, enterpriseId)
  if (access.supervisor && supervises) return
  // Someone who can see this enterprise but lacks the role is told so; anyone else gets exactly the
  // answer an enterprise that does not exist gets.
  const member = auth.memberships.some(
    (m) => m.organisation_kind === 'enterprise' && m.organisation_id === enterpriseId,
  )
  if (member || supervises || officeSeesIt) throw new AppError(403, 'FORBIDDEN')
  throw notFound()
}

/**
 * What a feature's access check loaded, kept per request for the handler so it does not load it again.
 * `remember` in the check, `recall` in the handler (which only runs after the check passed).
 */
export function accessContextSlot<T>(what: string) {
  const loaded = new WeakMap<FastifyRequest, T>()
  return {
    remember(request: FastifyRequest, value: T) {
      loaded.set(request, value)
    },
    recall(request: FastifyRequest): T {
      const value = loaded.get(request)
      if (value === undefined) throw new Error(`${what} route without its access check`)
      return value
    },
  }
}
