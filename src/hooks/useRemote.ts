import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro'

export type RemoteState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: T; refreshing: boolean }

/**
 * One GET for a page: loads when `key` is set (null: not yet, e.g. no session), again each time the
 * page is shown after it was hidden, and on reload() (pull-to-refresh, after a write was delivered).
 * A failed refresh keeps what is on screen and rejects, so the caller can toast the reason.
 */
export function useRemote<T>(
  key: string | null,
  fetcher: () => Promise<T>,
): { state: RemoteState<T>; reload: () => Promise<void>; setData: (data: T) => void } {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' })
  const fetchRef = useRef(fetcher)
  fetchRef.current = fetcher
  const seq = useRef(0)
  // Reload on a return, not on the first show: counted by hides, since a block mounted after the page was
  // first shown (an organiser's counts under a loaded event) never sees that first show.
  const hidden = useRef(false)

  const reload = useCallback(async () => {
    if (key === null) return
    const mine = ++seq.current
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : { status: 'loading' }))
    try {
      const data = await fetchRef.current()
      if (mine !== seq.current) return
      setState({ status: 'ready', data, refreshing: false })
    } catch (err) {
      if (mine !== seq.current) return
      const message = err instanceof Error && err.message ? err.message : '加载失败，请稍后重试'
      setState((s) => (s.status === 'ready' ? { ...s, refreshing: false } : { status: 'error', message }))
      throw err
    }
  }, [key])

  useEffect(() => {
    reload().catch(() => undefined)
  }, [reload])

  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (hidden.current) reload().catch(() => undefined)
    hidden.current = false
  })

  const setData = useCallback((data: T) => setState({ status: 'ready', data, refreshing: false }), [])
  return { state, reload, setData }
}

/** Pull-to-refresh: reloads, shows a failure as a toast, stops the spinner. */
export function usePullRefresh(reload: () => Promise<void>): void {
  usePullDownRefresh(() => {
    reload()
      .catch((err: unknown) => {
        void Taro.showToast({ title: err instanceof Error ? err.message : '刷新失败', icon: 'none' })
      })
      .finally(() => Taro.stopPullDownRefresh())
  })
}
