import type { DbOrTrx } from '../../core/db/database'
import { AppError } from '../../core/errors'
import type { AuthContext } from '../../core/access'
import { isoAt } from '../../core/clock'
import type { TInvitePreview } from '../../../src/models/invite'
import type { TRole } from '../../../src/models/org'
import { departmentsRepository, enterprisesRepository } from './repository'
import { invitesRepository, inviteUsedUp } from './invitesRepository'
import { membershipsRepository } from './membershipsRepository'

type OrgKind = 'enterprise' | 'department'

/** The invite behind `code` while it can still be used, with the organisation it opens; else the join's refusal. */
export async function openInvite(db: DbOrTrx, code: string, now: number) {
  const invite = await invitesRepository.findByCode(db, code)
  if (!invite || invite.revoked_at || Date.parse(invite.expires_at) <= now)
    throw new AppError(400, 'INVITE_INVALID')
  const kind: OrgKind = invite.enterprise_id !== null ? 'enterprise' : 'department'
  const organisationId = (invite.enterprise_id ?? invite.department_id)!
  return { invite, kind, organisationId }
}

/** Holds the caller a request or membership that joining again would duplicate? */
export async function holdsAlready(
  db: DbOrTrx,
  userId: number,
  kind: OrgKind,
  organisationId: number,
  role: string,
) {
  const existing = await membershipsRepository.findExisting(db, userId, kind, organisationId, role)
  return { existing, held: !!existing && existing.status !== 'rejected' && existing.status !== 'removed' }
}

/**
 * What the 加入 page shows before the request is sent: whose invite it is, for which role, until when, and
 * whether the caller already asked or belongs. Refuses as the join itself would (invalid, expired, used up),
 * so the page can say so before the tap.
 */
export async function previewInvite(
  db: DbOrTrx,
  auth: AuthContext,
  code: string,
  now: number,
): Promise<TInvitePreview> {
  const { invite, kind, organisationId } = await openInvite(db, code, now)
  const organisation =
    kind === 'enterprise'
      ? await enterprisesRepository.get(db, organisationId)
      : await departmentsRepository.findById(db, organisationId)
  if (!organisation) throw new AppError(400, 'INVITE_INVALID')
  const { held } = await holdsAlready(db, auth.user.id, kind, organisationId, invite.role)
  if (!held && invite.uses >= invite.max_uses) throw inviteUsedUp(invite.max_uses)
  return {
    organisationKind: kind,
    organisationName: organisation.name,
    role: invite.role as TRole,
    expiresAt: isoAt(Date.parse(invite.expires_at)),
    alreadyMember: held,
  }
}
