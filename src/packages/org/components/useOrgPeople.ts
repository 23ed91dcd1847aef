import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import type { TMember } from '@/models/org'
import { useRouteRecord } from '@/hooks/useRouteRecord'
import type { OutboxEntry } from '@/services/outbox'
import { confirmReject } from './JoinRequests'
import { useBusyWrite } from './useBusyWrite'

/**
 * The load of an organisation's people page, for the organisation its link names (the id in the route's
 * `param`, its display name in `name`): members and join requests, open invites (pull to refresh), its
 * one-at-a-time writes, and which person is opened.
 */
export function useOrgPeople<I>(
  param: string,
  key: string,
  fetchMembers: (id: number) => Promise<TMember[]>,
  fetchInvites: (id: number) => Promise<I[]>,
) {
  const { session, id, state, reload } = useRouteRecord(param, key, async (id) => {
    const [members, invites] = await Promise.all([fetchMembers(id), fetchInvites(id)])
    return { members, invites }
  })
  const name = decodeURIComponent(useRouter().params.name ?? '')
  const { busy, write } = useBusyWrite(reload)
  const [open, setOpen] = useState<number | null>(null)
  const toggle = (userId: number) => setOpen(open === userId ? null : userId)
  /** 通过 or 拒绝 a join request to `where` (a rejection is confirmed first); `entry` queues the decision. */
  async function decide(member: TMember, approve: boolean, where: string, entry: () => OutboxEntry) {
    if (!approve && !(await confirmReject(member, where))) return
    await write(`m${member.membershipId}`, entry, { done: approve ? '已通过' : '已拒绝' })
  }
  return { session, id, name, state, reload, busy, write, decide, open, setOpen, toggle }
}
