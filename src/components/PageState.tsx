import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Empty, Skeleton } from '@nutui/nutui-react-taro'
import './PageState.scss'
import { EmptyBox, EmptyImage } from './EmptyImage'
import type { RemoteState } from '@/hooks/useRemote'
import type { Page, PagesState } from '@/hooks/usePages'
import { goBack } from '@/services/navigation'

/** Placeholder rows while a page loads. */
export function LoadingState({ rows = 3 }: { rows?: number }) {
  return (
    <View className="page-state page-state--loading" aria-label="加载中">
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className="page-state__card">
          <Skeleton rows={2} animated />
        </View>
      ))}
    </View>
  )
}

/** A failed load, with the reason and a retry. */
export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className="page-state">
      <Empty status="error" image={<EmptyImage status="error" />} title="加载失败" description={message} />
      <View className="page-state__action">
        <Button type="primary" fill="outline" size="small" onClick={onRetry}>
          重新加载
        </Button>
      </View>
    </View>
  )
}

/**
 * A page opened with a link it cannot use (a missing or bad id): the reason, and 重新加载 goes back (to
 * 首页 when nothing is behind). `framed` draws it inside the page's own frame.
 */
export function InvalidLink({
  message = '链接无效',
  framed = false,
}: {
  message?: string
  framed?: boolean
}) {
  const state = <ErrorState message={message} onRetry={() => void goBack()} />
  return framed ? <View className="page">{state}</View> : state
}

/** A whole page while its load is pending or has failed; the page draws its own content once ready. */
export function PendingPage({
  state,
  reload,
}: {
  state: { status: 'loading' } | { status: 'error'; message: string }
  reload: () => Promise<void>
}) {
  return (
    <View className="page">
      {state.status === 'loading' ? (
        <LoadingState />
      ) : (
        <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
      )}
    </View>
  )
}

export interface PageStateProps<T> {
  /** A page's load (useRemote). */
  state: RemoteState<T>
  reload: () => Promise<void>
  /** Shown instead of the content when the data is empty (isEmpty; default: an empty list). */
  empty?: { title: string; description?: string }
  isEmpty?: (data: T) => boolean
  /** The content once loaded; without it, only the loading, error and empty states are drawn here. */
  children?: (data: T) => ReactNode
}

/** A page's loading / error (with retry) / empty states around its content: one wrapper for them all. */
export function PageState<T>({ state, reload, empty, isEmpty, children }: PageStateProps<T>) {
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error')
    return <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
  const blank = isEmpty ? isEmpty(state.data) : Array.isArray(state.data) && state.data.length === 0
  if (empty && blank) return <EmptyBox title={empty.title} description={empty.description} />
  return children ? <>{children(state.data)}</> : null
}

/** What a paged list (usePages) needs drawn around its rows. */
interface PagedList {
  state: PagesState<Page<unknown>>
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

/** A paged list's first load: placeholder rows, or the failure with a retry; nothing once it is ready. */
export function PagesPending({ pages }: { pages: PagedList }) {
  if (pages.state.status === 'loading') return <LoadingState />
  if (pages.state.status === 'error')
    return (
      <ErrorState message={pages.state.message} onRetry={() => void pages.reload().catch(() => undefined)} />
    )
  return null
}

/** 加载更多 under a paged list while the server has more (reaching the bottom does the same). */
export function LoadMore({ pages }: { pages: PagedList }) {
  const { state } = pages
  if (state.status !== 'ready' || !state.hasMore) return null
  return (
    <Button block loading={state.loadingMore} onClick={() => void pages.loadMore().catch(() => undefined)}>
      加载更多
    </Button>
  )
}

/**
 * 加载更多 that says how far the list has got (已显示 n / total), and 共 total {unit} once all are shown; a
 * failed load says why.
 */
export function CountedLoadMore({
  pages,
  unit,
  className,
}: {
  pages: PagedList
  unit: string
  className?: string
}) {
  const { state } = pages
  if (state.status !== 'ready') return null
  if (!state.hasMore)
    return (
      <Text className="page-state__end">
        共 {state.last.total} {unit}
      </Text>
    )
  const failed = (err: unknown) =>
    void Taro.showToast({
      title: err instanceof Error ? err.message : '加载失败',
      icon: 'none',
      duration: 2500,
    })
  return (
    <Button
      className={className}
      block
      fill="outline"
      loading={state.loadingMore}
      onClick={() => void pages.loadMore().catch(failed)}
    >
      加载更多（已显示 {state.items.length} / {state.last.total}）
    </Button>
  )
}
