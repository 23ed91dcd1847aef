import type { TRole } from '../../src/models/org'

/**
 * Who may call a route, declared on the route itself (`config.access`) and checked in one place.
 * A route under /api without a declaration fails to register, and a test lists them all.
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
 * - event: the event named by `params[param]`. Its organisers are the organising enterprise's liaisons and
 *   branch secretaries, or the organising department's supervisors and office staff; its audience is every
 *   approved member of an audience enterprise. `audience: true` lets the audience in too; an audience
 *   member on an organiser-only route gets 403; everyone else gets the same 404 a missing event gets.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'office' }
  | { kind: 'department'; roles: readonly TRole[]; param?: string }
  | { kind: 'enterprise'; param: string; roles: readonly TRole[]; supervisor?: boolean; office?: boolean }
  | { kind: 'event'; param: string; audience?: boolean }

/** Who organises an event, by the kind of organisation that runs it. */
export const EVENT_ORGANISER_ROLES = {
  enterprise: ['liaison', 'branch_secretary'],
  department: ['supervisor', 'office'],
} as const satisfies Record<'enterprise' | 'department', readonly TRole[]>

export const PUBLIC: Access = { kind: 'public' }
export const SIGNED_IN: Access = { kind: 'user' }
export const OFFICE: Access = { kind: 'office' }
export const SUPERVISORS: Access = { kind: 'department', roles: ['supervisor', 'office'] }

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
  }
}
