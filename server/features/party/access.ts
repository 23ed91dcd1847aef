import type { FastifyRequest } from 'fastify'
import { ENTERPRISE_LEAD_ROLES, ENTERPRISE_ROLES } from '../../../src/models/roles'
import {
  accessContextSlot,
  checkEnterpriseAccess,
  holdsRole,
  enterpriseAccess,
  OUTSIDERS,
  recordIdParam,
  type Access,
  type AccessChecker,
  type AuthContext,
} from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'
import type { PartyBranchRow } from '../../core/db/schema'
import { AppError, found } from '../../core/errors'
import { branchesRepository } from './repository'

/**
 * The `branch` access kind (routes under /enterprises/:enterpriseId/party-branches/:branchId).
 * Reading: the branch's own members, the enterprise's leads (liaison, head, branch secretaries), its
 * supervising departments and the office. Writing: the branch's secretary and committee. A branch of
 * another enterprise answers like a missing one; a member of the enterprise who is none of these is told 403.
 */
export const BRANCH_READERS: Access = { kind: 'branch', need: 'read' }
export const BRANCH_WRITERS: Access = { kind: 'branch', need: 'write' }

export interface BranchContext {
  branch: PartyBranchRow
  enterpriseName: string
  canWrite: boolean
}

const slot = accessContextSlot<BranchContext>('branch')

/** The branch the access check loaded (it always ran before the handler on these routes). */
export const branchOf = (request: FastifyRequest): BranchContext => slot.recall(request)

/** The branch's secretary, or an active member of its committee (书记, 副书记, 委员). */
export async function writesForBranch(
  db: DbOrTrx,
  auth: AuthContext,
  branch: PartyBranchRow,
): Promise<boolean> {
  if (branch.secretary_user_id === auth.user.id) return true
  return branchesRepository.isActiveMember(db, branch.id, auth.user.id, true)
}

/** The branch of that enterprise, and whether the caller may write its records; a missing one is a 404. */
async function loadBranch(
  db: DbOrTrx,
  auth: AuthContext,
  enterpriseId: number,
  branchId: number,
): Promise<BranchContext> {
  const loaded = await found(branchesRepository.find(db, enterpriseId, branchId))
  return { ...loaded, canWrite: await writesForBranch(db, auth, loaded.branch) }
}

export const checkBranchAccess: AccessChecker<{ kind: 'branch'; need: 'read' | 'write' }> = async (
  request,
  auth,
  access,
) => {
  // First the enterprise: its members for either; its supervising departments and the office may read.
  await checkEnterpriseAccess(
    request,
    auth,
    enterpriseAccess(ENTERPRISE_ROLES, access.need === 'read' ? OUTSIDERS : {}),
  )
  const enterpriseId = recordIdParam(request, 'enterpriseId')
  const branchId = recordIdParam(request, 'branchId')
  const db = request.server.db
  const context = await loadBranch(db, auth, enterpriseId, branchId)
  slot.remember(request, context)
  if (access.need === 'write') {
    if (!context.canWrite) throw new AppError(403, 'MEETING_NO_BRANCH_WRITER')
    return
  }
  if (context.canWrite) return
  if (holdsRole(auth, 'enterprise', enterpriseId, ENTERPRISE_LEAD_ROLES)) return
  if (await branchesRepository.isActiveMember(db, branchId, auth.user.id)) return
  // Supervisors and the office passed the enterprise check only if they may see this enterprise.
  const enterpriseMember = auth.memberships.some(
    (m) => m.organisation_kind === 'enterprise' && m.organisation_id === enterpriseId,
  )
  if (!enterpriseMember) return
  throw new AppError(403, 'FORBIDDEN')
}
