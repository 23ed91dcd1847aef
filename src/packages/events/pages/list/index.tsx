import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { EVENT_KIND_LABELS, type TEventSummary } from '@/models/event'
import { fetchEvents, type EventRole, type EventWhen } from '@/services/events'
import { formatDateTime } from '@/models/format'
import { OutboxNotice } from '@/components/OutboxNotice'
import { PageState } from '@/components/PageState'
import { attendanceRateEnterprises, isDepartmentOnly, isEventOrganiser } from '@/models/memberships'
import { eventPages } from '@/services/routes'
import { useMe } from '@/hooks/useMe'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { EventCardHead } from '../../components/EventCardHead'
import { eventListEmpty } from '@/packages/events/components/eventListEmpty'
import '@/styles/page.scss'
import '@/styles/events.scss'

function EventCard({ e, role }: { e: TEventSummary; role: EventRole }) {
  return (
    <View className="a-card ev-card" onClick={() => void Taro.navigateTo({ url: eventPages.detail(e.id) })}>
      <EventCardHead title={e.title} phase={e.phase} cancelled={Boolean(e.cancelledAt)} />
      <Text className="a-card__subtitle">
        {EVENT_KIND_LABELS[e.kind]} · {e.organiser.name}
      </Text>
      <Text className="a-card__subtitle">
        {formatDateTime(e.startsAt)} – {formatDateTime(e.endsAt)}
      </Text>
      {role === 'organiser' ? (
        <Text className="ev-status">
          已签到 {e.signedInCount} / 参加企业 {e.audienceCount} 家
        </Text>
      ) : (
        <Text className={`ev-status${e.mySignIn ? ' ev-status--done' : ''}`}>
          {e.mySignIn
            ? `已签到 ${formatDateTime(e.mySignIn.signedInAt)}`
            : e.inAudience
              ? '未签到'
              : '非参加对象'}
        </Text>
      )}
    </View>
  )
}

export default function EventListPage() {
  const session = useRequireSession()
  const { state: me } = useMe(session?.user.id ?? null)
  const organiser = me.status === 'ready' && isEventOrganiser(me.me.memberships)
  const rateOf = me.status === 'ready' ? attendanceRateEnterprises(me.me.memberships) : []
  // 监管员 / 办公室 / 党员干部 attend no event: no 扫码签到 for them.
  const attends = !(me.status === 'ready' && isDepartmentOnly(me.me.memberships))
  const [role, setRole] = useState<EventRole>('attendee')
  const [when, setWhen] = useState<EventWhen>('upcoming')
  const { state, reload } = useRemote(session ? `events:${role}:${when}` : null, () =>
    fetchEvents(role, when),
  )
  usePullRefresh(reload)

  if (!session) return <View className="page" />

  return (
    <View className="page event-list">
      <View className="page__body">
        <OutboxNotice />
        {attends ? (
          <Button
            type="primary"
            block
            className="event-list__scan"
            onClick={() => void Taro.navigateTo({ url: eventPages.signIn() })}
          >
            扫码签到
          </Button>
        ) : null}
        {organiser ? (
          <View className="ev-tabs">
            {(['attendee', 'organiser'] as const).map((r) => (
              <Text
                key={r}
                className={`ev-tabs__tab${role === r ? ' ev-tabs__tab--active' : ''}`}
                onClick={() => setRole(r)}
              >
                {r === 'attendee' ? '我参加的' : '我组织的'}
              </Text>
            ))}
          </View>
        ) : null}
        {organiser && role === 'organiser' ? (
          <View className="ev-organise">
            <Button
              className="ev-organise__create"
              type="primary"
              fill="outline"
              onClick={() => void Taro.navigateTo({ url: eventPages.create() })}
            >
              发起活动
            </Button>
            {rateOf.map((m) => (
              <Text
                key={m.organisationId}
                className="ev-organise__rate"
                onClick={() => void Taro.navigateTo({ url: eventPages.rate(m.organisationId) })}
              >
                {rateOf.length > 1 ? `${m.organisationName} ` : ''}到会率
              </Text>
            ))}
          </View>
        ) : null}
        <View className="ev-seg">
          {(['upcoming', 'past'] as const).map((w) => (
            <Text
              key={w}
              className={`ev-seg__item${when === w ? ' ev-seg__item--active' : ''}`}
              onClick={() => setWhen(w)}
            >
              {w === 'upcoming' ? '进行中和即将开始' : '已结束'}
            </Text>
          ))}
        </View>
        <PageState
          state={state}
          reload={reload}
          empty={eventListEmpty(me.status === 'ready' ? me.me.memberships : null, role, when)}
        >
          {(events) => events.map((e) => <EventCard key={e.id} e={e} role={role} />)}
        </PageState>
      </View>
    </View>
  )
}
