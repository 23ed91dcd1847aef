/** 成员管理 (an enterprise's liaison): members, join requests and invite codes. */
import { ZInvite, ZMemberList, type TInvite, type TInviteCreate } from '@/models/invite'
import type { TMember } from '@/models/org'
import { z } from 'zod'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'

export const MEMBER_WRITE_KINDS = {
  inviteCreate: 'invite.create',
  decide: 'membership.decide',
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
