import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { AppError, notFound } from '../../core/errors'
import { MAX_ID, type AuthContext } from '../../core/access'
import type { WriteOutcome } from '../../core/writes'
import { isoAt } from '../../core/clock'
import type { TDepartmentInvite, TDepartmentRole, TJoinResult, TUserStatus } from '../../../src/models/invite'
import type { TMember, TRole } from '../../../src/models/org'
import { departmentsRepository, enterprisesRepository } from './repository'
import { inviteMaxUses, invitesRepository, inviteUsedUp, toDepartmentInvite } from './invitesRepository'
import { membershipsRepository } from './membershipsRepository'
import { usersRepository } from '../auth/repository'
import { newInviteCode } from './service'
import { holdsAlready, openInvite } from './invitePreview'

/**
 * People of an organisation: joining with an invite, the decision on a request, role changes, removal,
 * the liaison's handover, and the office's 停用 / 启用 of an account.
 *
 * Every change to who holds which role starts by taking the organisation's row lock
 * (`membershipsRepository.lockOrganisation`), so the rule checked next (an enterprise keeps a liaison,
 * the office keeps an office user) still holds when the transaction commits, whatever runs beside it.
 */
type Trx = Transaction<Database>
type OrgKind = 'enterprise' | 'department'

/** The role an organisation always keeps someone in, and the refusal when a change would leave none. */
const KEPT_ROLE = {
  enterprise: { role: 'liaison', code: 'LAST_LIAISON' },
  department: { role: 'office', code: 'LAST_OFFICE_USER' },
} as const

async function assertKeepsHolder(trx: Trx, kind: OrgKind, organisationId: number, leavingUserId: number) {
  const kept = KEPT_ROLE[kind]
  const others = await membershipsRepository.countActiveHolders(
    trx,
    kind,
    organisationId,
    kept.role,
    leavingUserId,
  )
  if (others === 0) throw new AppError(409, kept.code)
}

/** Ids beyond the 32-bit columns name nothing: the 404 of a missing record (never a database error). */
export function assertIdsInRange(...ids: number[]): void {
  if (ids.some((id) => id > MAX_ID)) throw notFound()
}

/**
 * The membership a change is about, read after the organisation's lock: 404 when it is not that
 * organisation's, 409 MEMBER_NOT_ACTIVE when its status is not one of `statuses`.
 */
async function lockedMembership(
  trx: Trx,
  kind: OrgKind,
  organisationId: number,
  membershipId: number,
  statuses: readonly string[] = ['approved'],
) {
  assertIdsInRange(organisationId, membershipId)
  if (!(await membershipsRepository.lockOrganisation(trx, kind, organisationId))) throw notFound()
  const membership = await membershipsRepository.findInOrganisation(trx, kind, organisationId, membershipId)
  if (!membership) throw notFound()
  if (!statuses.includes(membership.status)) throw new AppError(409, 'MEMBER_NOT_ACTIVE')
  return membership
}

async function memberView(db: DbOrTrx, kind: OrgKind, organisationId: number, membershipId: number) {
  const members = await membershipsRepository.listMembers(db, kind, organisationId)
  return members.find((m) => m.membershipId === membershipId)!
}

/** The office role exists only in the 领导小组办公室 itself. */
async function assertRoleFitsDepartment(db: DbOrTrx, departmentId: number, role: TRole) {
  const department = await departmentsRepository.findById(db, departmentId)
  if (!department) throw notFound()
  if (role === 'office' && !department.is_office)
    throw new AppError(400, 'INVITE_ROLE_NOT_ALLOWED', '只有领导小组办公室可以设办公室人员', [
      { path: 'role', message: '只有领导小组办公室可以设办公室人员' },
    ])
}

// ---------- invites and join requests ----------

export async function createDepartmentInvite(
  trx: Trx,
  auth: AuthContext,
  departmentId: number,
  input: { role: TDepartmentRole; expiresInDays: number; maxUses?: number },
  now: number,
): Promise<WriteOutcome<TDepartmentInvite>> {
  assertIdsInRange(departmentId)
  await assertRoleFitsDepartment(trx, departmentId, input.role)
  const row = await invitesRepository.insert(
    trx,
    {
      code: newInviteCode(),
      departmentId,
      role: input.role,
      createdBy: auth.user.id,
      expiresAt: isoAt(now + input.expiresInDays * 86_400_000),
      maxUses: inviteMaxUses(input.role, input.maxUses, 20),
    },
    isoAt(now),
  )
  return {
    result: toDepartmentInvite(row),
    entityType: 'invite',
    entityId: row.id,
    detail: { departmentId, role: row.role },
  }
}

/** A request to join the invite's organisation: pending until its liaison (enterprise) or the office decides. */
export async function joinWithInvite(
  trx: Trx,
  auth: AuthContext,
  code: string,
  now: number,
): Promise<WriteOutcome<TJoinResult>> {
  const { invite, kind, organisationId } = await openInvite(trx, code, now)
  if (!(await membershipsRepository.lockOrganisation(trx, kind, organisationId)))
    throw new AppError(400, 'INVITE_INVALID')
  const { existing, held } = await holdsAlready(trx, auth.user.id, kind, organisationId, invite.role)
  if (held) throw new AppError(409, 'ALREADY_MEMBER')
  if (invite.uses >= invite.max_uses) throw inviteUsedUp(invite.max_uses)
  if (!(await invitesRepository.consume(trx, invite.id))) throw inviteUsedUp(invite.max_uses)
  const name =
    kind === 'enterprise'
      ? (await enterprisesRepository.get(trx, organisationId))!.name
      : (await departmentsRepository.findById(trx, organisationId))!.name
  const membership = existing
    ? await membershipsRepository.requestAgain(trx, existing.id, invite.id)
    : await membershipsRepository.insert(
        trx,
        {
          user_id: auth.user.id,
          organisation_kind: kind,
          organisation_id: organisationId,
          role: invite.role,
          status: 'pending',
          invite_id: invite.id,
        },
        isoAt(now),
      )
  return {
    result: {
      membershipId: membership.id,
      organisationKind: kind,
      organisationId,
      organisationName: name,
      ...(kind === 'enterprise' ? { enterpriseId: organisationId, enterpriseName: name } : {}),
      role: invite.role as TRole,
      status: 'pending',
    },
    entityType: 'membership',
    entityId: membership.id,
    detail: { inviteId: invite.id, organisationKind: kind },
  }
}

export async function decideJoinRequest(
  trx: Trx,
  auth: AuthContext,
  kind: OrgKind,
  organisationId: number,
  membershipId: number,
  decision: 'approved' | 'rejected',
  now: number,
): Promise<WriteOutcome<TMember>> {
  assertIdsInRange(organisationId, membershipId)
  const membership = await membershipsRepository.findInOrganisation(trx, kind, organisationId, membershipId)
  if (!membership) throw notFound()
  if (membership.user_id === auth.user.id) throw new AppError(403, 'FORBIDDEN', '不能审核自己的申请')
  const decided = await membershipsRepository.decide(trx, membershipId, decision, auth.user.id, isoAt(now))
  if (!decided) throw new AppError(409, 'JOIN_REQUEST_NOT_PENDING')
  return {
    result: await memberView(trx, kind, organisationId, membershipId),
    entityType: 'membership',
    entityId: membershipId,
    detail: { decision },
  }
}

// ---------- roles ----------

/** 调整角色: an approved membership takes another role of its organisation. */
export async function changeMemberRole(
  trx: Trx,
  auth: AuthContext,
  kind: OrgKind,
  organisationId: number,
  membershipId: number,
  role: TRole,
  now: number,
): Promise<WriteOutcome<TMember>> {
  const membership = await lockedMembership(trx, kind, organisationId, membershipId)
  if (kind === 'department') await assertRoleFitsDepartment(trx, organisationId, role)
  let resultId = membershipId
  if (membership.role !== role) {
    if (membership.role === KEPT_ROLE[kind].role)
      await assertKeepsHolder(trx, kind, organisationId, membership.user_id)
    const held = (
      await membershipsRepository.listOfPerson(trx, membership.user_id, kind, organisationId)
    ).find((m) => m.role === role)
    if (held && (held.status === 'approved' || held.status === 'pending'))
      throw new AppError(409, 'ROLE_ALREADY_HELD')
    if (held) {
      // The person held that role here before (ended or refused): that row is granted again, this one ends.
      await membershipsRepository.endOne(trx, membershipId, auth.user.id, isoAt(now))
      await membershipsRepository.grantAgain(trx, held.id, auth.user.id, isoAt(now))
      resultId = held.id
    } else if (!(await membershipsRepository.changeRole(trx, membershipId, membership.role, role))) {
      throw new AppError(409, 'CONFLICT')
    }
  }
  return {
    result: await memberView(trx, kind, organisationId, resultId),
    entityType: 'membership',
    entityId: resultId,
    detail: { from: membership.role, to: role },
  }
}

/** 移出: the person has left the enterprise. Their memberships end; everything they signed stays theirs. */
export async function removeMember(
  trx: Trx,
  auth: AuthContext,
  enterpriseId: number,
  membershipId: number,
  now: number,
): Promise<WriteOutcome<TMember>> {
  const membership = await lockedMembership(trx, 'enterprise', enterpriseId, membershipId, [
    'approved',
    'pending',
  ])
  const roles = await membershipsRepository.listOfPerson(trx, membership.user_id, 'enterprise', enterpriseId)
  if (roles.some((m) => m.role === 'liaison' && m.status === 'approved'))
    await assertKeepsHolder(trx, 'enterprise', enterpriseId, membership.user_id)
  const ended = await membershipsRepository.endAll(
    trx,
    membership.user_id,
    'enterprise',
    enterpriseId,
    auth.user.id,
    isoAt(now),
  )
  return {
    result: await memberView(trx, 'enterprise', enterpriseId, membershipId),
    entityType: 'membership',
    entityId: membershipId,
    detail: { userId: membership.user_id, ended },
  }
}

/**
 * 移交联络员: the chosen member becomes the liaison and the caller stops being one (their liaison
 * membership becomes 职工, or ends when they hold another role here). The enterprise has a liaison
 * before and after, in one transaction.
 */
export async function handOverLiaison(
  trx: Trx,
  auth: AuthContext,
  enterpriseId: number,
  targetMembershipId: number,
  now: number,
): Promise<WriteOutcome<TMember>> {
  const at = isoAt(now)
  const target = await lockedMembership(trx, 'enterprise', enterpriseId, targetMembershipId)
  if (target.user_id === auth.user.id)
    throw new AppError(400, 'VALIDATION_FAILED', '请选择其他成员作为新的联络员', [
      { path: 'membershipId', message: '请选择其他成员作为新的联络员' },
    ])
  const mine = await membershipsRepository.listOfPerson(trx, auth.user.id, 'enterprise', enterpriseId)
  const myLiaison = mine.find((m) => m.role === 'liaison' && m.status === 'approved')
  // Handed over (or ended) meanwhile by a request that committed first.
  if (!myLiaison) throw new AppError(409, 'CONFLICT')
  const theirs = await membershipsRepository.listOfPerson(trx, target.user_id, 'enterprise', enterpriseId)
  const theirLiaison = theirs.find((m) => m.role === 'liaison')
  if (theirLiaison?.status === 'approved') throw new AppError(409, 'ROLE_ALREADY_HELD')
  const granted = theirLiaison
    ? await membershipsRepository.grantAgain(trx, theirLiaison.id, auth.user.id, at)
    : await membershipsRepository.insert(
        trx,
        {
          user_id: target.user_id,
          organisation_kind: 'enterprise',
          organisation_id: enterpriseId,
          role: 'liaison',
          status: 'approved',
        },
        at,
      )
  const keepsAnother = mine.some((m) => m.id !== myLiaison.id && m.status === 'approved')
  const employeeRow = mine.find((m) => m.role === 'employee')
  if (keepsAnother || employeeRow) {
    await membershipsRepository.endOne(trx, myLiaison.id, auth.user.id, at)
    if (!keepsAnother && employeeRow)
      await membershipsRepository.grantAgain(trx, employeeRow.id, auth.user.id, at)
  } else if (!(await membershipsRepository.changeRole(trx, myLiaison.id, 'liaison', 'employee'))) {
    throw new AppError(409, 'CONFLICT')
  }
  return {
    result: await memberView(trx, 'enterprise', enterpriseId, granted!.id),
    entityType: 'membership',
    entityId: granted!.id,
    detail: { from: auth.user.id, to: target.user_id },
  }
}

// ---------- accounts ----------

/**
 * 停用 / 启用 a person's account (the office). A disabled account's token stops working on its next
 * request (the auth plugin reads `disabled_at` every time). The office keeps one office user in use:
 * every office department's row is locked first, so two office users disabling each other at once
 * cannot both succeed.
 */
export async function setUserDisabled(
  trx: Trx,
  auth: AuthContext,
  userId: number,
  disabled: boolean,
  now: number,
): Promise<WriteOutcome<TUserStatus>> {
  const at = isoAt(now)
  assertIdsInRange(userId)
  if (disabled) {
    if (userId === auth.user.id) throw new AppError(403, 'FORBIDDEN', '不能停用自己的账号')
    await membershipsRepository.lockOfficeDepartments(trx)
  }
  const user = await usersRepository.findById(trx, userId)
  if (!user) throw notFound()
  if (disabled && !user.disabled_at) {
    const offices = (await membershipsRepository.listForUser(trx, userId)).filter(
      (m) => m.organisationKind === 'department' && m.role === 'office' && m.status === 'approved',
    )
    for (const office of offices) await assertKeepsHolder(trx, 'department', office.organisationId, userId)
  }
  const changed = await usersRepository.setDisabled(trx, userId, disabled ? at : null, at)
  const current = changed ?? user
  return {
    result: { userId, name: current.name, disabled: current.disabled_at !== null },
    entityType: 'user',
    entityId: userId,
    detail: { disabled, changed: Boolean(changed) },
  }
}
