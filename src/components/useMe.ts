import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { TMe } from '../models/auth'
import { fetchMe } from '../services/api'
import { updateUser } from '../services/session'

export type MeState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; me: TMe; refreshing: boolean }

/**
 * GET /api/v1/me for a signed-in page: loads when `userId` is set, again each time the page is shown
 * (e.g. back from another tab), and on `reload()` (pull-to-refresh, after a write was delivered).
 */
export function useMe(userId: number | null): { state: MeState; reload: () => Promise<void> } {
  const [state, setState] = useState<MeState>({ status: 'loading' })
  const seq = useRef(0)
  const shownOnce = useRef(false)

  const reload = useCallback(async () => {
    if (userId === null) return
    const mine = ++seq.current
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : { status: 'loading' }))
    try {
      const me = await fetchMe()
      if (mine !== seq.current) return
      updateUser(me.user)
      setState({ status: 'ready', me, refreshing: false })
    } catch (err) {
      if (mine !== seq.current) return
      const message = err instanceof Error && err.message ? err.message : '加载失败，请稍后重试'
      // Keep what is on screen when a refresh fails; the caller shows the error as a toast.
      setState((s) => (s.status === 'ready' ? { ...s, refreshing: false } : { status: 'error', message }))
      throw err
    }
  }, [userId])

  useEffect(() => {
    reload().catch(() => undefined)
  }, [reload])

  useDidShow(() => {
    // The first show is the initial load above.
    if (shownOnce.current) reload().catch(() => undefined)
    shownOnce.current = true
  })

  return { state, reload }
}
