import type { TMembership, TRole } from './org'
import {
  ENTERPRISE_LEAD_ROLES,
  EVENT_ORGANISER_ROLES,
  LIAISON_ROLES,
  REGISTER_KEEPER_ROLES,
  SUPERVISOR_ROLES,
  hasRole,
} from './roles'

/** Approved memberships only: a pending or rejected one grants nothing. */
function approved(memberships: readonly TMembership[]): TMembership[] {
  return memberships.filter((m) => m.status === 'approved')
}

export interface EnterpriseAccess {
  id: number
  name: string
  roles: TRole[]
}

/** The enterprises the user belongs to (approved), each once, with the roles held there. */
export function enterprisesOf(memberships: readonly TMembership[]): EnterpriseAccess[] {
  const byId = new Map<number, EnterpriseAccess>()
  for (const m of approved(memberships)) {
    if (m.organisationKind !== 'enterprise') continue
    const e = byId.get(m.organisationId) ?? { id: m.organisationId, name: m.organisationName, roles: [] }
    e.roles.push(m.role)
    byId.set(m.organisationId, e)
  }
  return [...byId.values()]
}

/**
 * Works only for departments (监管员 / 办公室 / 党员干部, approved) and for no enterprise: an event's 参加对象 are
 * enterprises' staff, so such a user never attends one (the server lists none and refuses a scan).
 */
export function isDepartmentOnly(memberships: readonly TMembership[]): boolean {
  return (
    enterprisesOf(memberships).length === 0 &&
    approved(memberships).some((m) => m.organisationKind === 'department')
  )
}

/** Holds one of `roles` in the enterprise, approved. */
function holdsIn(
  memberships: readonly TMembership[],
  enterpriseId: number,
  roles: readonly TRole[],
): boolean {
  return approved(memberships).some(
    (m) => m.organisationKind === 'enterprise' && m.organisationId === enterpriseId && hasRole(roles, m.role),
  )
}

/** The enterprise's 联络员 answers the self-assessment and 整改 (the server checks it again). */
export const isLiaisonOf = (memberships: readonly TMembership[], enterpriseId: number): boolean =>
  holdsIn(memberships, enterpriseId, LIAISON_ROLES)

/** The enterprise's 联络员 or 负责人: they keep its 廉洁风险点 and 突出问题清单 (the server checks it again). */
export const keepsRegistersOf = (memberships: readonly TMembership[], enterpriseId: number): boolean =>
  holdsIn(memberships, enterpriseId, REGISTER_KEEPER_ROLES)

/** 监管员 of a department, or 领导小组办公室: reviews assessments and verifies 整改. */
export function isReviewer(memberships: readonly TMembership[]): boolean {
  return approved(memberships).some(
    (m) => m.organisationKind === 'department' && hasRole(SUPERVISOR_ROLES, m.role),
  )
}

/** Who may organise events: an enterprise's 联络员 / 支部书记, a department's 监管员 / 办公室. */
export function isEventOrganiser(memberships: readonly TMembership[]): boolean {
  return eventOrganiserOptions(memberships).length > 0
}

export interface EventOrganiserOption {
  kind: 'enterprise' | 'department'
  id: number
  name: string
  /** The 领导小组办公室: a county event may invite any enterprise, not only the ones it supervises. */
  office?: boolean
}

/** The organisations this user may organise an event for (the server checks the same roles). */
export function eventOrganiserOptions(memberships: readonly TMembership[]): EventOrganiserOption[] {
  const seen = new Set<string>()
  const out: EventOrganiserOption[] = []
  const offices = new Set(
    approved(memberships)
      .filter((m) => m.organisationKind === 'department' && m.role === 'office')
      .map((m) => m.organisationId),
  )
  for (const m of approved(memberships)) {
    const allowed = hasRole(EVENT_ORGANISER_ROLES[m.organisationKind], m.role)
    const key = `${m.organisationKind}:${m.organisationId}`
    if (!allowed || seen.has(key)) continue
    seen.add(key)
    out.push({
      kind: m.organisationKind,
      id: m.organisationId,
      name: m.organisationName,
      ...(m.organisationKind === 'department' && offices.has(m.organisationId) ? { office: true } : {}),
    })
  }
  return out
}

/** Enterprises whose 活动到会率 this user may read: its own as 联络员 / 负责人 / 支部书记. */
export function attendanceRateEnterprises(memberships: readonly TMembership[]) {
  return approved(memberships).filter(
    (m) => m.organisationKind === 'enterprise' && hasRole(ENTERPRISE_LEAD_ROLES, m.role),
  )
}

/** The departments a 监管员 supervises for (approved, each once): its 企业列表 can narrow to one. */
export function supervisedDepartments(memberships: readonly TMembership[]): { id: number; name: string }[] {
  const byId = new Map<number, string>()
  for (const m of approved(memberships))
    if (m.organisationKind === 'department' && m.role === 'supervisor')
      byId.set(m.organisationId, m.organisationName)
  return [...byId].map(([id, name]) => ({ id, name }))
}

/** 领导小组办公室: county-wide work such as opening a 自查期次. */
export function isOffice(memberships: readonly TMembership[]): boolean {
  return approved(memberships).some((m) => m.organisationKind === 'department' && m.role === 'office')
}
