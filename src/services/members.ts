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
  type TRole,
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

/**
 * The writes and reads an enterprise's liaison and the office share over their own roll (`root` is
 * `/api/v1/enterprises/:eid` or `/api/v1/departments/:did`): one definition, so that both say the same.
 */
function roll(root: string) {
  const members = `${root}/members`
  return {
    members,
    async fetchMembers(): Promise<TMember[]> {
      return (await request({ path: members, schema: ZMemberList })).members
    },
    fetchInvites<T extends z.ZodType>(invite: T): Promise<z.output<T>[]> {
      const schema = z.object({ invites: z.array(invite) })
      return request({ path: `${root}/invites`, schema }).then((res) => res.invites)
    },
    queueInvite(body: object, label: string): OutboxEntry {
      const path = `${root}/invites`
      return getOutbox().enqueue({ method: 'POST', path, body, label, kind: MEMBER_WRITE_KINDS.inviteCreate })
    },
    /** 通过 / 拒绝 a join request. */
    queueDecision(member: TMember, approve: boolean): OutboxEntry {
      return getOutbox().enqueue({
        method: 'POST',
        path: `${members}/${member.membershipId}/${approve ? 'approve' : 'reject'}`,
        body: {},
        label: `${approve ? '通过' : '拒绝'}${member.name}的加入申请`,
        kind: MEMBER_WRITE_KINDS.decide,
      })
    },
    /** 调整角色 of one membership. */
    queueRoleChange(member: TMember, role: TRole): OutboxEntry {
      return getOutbox().enqueue({
        method: 'PATCH',
        path: `${members}/${member.membershipId}`,
        body: { role },
        label: `把${member.name}的角色改为${ROLE_LABELS[role]}`,
        kind: MEMBER_WRITE_KINDS.role,
      })
    },
  }
}

const enterpriseRoll = (eid: number) => roll(`/api/v1/enterprises/${eid}`)
const departmentRoll = (did: number) => roll(`/api/v1/departments/${did}`)

/** Every member and join request of the enterprise (phones masked by the server). */
export const fetchAllMembers = (eid: number) => enterpriseRoll(eid).fetchMembers()

export const fetchInvites = (eid: number): Promise<TInvite[]> => enterpriseRoll(eid).fetchInvites(ZInvite)

export const queueInvite = (eid: number, body: TInviteCreate) =>
  enterpriseRoll(eid).queueInvite(body, '生成邀请码')

/** 通过 / 拒绝 a join request. */
export const queueDecision = (eid: number, member: TMember, approve: boolean) =>
  enterpriseRoll(eid).queueDecision(member, approve)

/** 调整角色 of one membership. */
export const queueRoleChange = (eid: number, member: TMember, role: TEnterpriseRole) =>
  enterpriseRoll(eid).queueRoleChange(member, role)

/** 移出 a person who has left (their memberships end; what they signed stays). */
export function queueRemove(eid: number, member: TMember): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${enterpriseRoll(eid).members}/${member.membershipId}/remove`,
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

export const fetchDepartmentMembers = (did: number) => departmentRoll(did).fetchMembers()

export const fetchDepartmentInvites = (did: number): Promise<TDepartmentInvite[]> =>
  departmentRoll(did).fetchInvites(ZDepartmentInvite)

export const queueDepartmentInvite = (did: number, body: TDepartmentInviteCreate) =>
  departmentRoll(did).queueInvite(body, `生成${ROLE_LABELS[body.role]}邀请码`)

export const queueDepartmentDecision = (did: number, member: TMember, approve: boolean) =>
  departmentRoll(did).queueDecision(member, approve)

export const queueDepartmentRoleChange = (did: number, member: TMember, role: TDepartmentRole) =>
  departmentRoll(did).queueRoleChange(member, role)

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
