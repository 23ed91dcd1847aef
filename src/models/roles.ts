/**
 * Every set of roles the product reasons with, defined once (pure TS: used by the app and the server).
 * A user holds roles in organisations (memberships); these sets say which roles count for what.
 */
export const ROLES = [
  'employee',
  'liaison',
  'head',
  'branch_secretary',
  'supervisor',
  'office',
  'official',
] as const
export type TRole = (typeof ROLES)[number]

/** Roles held in an enterprise, and roles held in a department. */
export const ENTERPRISE_ROLES = [
  'employee',
  'liaison',
  'head',
  'branch_secretary',
] as const satisfies readonly TRole[]
export const DEPARTMENT_ROLES = ['supervisor', 'office', 'official'] as const satisfies readonly TRole[]

/** A department's staff who see the enterprises it supervises: its 监管员 and the 领导小组办公室. */
export const SUPERVISOR_ROLES = ['supervisor', 'office'] as const satisfies readonly TRole[]

/** An enterprise's leads: they see all its party branches and its attendance figures. */
export const ENTERPRISE_LEAD_ROLES = [
  'liaison',
  'head',
  'branch_secretary',
] as const satisfies readonly TRole[]

/** Who organises an event, by the kind of organisation that runs it. */
export const EVENT_ORGANISER_ROLES = {
  enterprise: ['liaison', 'branch_secretary'],
  department: SUPERVISOR_ROLES,
} as const satisfies Record<'enterprise' | 'department', readonly TRole[]>

/** An enterprise's roles that see its pledges (besides the signers): the head and the liaison. */
export const PLEDGE_ENTERPRISE_VIEWER_ROLES = ['head', 'liaison'] as const satisfies readonly TRole[]

/** The enterprise's side of a 政商双边 or enterprise pledge is signed by its head. */
export const PLEDGE_ENTERPRISE_SIGNER_ROLES = ['head'] as const satisfies readonly TRole[]

/** The department's side of a 政商双边 pledge is signed by one of its 党员干部. */
export const PLEDGE_DEPARTMENT_SIGNER_ROLES = ['official'] as const satisfies readonly TRole[]

/** The enterprise's administrator (profile, members, self-assessment, 整改). */
/** Who keeps a 国企's 权力清单 and “三重一大” log (task 12). */
export const POWERS_KEEPER_ROLES = ['liaison', 'head'] as const satisfies readonly TRole[]
/** Who keeps an enterprise's 廉洁风险点 and 突出问题清单 (tasks 7, 13). */
export const REGISTER_KEEPER_ROLES = ['liaison', 'head'] as const satisfies readonly TRole[]
export const LIAISON_ROLES = ['liaison'] as const satisfies readonly TRole[]

/**
 * Roles an invite names one person for: the enterprise's 联络员 and 负责人, a branch's 支部书记, and the
 * 领导小组办公室's clerk (county-wide rights). Such an invite is used once; a staff invite (职工, 监管员, 党员干部)
 * is passed round a whole unit and serves many.
 */
export const SINGLE_USE_INVITE_ROLES = [
  'liaison',
  'head',
  'branch_secretary',
  'office',
] as const satisfies readonly TRole[]

/** Whether `role` is one of `roles` (the sets are readonly tuples; this reads them as plain string lists). */
export function hasRole(roles: readonly TRole[], role: string): boolean {
  return (roles as readonly string[]).includes(role)
}
