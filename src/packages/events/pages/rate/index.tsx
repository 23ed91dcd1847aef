import { Text, View } from '@tarojs/components'
import { Empty, Progress } from '@nutui/nutui-react-taro'
import { EVENT_KIND_LABELS } from '@/models/event'
import { fetchAttendanceRate } from '@/services/events'
import { EmptyImage } from '@/components/EmptyImage'
import { formatDateTime } from '@/models/format'
import { PageState } from '@/components/PageState'
import '@/styles/page.scss'
import '@/styles/events.scss'
import { useRouteRecord } from '@/hooks/useRouteRecord'

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

/** 活动到会率 of one enterprise: 应到 / 实到 per event it was invited to, and over all of them. */
export default function AttendanceRatePage() {
  const {
    session,
    id: enterpriseId,
    state,
    reload,
  } = useRouteRecord('enterpriseId', 'attendance-rate', fetchAttendanceRate)

  if (!session) return <View className="page" />
  if (!enterpriseId)
    return <Empty image={<EmptyImage />} title="页面链接不完整" description="请从活动列表进入" />

  return (
    <View className="page ev-rate">
      <View className="page__body">
        <PageState state={state} reload={reload} />
        {state.status === 'ready' ? (
          <>
            <View className="a-card ev-rate__total">
              <Text className="a-card__title">全部活动</Text>
              <Text className="a-card__subtitle">
                应到 {state.data.totals.expected} 人次 · 实到 {state.data.totals.attended} 人次 · 到会率{' '}
                <Text className="ev-rate__percent">{percent(state.data.totals.rate)}</Text>
              </Text>
              <Progress
                percent={Math.round((state.data.totals.rate ?? 0) * 100)}
                color="#b8232b"
                showText={false}
              />
            </View>
            {state.data.events.map((e) => (
              <View key={e.eventId} className="a-card ev-rate__event">
                <Text className="a-card__title">{e.title}</Text>
                <Text className="a-card__subtitle">
                  {EVENT_KIND_LABELS[e.kind]} · {e.organiser.name} · {formatDateTime(e.startsAt)}
                </Text>
                <Text className="ev-status">
                  应到 {e.expected} · 实到 {e.attended} · 到会率 {percent(e.rate)}
                </Text>
              </View>
            ))}
            {state.data.events.length === 0 ? (
              <View className="a-empty">
                <Empty image={<EmptyImage />} title="暂无活动" description="本企业参加的活动将显示在这里" />
              </View>
            ) : null}
          </>
        ) : null}
      </View>
    </View>
  )
}
