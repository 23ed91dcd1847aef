/** 成员管理 (an enterprise's liaison) and 部门人员 (the office): members, join requests, invite codes, roles. */
import {
  ZDepartmentInvite,
  ZInvite,
  ZInvitePreview,
  ZMemberList,
  type TDepartmentInvite,
  type TDepartmentInviteCreate,
  type TDepartmentRole,
  type TInvite,
  type TInviteCreate,
  type TInvitePreview,
} from '@/models/invite'
import {
  ROLE_LABELS,
  ZPartyBranch,
  type TEnterpriseRole,
  type TMember,
  type TPartyBranch,
} from '@/models/org'
import { z } from 'zod'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'

export const MEMBER_WRITE_KINDS = {
  inviteCreate: 'invite.create',
  decide: 'membership.decide',
  role: 'membership.role',
  remove: 'membership.remove',
  handover: 'membership.liaison_handover',
  account: 'user.account',
  branchCreate: 'party_branch.create',
} as const

const membersPath = (eid: number) => `/api/v1/enterprises/${eid}/members`

/** Every member and join request of the enterprise (phones masked by the server). */
export async function fetchAllMembers(eid: number): Promise<TMember[]> {
  return (await request({ path: membersPath(eid), schema: ZMemberList })).members
}

export async function fetchInvites(eid: number): Promise<TInvite[]> {
  const res = await request({
    path: `/api/v1/enterprises/${eid}/invites`,
    schema: z.object({ invites: z.array(ZInvite) }),
  })
  return res.invites
}

export function queueInvite(eid: number, body: TInviteCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `/api/v1/enterprises/${eid}/invites`,
    body,
    label: '生成邀请码',
    kind: MEMBER_WRITE_KINDS.inviteCreate,
  })
}

/** 通过 / 拒绝 a join request. */
export function queueDecision(eid: number, member: TMember, approve: boolean): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${membersPath(eid)}/${member.membershipId}/${approve ? 'approve' : 'reject'}`,
    body: {},
    label: `${approve ? '通过' : '拒绝'}${member.name}的加入申请`,
    kind: MEMBER_WRITE_KINDS.decide,
  })
}

/** 调整角色 of one membership. */
export function queueRoleChange(eid: number, member: TMember, role: TEnterpriseRole): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PATCH',
    path: `${membersPath(eid)}/${member.membershipId}`,
    body: { role },
    label: `把${member.name}的角色改为${ROLE_LABELS[role]}`,
    kind: MEMBER_WRITE_KINDS.role,
  })
}

/** 移出 a person who has left (their memberships end; what they signed stays). */
export function queueRemove(eid: number, member: TMember): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${membersPath(eid)}/${member.membershipId}/remove`,
    body: {},
    label: `移出${member.name}`,
    kind: MEMBER_WRITE_KINDS.remove,
  })
}

/** 移交联络员 to this member. */
export function queueHandover(eid: number, member: TMember): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `/api/v1/enterprises/${eid}/liaison/handover`,
    body: { membershipId: member.membershipId },
    label: `把联络员移交给${member.name}`,
    kind: MEMBER_WRITE_KINDS.handover,
  })
}

// ─── 部门人员 (the office) ──────────────────────────────────────────────────────────────────────

const staffPath = (did: number) => `/api/v1/departments/${did}/members`

export async function fetchDepartmentMembers(did: number): Promise<TMember[]> {
  return (await request({ path: staffPath(did), schema: ZMemberList })).members
}

export async function fetchDepartmentInvites(did: number): Promise<TDepartmentInvite[]> {
  const res = await request({
    path: `/api/v1/departments/${did}/invites`,
    schema: z.object({ invites: z.array(ZDepartmentInvite) }),
  })
  return res.invites
}

export function queueDepartmentInvite(did: number, body: TDepartmentInviteCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `/api/v1/departments/${did}/invites`,
    body,
    label: `生成${ROLE_LABELS[body.role]}邀请码`,
    kind: MEMBER_WRITE_KINDS.inviteCreate,
  })
}

export function queueDepartmentDecision(did: number, member: TMember, approve: boolean): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${staffPath(did)}/${member.membershipId}/${approve ? 'approve' : 'reject'}`,
    body: {},
    label: `${approve ? '通过' : '拒绝'}${member.name}的加入申请`,
    kind: MEMBER_WRITE_KINDS.decide,
  })
}

export function queueDepartmentRoleChange(did: number, member: TMember, role: TDepartmentRole): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PATCH',
    path: `${staffPath(did)}/${member.membershipId}`,
    body: { role },
    label: `把${member.name}的角色改为${ROLE_LABELS[role]}`,
    kind: MEMBER_WRITE_KINDS.role,
  })
}

/** 停用 / 启用 a person's account. */
export function queueAccount(member: TMember, disable: boolean): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `/api/v1/users/${member.userId}/${disable ? 'disable' : 'enable'}`,
    body: {},
    label: `${disable ? '停用' : '启用'}${member.name}的账号`,
    kind: MEMBER_WRITE_KINDS.account,
  })
}

/** The enterprise's 党支部 (its liaisons register them; 三会一课 is kept per branch). */
export async function fetchEnterpriseBranches(eid: number): Promise<TPartyBranch[]> {
  const res = await request({
    path: `/api/v1/enterprises/${eid}/branches`,
    schema: z.object({ branches: z.array(ZPartyBranch) }),
  })
  return res.branches
}

/** 新增党支部, with its 书记 (an approved 支部书记 of the enterprise) when one is chosen. */
export function queueCreateBranch(eid: number, name: string, secretaryUserId: number | null): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `/api/v1/enterprises/${eid}/branches`,
    body: { name, secretaryUserId },
    label: `新增党支部：${name}`,
    kind: MEMBER_WRITE_KINDS.branchCreate,
  })
}

/** What an invite code opens (organisation, role, validity), read before the join request is sent. */
export function fetchInvitePreview(code: string): Promise<TInvitePreview> {
  return request({ method: 'POST', path: '/api/v1/invites/preview', body: { code }, schema: ZInvitePreview })
}
