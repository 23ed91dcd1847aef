import { useCallback, useEffect, useRef, useState } from 'react'

/** One page of a paged route: `items` of `total`, 1-based `page` of `pageSize`. */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export type PagesState<P extends Page<unknown>> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: P['items']; last: P; hasMore: boolean; loadingMore: boolean }

/**
 * A paged list that grows as the user scrolls (加载更多): the first page on `key`, the next one on
 * `loadMore()`, from the top again on `reload()`. A page that arrives after a reload is dropped.
 */
export function usePages<P extends Page<unknown>>(
  key: string | null,
  fetchPage: (page: number) => Promise<P>,
): { state: PagesState<P>; reload: () => Promise<void>; loadMore: () => Promise<void> } {
  const [state, setState] = useState<PagesState<P>>({ status: 'loading' })
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const seq = useRef(0)
  const stateRef = useRef(state)
  stateRef.current = state

  const reload = useCallback(async () => {
    if (key === null) return
    const mine = ++seq.current
    try {
      const first = await fetchRef.current(1)
      if (mine !== seq.current) return
      setState({ status: 'ready', items: first.items, last: first, hasMore: more(first), loadingMore: false })
    } catch (err) {
      if (mine !== seq.current) return
      const message = err instanceof Error && err.message ? err.message : '加载失败，请稍后重试'
      if (stateRef.current.status !== 'ready') setState({ status: 'error', message })
      throw err
    }
  }, [key])

  const loadMore = useCallback(async () => {
    const s = stateRef.current
    if (s.status !== 'ready' || !s.hasMore || s.loadingMore) return
    const mine = seq.current
    setState({ ...s, loadingMore: true })
    try {
      const next = await fetchRef.current(s.last.page + 1)
      if (mine !== seq.current) return
      setState({
        status: 'ready',
        items: [...s.items, ...next.items],
        last: next,
        hasMore: more(next),
        loadingMore: false,
      })
    } catch (err) {
      if (mine === seq.current) setState({ ...s, loadingMore: false })
      throw err
    }
  }, [])

  useEffect(() => {
    setState({ status: 'loading' })
    reload().catch(() => undefined)
  }, [reload])

  return { state, reload, loadMore }
}

const more = (p: Page<unknown>) => p.page * p.pageSize < p.total && p.items.length > 0
