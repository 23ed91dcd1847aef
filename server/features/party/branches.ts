import { isoAt } from '../../core/clock'
import { ENTERPRISE_LEAD_ROLES, hasRole } from '../../../src/models/roles'
import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { invalid, notFound } from '../../core/errors'
import { MAX_ID, type AuthContext } from '../../core/access'
import type { WriteOutcome } from '../../core/writes'
import {
  BRANCH_WRITER_ROLES,
  type TBranchDetail,
  type TBranchRole,
  type TBranchSummary,
  type TPartyMember,
} from '../../../src/models/meeting'
import type { BranchContext } from './access'
import { branchesRepository, type MemberRow } from './repository'

/** A party branch: its roll (党员), 党小组 and the branches a user belongs to. */

type Trx = Transaction<Database>

export const memberView = (r: MemberRow): TPartyMember => ({
  id: r.id,
  branchId: r.branch_id,
  userId: r.user_id,
  name: r.name,
  branchRole: r.branch_role,
  groupId: r.group_id,
  active: r.active === 1,
})

export const ROLE_ORDER: Record<TBranchRole, number> = {
  secretary: 0,
  deputy_secretary: 1,
  committee: 2,
  member: 3,
}

export async function membersOf(db: DbOrTrx, branchId: number): Promise<TPartyMember[]> {
  const rows = await branchesRepository.members(db, branchId)
  return rows
    .map(memberView)
    .sort((a, b) => ROLE_ORDER[a.branchRole] - ROLE_ORDER[b.branchRole] || a.id - b.id)
}

export function groupsOf(db: DbOrTrx, branchId: number) {
  return branchesRepository.groups(db, branchId)
}

export async function branchDetail(db: DbOrTrx, ctx: BranchContext): Promise<TBranchDetail> {
  const { branch } = ctx
  const [members, groups, secretary] = await Promise.all([
    membersOf(db, branch.id),
    groupsOf(db, branch.id),
    branch.secretary_user_id
      ? branchesRepository.user(db, branch.secretary_user_id)
      : Promise.resolve(undefined),
  ])
  return {
    id: branch.id,
    name: branch.name,
    enterpriseId: branch.enterprise_id,
    enterpriseName: ctx.enterpriseName,
    canWrite: ctx.canWrite,
    secretary: secretary ? { userId: secretary.id, name: secretary.name } : null,
    members,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      memberCount: members.filter((m) => m.active && m.groupId === g.id).length,
    })),
  }
}

/** The branches the caller works with: as secretary, as a party member, or as an enterprise lead. */
export async function myBranches(db: DbOrTrx, auth: AuthContext): Promise<TBranchSummary[]> {
  const leadEnterprises = [
    ...new Set(
      auth.memberships
        .filter((m) => m.organisation_kind === 'enterprise' && hasRole(ENTERPRISE_LEAD_ROLES, m.role))
        .map((m) => m.organisation_id),
    ),
  ]
  const memberRows = await branchesRepository.rollPlacesOf(db, auth.user.id)
  const rows = await branchesRepository.listFor(
    db,
    auth.user.id,
    memberRows.map((m) => m.branch_id),
    leadEnterprises,
  )
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    canWrite:
      r.secretary_user_id === auth.user.id ||
      memberRows.some((m) => m.branch_id === r.id && BRANCH_WRITER_ROLES.includes(m.branch_role)),
  }))
}

export async function checkGroup(
  db: DbOrTrx,
  branchId: number,
  groupId: number | null | undefined,
  path: string,
) {
  if (groupId === null || groupId === undefined) return
  if (!(await branchesRepository.groupInBranch(db, branchId, groupId)))
    throw invalid(path, '该党小组不属于本支部')
}

export async function checkMemberUser(db: DbOrTrx, enterpriseId: number, userId: number | null | undefined) {
  if (userId === null || userId === undefined) return
  if (!(await branchesRepository.isApprovedEnterpriseMember(db, enterpriseId, userId)))
    throw invalid('userId', '关联账号须为本企业已审核的成员')
}

export async function addMember(
  trx: Trx,
  ctx: BranchContext,
  body: { name: string; userId?: number | null; branchRole: TBranchRole; groupId?: number | null },
  now: number,
): Promise<WriteOutcome<TPartyMember>> {
  await checkGroup(trx, ctx.branch.id, body.groupId, 'groupId')
  await checkMemberUser(trx, ctx.branch.enterprise_id, body.userId)
  if (body.userId) {
    if (await branchesRepository.onRoll(trx, ctx.branch.id, body.userId))
      throw invalid('userId', '该账号已在本支部党员名册中')
  }
  const row = await branchesRepository.insertMember(trx, {
    branch_id: ctx.branch.id,
    user_id: body.userId ?? null,
    name: body.name,
    branch_role: body.branchRole,
    group_id: body.groupId ?? null,
    active: 1,
    created_at: isoAt(now),
    updated_at: isoAt(now),
  })
  return {
    result: memberView(row),
    entityType: 'party_member',
    entityId: row.id,
    detail: { branchId: ctx.branch.id, branchRole: row.branch_role },
  }
}

export async function updateMember(
  trx: Trx,
  ctx: BranchContext,
  memberId: number,
  body: {
    name?: string
    userId?: number | null
    branchRole?: TBranchRole
    groupId?: number | null
    active?: boolean
  },
  now: number,
): Promise<WriteOutcome<TPartyMember>> {
  if (memberId > MAX_ID) throw notFound()
  if (!(await branchesRepository.memberExists(trx, ctx.branch.id, memberId))) throw notFound()
  await checkGroup(trx, ctx.branch.id, body.groupId, 'groupId')
  await checkMemberUser(trx, ctx.branch.enterprise_id, body.userId)
  const row = await branchesRepository.updateMember(trx, memberId, {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.userId !== undefined ? { user_id: body.userId } : {}),
    ...(body.branchRole !== undefined ? { branch_role: body.branchRole } : {}),
    ...(body.groupId !== undefined ? { group_id: body.groupId } : {}),
    ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
    updated_at: isoAt(now),
  })
  return { result: memberView(row), entityType: 'party_member', entityId: row.id, detail: body }
}

export async function addGroup(
  trx: Trx,
  ctx: BranchContext,
  name: string,
  now: number,
): Promise<WriteOutcome<{ id: number; name: string; memberCount: number }>> {
  if (await branchesRepository.groupNamed(trx, ctx.branch.id, name))
    throw invalid('name', '本支部已有同名党小组')
  const row = await branchesRepository.insertGroup(trx, ctx.branch.id, name, isoAt(now))
  return {
    result: { id: row.id, name: row.name, memberCount: 0 },
    entityType: 'party_group',
    entityId: row.id,
    detail: { branchId: ctx.branch.id, name },
  }
}
