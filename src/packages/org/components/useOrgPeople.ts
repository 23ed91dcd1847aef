import { useState } from 'react'
import type { TMember } from '@/models/org'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
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
  return { state, reload, busy, write, open, setOpen, toggle }
}
