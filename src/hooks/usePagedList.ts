import { useRef } from 'react'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { usePages, type Page } from './usePages'
import { usePullRefresh } from './useRemote'

/**
 * usePages for a page that is the list: pull-to-refresh starts it again, reaching the bottom loads the
 * next page, and with `reloadOnShow` each show after the first reloads it (back from a form or a review
 * that may have changed it; the first show is the first load).
 */
export function usePagedList<P extends Page<unknown>>(
  key: string | null,
  fetchPage: (page: number) => Promise<P>,
  { reloadOnShow = false }: { reloadOnShow?: boolean } = {},
): ReturnType<typeof usePages<P>> {
  const pages = usePages(key, fetchPage)
  usePullRefresh(pages.reload)
  useReachBottom(() => void pages.loadMore().catch(() => undefined))
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && reloadOnShow) void pages.reload().catch(() => undefined)
    shown.current = true
  })
  return pages
}
