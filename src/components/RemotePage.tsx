import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { OutboxNotice } from './OutboxNotice'
import { PageState } from './PageState'
import type { RemoteState } from '@/hooks/useRemote'

/**
 * A page drawn from one remote load: the outbox notice and the load's loading / error state head its body,
 * the page's content follows; `actions` (an ActionBar) stand below the body, outside its scroll.
 */
export function RemotePage<T>({
  className,
  state,
  reload,
  actions,
  children,
}: {
  className: string
  state: RemoteState<T>
  reload: () => Promise<void>
  actions?: ReactNode
  children: ReactNode
}) {
  return (
    <View className={`page ${className}`}>
      <View className="page__body">
        <OutboxNotice />
        <PageState state={state} reload={reload} />
        {children}
      </View>
      {actions}
    </View>
  )
}
