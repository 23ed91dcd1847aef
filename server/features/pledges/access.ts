import type { FastifyRequest } from 'fastify'
import {
  PLEDGE_DEPARTMENT_SIGNER_ROLES,
  PLEDGE_ENTERPRISE_SIGNER_ROLES,
  PLEDGE_ENTERPRISE_VIEWER_ROLES,
} from '../../../src/models/roles'
import type { TPledgeSide } from '../../../src/models/pledge'
import {
  accessContextSlot,
  holdsRole,
  isOffice,
  recordIdParam,
  supervisesEnterprise,
  type Access,
  type AccessChecker,
  type AuthContext,
} from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'
import type { PledgeRow } from '../../core/db/schema'
import { found, notFound } from '../../core/errors'
import { pledgesRepository } from './repository'

/** The `pledge` access kind on routes under /pledges/:pledgeId: whoever may see the pledge. */
export const PLEDGE_VIEWERS: Access = { kind: 'pledge', param: 'pledgeId' }

const slot = accessContextSlot<PledgeRow>('pledge')

/** The pledge the access check loaded (it always ran before the handler on these routes). */
export const pledgeOf = (request: FastifyRequest): PledgeRow => slot.recall(request)

/** The side that still has to sign a pending two-sided pledge. */
export function counterSide(pledge: Pick<PledgeRow, 'started_side'>): TPledgeSide {
  return pledge.started_side === 'enterprise' ? 'department' : 'enterprise'
}

/** A cadre (党员干部) of the named department signs its side; the named enterprise's head signs the other. */
export function canSignSide(auth: AuthContext, pledge: PledgeRow, side: TPledgeSide): boolean {
  return side === 'department'
    ? holdsRole(auth, 'department', pledge.department_id, PLEDGE_DEPARTMENT_SIGNER_ROLES)
    : holdsRole(auth, 'enterprise', pledge.enterprise_id, PLEDGE_ENTERPRISE_SIGNER_ROLES)
}

/**
 * Who sees a pledge: its signers and starter; the enterprise's head and liaison; for a two-sided pledge
 * the named department's cadres; the enterprise's supervising departments and the office.
 */
export async function canView(db: DbOrTrx, auth: AuthContext, pledge: PledgeRow): Promise<boolean> {
  if (pledge.started_by === auth.user.id) return true
  if (holdsRole(auth, 'enterprise', pledge.enterprise_id, PLEDGE_ENTERPRISE_VIEWER_ROLES)) return true
  if (
    pledge.kind === 'government_business' &&
    holdsRole(auth, 'department', pledge.department_id, PLEDGE_DEPARTMENT_SIGNER_ROLES)
  )
    return true
  if (isOffice(auth)) return true
  if (await pledgesRepository.hasSigned(db, pledge.id, auth.user.id)) return true
  return supervisesEnterprise(db, auth, pledge.enterprise_id)
}

/** The pledge, or the 404 of one that does not exist (also for a caller who may not see it). */
export async function loadPledge(db: DbOrTrx, pledgeId: number): Promise<PledgeRow> {
  return found(pledgesRepository.byId(db, pledgeId))
}

export const checkPledgeAccess: AccessChecker<{ kind: 'pledge'; param: string }> = async (
  request,
  auth,
  access,
) => {
  const pledgeId = recordIdParam(request, access.param)
  const pledge = await loadPledge(request.server.db, pledgeId)
  if (!(await canView(request.server.db, auth, pledge))) throw notFound()
  slot.remember(request, pledge)
}
