import { useEffect, useMemo } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { goBack } from '@/services/navigation'
import { View } from '@tarojs/components'
import { eventOrganiserOptions } from '@/models/memberships'
import { fetchEvent } from '@/services/events'
import { ErrorState, LoadingState, PendingPage } from '@/components/PageState'
import { idParam } from '@/services/routes'
import { useMe } from '@/hooks/useMe'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { EventForm } from './EventForm'
import '@/styles/page.scss'
import '@/styles/events.scss'
import './index.scss'

/** 发起活动, or with `eventId` 修改活动: the same form, prefilled with the event (its organisers only). */
export default function EventCreatePage() {
  const session = useRequireSession()
  const eventId = idParam(useRouter().params.eventId)
  const { state: me, reload: reloadMe } = useMe(session?.user.id ?? null)
  const options = useMemo(() => (me.status === 'ready' ? eventOrganiserOptions(me.me.memberships) : []), [me])
  const editing = useRemote(session && eventId ? `event-edit:${eventId}` : null, () => fetchEvent(eventId!))
  useEffect(() => {
    if (eventId) void Taro.setNavigationBarTitle({ title: '修改活动' })
  }, [eventId])

  if (!session) return <View className="page" />
  if (eventId) {
    if (editing.state.status !== 'ready') return <PendingPage state={editing.state} reload={editing.reload} />
    const event = editing.state.data
    if (!event.canManage || event.cancelledAt)
      return (
        <View className="page">
          <ErrorState
            message={event.cancelledAt ? '活动已取消，不能修改' : '只有活动的组织者可以修改活动'}
            onRetry={() => void goBack()}
          />
        </View>
      )
    return <EventForm key={event.id} options={[]} event={event} />
  }
  if (me.status === 'loading') return <LoadingState />
  if (me.status === 'error')
    return <ErrorState message={me.message} onRetry={() => void reloadMe().catch(() => undefined)} />
  return <EventForm options={options} />
}
