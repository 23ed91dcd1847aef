import { useState } from 'react'
import type { TMember } from '@/models/org'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import type { OutboxEntry } from '@/services/outbox'
import { confirmReject } from './JoinRequests'
import { useBusyWrite } from './useBusyWrite'

/**
 * The load of an organisation's people page (members and join requests, open invites; pull to refresh),
 * its one-at-a-time writes, and which person is opened.
 */
export function useOrgPeople<I>(
  key: string | null,
  fetchMembers: () => Promise<TMember[]>,
  fetchInvites: () => Promise<I[]>,
) {
  const { state, reload } = useRemote(key, async () => {
    const [members, invites] = await Promise.all([fetchMembers(), fetchInvites()])
    return { members, invites }
  })
  usePullRefresh(reload)
  const { busy, write } = useBusyWrite(reload)
  const [open, setOpen] = useState<number | null>(null)
  const toggle = (userId: number) => setOpen(open === userId ? null : userId)
  /** 通过 or 拒绝 a join request to `where` (a rejection is confirmed first); `entry` queues the decision. */
  async function decide(member: TMember, approve: boolean, where: string, entry: () => OutboxEntry) {
    if (!approve && !(await confirmReject(member, where))) return
    await write(`m${member.membershipId}`, entry, { done: approve ? '已通过' : '已拒绝' })
  }
  return { state, reload, busy, write, decide, open, setOpen, toggle }
}
