import crypto from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { AppError, notFound } from '../../core/errors'
import { type AuthContext, isOffice, supervisorDepartmentIds } from '../../core/access'
import { type TEnterprise, type TEnterpriseUpdate, ZEnterpriseCreate } from '../../../src/models/org'
import type { TInvite, TJoinResult } from '../../../src/models/invite'
import type { z } from 'zod'
import { branchesRepository, departmentsRepository, enterprisesRepository, toPartyBranch } from './repository'
import { invitesRepository, toInvite } from './invitesRepository'
import { membershipsRepository } from './membershipsRepository'
import type { WriteOutcome } from '../../core/writes'
import { isoAt } from '../../core/clock'

type Trx = Transaction<Database>

/** The enterprises a user may see in lists: all for the office, supervised ones, and their own. */
export function listVisibleEnterprises(db: DbOrTrx, auth: AuthContext): Promise<TEnterprise[]> {
  if (isOffice(auth)) return enterprisesRepository.list(db, { all: true })
  const departmentIds = supervisorDepartmentIds(auth)
  const enterpriseIds = [
    ...new Set(
      auth.memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id),
    ),
  ]
  return enterprisesRepository.list(db, { departmentIds, enterpriseIds })
}

async function assertDepartmentsExist(db: DbOrTrx, ids: number[]) {
  for (const [index, id] of ids.entries()) {
    if (!(await departmentsRepository.findById(db, id))) {
      throw new AppError(400, 'VALIDATION_FAILED', undefined, [
        { path: `supervisingDepartmentIds.${index}`, message: '监管部门不存在' },
      ])
    }
  }
}

export async function createEnterprise(
  trx: Trx,
  input: z.output<typeof ZEnterpriseCreate>,
  now: number,
): Promise<WriteOutcome<TEnterprise>> {
  const at = isoAt(now)
  if (await enterprisesRepository.findByCreditCode(trx, input.creditCode)) {
    throw new AppError(409, 'CREDIT_CODE_TAKEN', undefined, [
      { path: 'creditCode', message: '该统一社会信用代码已登记' },
    ])
  }
  await assertDepartmentsExist(trx, input.supervisingDepartmentIds)
  const row = await enterprisesRepository.insert(trx, input, at)
  for (const departmentId of input.supervisingDepartmentIds)
    await enterprisesRepository.link(trx, departmentId, row.id, at)
  const enterprise = await enterprisesRepository.get(trx, row.id)
  return {
    result: enterprise!,
    entityType: 'enterprise',
    entityId: row.id,
    detail: { creditCode: row.credit_code },
  }
}

export async function updateEnterprise(
  trx: Trx,
  id: number,
  input: TEnterpriseUpdate,
  now: number,
): Promise<WriteOutcome<TEnterprise>> {
  await enterprisesRepository.update(
    trx,
    id,
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.ownership !== undefined ? { ownership: input.ownership } : {}),
      ...(input.partyOrg !== undefined ? { party_org: input.partyOrg } : {}),
      ...(input.industry !== undefined ? { industry: input.industry } : {}),
      ...(input.leadingGroupDate !== undefined ? { leading_group_date: input.leadingGroupDate } : {}),
      ...(input.planFiledDate !== undefined ? { plan_filed_date: input.planFiledDate } : {}),
    },
    isoAt(now),
  )
  const enterprise = await enterprisesRepository.get(trx, id)
  return { result: enterprise!, entityType: 'enterprise', entityId: id, detail: input }
}

export async function linkSupervisor(
  trx: Trx,
  enterpriseId: number,
  departmentId: number,
  now: number,
): Promise<WriteOutcome<TEnterprise>> {
  if (!(await departmentsRepository.findById(trx, departmentId))) throw notFound()
  await enterprisesRepository.link(trx, departmentId, enterpriseId, isoAt(now))
  const enterprise = await enterprisesRepository.get(trx, enterpriseId)
  return { result: enterprise!, entityType: 'supervision_link', entityId: `${departmentId}:${enterpriseId}` }
}

export async function createBranch(
  trx: Trx,
  enterpriseId: number,
  input: { name: string; secretaryUserId?: number | null },
  now: number,
) {
  const enterprise = await enterprisesRepository.get(trx, enterpriseId)
  if (!enterprise) throw notFound()
  if (enterprise.partyOrg === 'none') {
    throw new AppError(400, 'VALIDATION_FAILED', '该企业未设立党组织，请先在企业资料中填写党组织情况')
  }
  if (input.secretaryUserId) {
    const member = await membershipsRepository.findExisting(
      trx,
      input.secretaryUserId,
      'enterprise',
      enterpriseId,
      'branch_secretary',
    )
    if (!member || member.status !== 'approved') {
      throw new AppError(400, 'VALIDATION_FAILED', undefined, [
        { path: 'secretaryUserId', message: '支部书记须为本企业已审核的支部书记成员' },
      ])
    }
  }
  const row = await branchesRepository.insert(trx, { enterpriseId, ...input }, isoAt(now))
  return { result: toPartyBranch(row), entityType: 'party_branch', entityId: row.id }
}

// Unambiguous characters only: no 0/O, 1/I/L.
const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export function newInviteCode(): string {
  const bytes = crypto.randomBytes(8)
  return Array.from(bytes, (b) => INVITE_ALPHABET[b % INVITE_ALPHABET.length]).join('')
}

export async function createInvite(
  trx: Trx,
  auth: AuthContext,
  enterpriseId: number,
  input: {
    role: 'employee' | 'liaison' | 'head' | 'branch_secretary'
    expiresInDays: number
    maxUses: number
  },
  now: number,
): Promise<WriteOutcome<TInvite>> {
  const expiresAt = isoAt(now + input.expiresInDays * 86_400_000)
  const row = await invitesRepository.insert(
    trx,
    {
      code: newInviteCode(),
      enterpriseId,
      role: input.role,
      createdBy: auth.user.id,
      expiresAt,
      maxUses: input.maxUses,
    },
    isoAt(now),
  )
  return { result: toInvite(row), entityType: 'invite', entityId: row.id, detail: { role: row.role } }
}

export async function joinWithInvite(
  trx: Trx,
  auth: AuthContext,
  code: string,
  now: number,
): Promise<WriteOutcome<TJoinResult>> {
  const invite = await invitesRepository.findByCode(trx, code)
  if (!invite || invite.revoked_at || Date.parse(invite.expires_at) <= now)
    throw new AppError(400, 'INVITE_INVALID')
  const existing = await membershipsRepository.findExisting(
    trx,
    auth.user.id,
    'enterprise',
    invite.enterprise_id,
    invite.role,
  )
  if (existing && existing.status !== 'rejected') throw new AppError(409, 'ALREADY_MEMBER')
  if (!(await invitesRepository.consume(trx, invite.id))) throw new AppError(400, 'INVITE_INVALID')
  const enterprise = await enterprisesRepository.get(trx, invite.enterprise_id)
  if (!enterprise) throw new AppError(400, 'INVITE_INVALID')
  const membership = existing
    ? await membershipsRepository.requestAgain(trx, existing.id, invite.id)
    : await membershipsRepository.insert(
        trx,
        {
          user_id: auth.user.id,
          organisation_kind: 'enterprise',
          organisation_id: invite.enterprise_id,
          role: invite.role,
          status: 'pending',
          invite_id: invite.id,
        },
        isoAt(now),
      )
  return {
    result: {
      membershipId: membership.id,
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
      role: invite.role as TJoinResult['role'],
      status: 'pending',
    },
    entityType: 'membership',
    entityId: membership.id,
    detail: { inviteId: invite.id },
  }
}

export async function decideJoinRequest(
  trx: Trx,
  auth: AuthContext,
  enterpriseId: number,
  membershipId: number,
  decision: 'approved' | 'rejected',
  now: number,
) {
  const membership = await membershipsRepository.findInEnterprise(trx, enterpriseId, membershipId)
  if (!membership) throw notFound()
  if (membership.user_id === auth.user.id) throw new AppError(403, 'FORBIDDEN', '不能审核自己的申请')
  const decided = await membershipsRepository.decide(trx, membershipId, decision, auth.user.id, isoAt(now))
  if (!decided) throw new AppError(409, 'JOIN_REQUEST_NOT_PENDING')
  const members = await membershipsRepository.listMembersOfEnterprise(trx, enterpriseId)
  const member = members.find((m) => m.membershipId === membershipId)!
  return { result: member, entityType: 'membership', entityId: membershipId, detail: { decision } }
}
