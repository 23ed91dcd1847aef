import { useMemo } from 'react'
import type { TMe } from '@/models/auth'
import { fetchMe } from '@/services/api'
import { updateUser } from '@/services/session'
import { useRemote } from './useRemote'

export type MeState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; me: TMe; refreshing: boolean }

/**
 * GET /api/v1/me for a signed-in page (useRemote: loads when `userId` is set, again each time the page is
 * shown, and on `reload()`), keeping the stored session's user up to date.
 */
export function useMe(userId: number | null): { state: MeState; reload: () => Promise<void> } {
  const { state, reload } = useRemote(userId === null ? null : `me:${userId}`, async () => {
    const me = await fetchMe()
    updateUser(me.user)
    return me
  })
  const meState = useMemo<MeState>(
    () =>
      state.status === 'ready' ? { status: 'ready', me: state.data, refreshing: state.refreshing } : state,
    [state],
  )
  return { state: meState, reload }
}
