import { useState, type ReactNode } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  EVENT_KIND_LABELS,
  SIGN_IN_METHOD_LABELS,
  ZDisplayLink,
  type TDisplayLink,
  type TEvent,
} from '@/models/event'
import {
  fetchAttendance,
  fetchDisplayLinks,
  fetchEvent,
  queueCancelEvent,
  queueCreateDisplayLink,
  queueRevokeDisplayLink,
} from '@/services/events'
import { webOrigin } from '@/services/platform/env'
import { userOutbox } from '@/services/session'
import { formatDateTime } from '@/models/format'
import { OutboxNotice } from '@/components/OutboxNotice'
import { LabelledValue } from '@/components/LabelledValue'
import { InvalidLink, PendingPage } from '@/components/PageState'
import { eventPages } from '@/services/routes'
import { useRemote } from '@/hooks/useRemote'
import { ExportAttendanceButton } from '../../components/ExportAttendanceButton'
import { ProxyDialog } from '../../components/ProxyDialog'
import { EventCardHead } from '../../components/EventCardHead'
import '@/styles/page.scss'
import '@/styles/events.scss'
import { useWrite } from '@/hooks/useWrite'
import { useRouteRecord } from '@/hooks/useRouteRecord'
import { useBusy } from '@/hooks/useBusy'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

/** The big-screen page (H5, no login) for a display token. */
export function screenUrl(token: string): string {
  return `${webOrigin()}/#${eventPages.screen(token)}`
}

const Line = ({ label, value }: { label: string; value: ReactNode }) => (
  <LabelledValue block="ev-line" label={label} value={value} />
)

/** 签到 x / 应到 y, 未签到 z, and the way to the full lists (签到名单) and the 签到表. */
function AttendanceSummary({ event, counts }: { event: TEvent; counts: Counts }) {
  const c = counts.state.status === 'ready' ? counts.state.data : null
  return (
    <>
      <Line
        label="已签到"
        value={
          <>
            <Text className="ev-count event-organiser__count">{c ? c.count : event.signedInCount}</Text>
            {c ? ` / 应到 ${c.expected} 人，未签到 ${c.absentCount} 人` : ' 人'}
          </>
        }
      />
      <View className="ev-actions">
        <Button
          className="event-organiser__list"
          size="small"
          type="primary"
          fill="outline"
          onClick={() => void Taro.navigateTo({ url: eventPages.attendance(event.id) })}
        >
          签到名单
        </Button>
        <Button
          size="small"
          fill="outline"
          onClick={() => void Taro.navigateTo({ url: eventPages.attendance(event.id, 'absent') })}
        >
          未签到名单
        </Button>
        <ExportAttendanceButton event={event} />
      </View>
    </>
  )
}

type Counts = ReturnType<typeof useAttendanceCounts>
/** The counts only: the first page of one person. */
const useAttendanceCounts = (eventId: number) =>
  useRemote(`attendance-counts:${eventId}`, () => fetchAttendance(eventId, 1, 1))

function Organiser({ event, onChanged }: { event: TEvent; onChanged: () => void }) {
  const links = useRemote(`links:${event.id}`, () => fetchDisplayLinks(event.id))
  const counts = useAttendanceCounts(event.id)
  const [created, setCreated] = useState<Record<number, string>>({})
  const [proxying, setProxying] = useState(false)
  const [busy, whileBusy] = useBusy()
  const write = useWrite()

  const createLink = async () => {
    const outbox = userOutbox()
    if (!outbox || busy) return
    await whileBusy(async () => {
      const outcome = await write(queueCreateDisplayLink(event.id), { done: null })
      if (outcome.kind === 'delivered') {
        const link = ZDisplayLink.safeParse(outcome.response?.data)
        if (link.success && link.data.token) {
          const url = screenUrl(link.data.token)
          setCreated((c) => ({ ...c, [link.data.id]: url }))
        }
      }
      await links.reload().catch(() => undefined)
    })
  }

  const revoke = async (link: TDisplayLink) => {
    const { confirm } = await showModal({
      title: '撤销大屏链接',
      content: '撤销后，用这个链接打开的大屏将不再显示签到码。',
      confirmText: '撤销',
    })
    const outbox = userOutbox()
    if (!confirm || !outbox) return
    await write(queueRevokeDisplayLink(event.id, link.id), { done: '已撤销' })
    await links.reload().catch(() => undefined)
  }

  const cancel = async () => {
    const { confirm } = await showModal({
      title: '取消活动',
      content: `取消「${event.title}」后，活动记录保留并标记为已取消，不再计入到会率，签到码也不能再签到。确定取消？`,
      confirmText: '取消活动',
      cancelText: '不取消',
      confirmColor: '#d9363e',
    })
    if (!confirm || !userOutbox()) return
    const outcome = await write(queueCancelEvent(event.id, event.title), { done: '活动已取消' })
    if (outcome.kind === 'delivered') onChanged()
  }

  const copy = (url: string) =>
    void Taro.setClipboardData({ data: url }).then(
      () => toast('链接已复制，请在投影电脑的浏览器中打开'),
      () => toast('复制失败，请长按链接手动复制'),
    )

  const activeLinks = links.state.status === 'ready' ? links.state.data.filter((l) => !l.revokedAt) : []

  return (
    <>
      <View className="a-card event-organiser">
        <Text className="a-card__title">组织者</Text>
        <AttendanceSummary event={event} counts={counts} />
        <View className="ev-actions">
          <Button
            type="primary"
            size="small"
            onClick={() => void Taro.navigateTo({ url: eventPages.qr(event.id) })}
          >
            显示签到码
          </Button>
          <Button size="small" onClick={() => setProxying(true)}>
            代签
          </Button>
          <Button
            className="event-organiser__edit"
            size="small"
            onClick={() => void Taro.navigateTo({ url: eventPages.edit(event.id) })}
          >
            修改
          </Button>
          <Button size="small" type="danger" fill="outline" onClick={() => void cancel()}>
            取消活动
          </Button>
        </View>
      </View>
      <View className="a-card event-links">
        <Text className="a-card__title">大屏链接</Text>
        <Text className="a-card__subtitle">在投影电脑的浏览器中打开，无需登录，签到码每15秒自动更换。</Text>
        {activeLinks.map((l) => (
          <View key={l.id} className="ev-link">
            {created[l.id] ? <Text className="ev-link__url">{created[l.id]}</Text> : null}
            <Text className="ev-link__meta">
              {formatDateTime(l.createdAt)} 生成 · {formatDateTime(l.expiresAt)} 失效
              {created[l.id] ? '' : '（链接只在生成时显示一次）'}
            </Text>
            <View className="ev-actions">
              {created[l.id] ? (
                <Button size="small" type="primary" fill="outline" onClick={() => copy(created[l.id])}>
                  复制链接
                </Button>
              ) : null}
              <Button size="small" fill="outline" onClick={() => void revoke(l)}>
                撤销
              </Button>
            </View>
          </View>
        ))}
        <View className="ev-actions">
          <Button size="small" type="primary" fill="outline" loading={busy} onClick={() => void createLink()}>
            生成大屏链接
          </Button>
        </View>
      </View>
      <ProxyDialog
        event={event}
        visible={proxying}
        onClose={() => setProxying(false)}
        onDone={() => {
          setProxying(false)
          void counts.reload().catch(() => undefined)
          onChanged()
        }}
      />
    </>
  )
}

/** A cancelled event's organiser still reads its lists (kept, marked 已取消). */
function CancelledOrganiser({ event }: { event: TEvent }) {
  const counts = useAttendanceCounts(event.id)
  return (
    <View className="a-card event-organiser">
      <Text className="a-card__title">组织者</Text>
      <Text className="a-card__subtitle">
        活动已于 {formatDateTime(event.cancelledAt ?? '')} 取消，不计入到会率；签到名单保留备查。
      </Text>
      <AttendanceSummary event={event} counts={counts} />
    </View>
  )
}

export default function EventDetailPage() {
  const { session, id: eventId, state, reload } = useRouteRecord('eventId', 'event', fetchEvent)

  if (!session) return <View className="page" />
  if (!eventId) {
    return <InvalidLink message="链接无效：缺少活动编号" framed />
  }
  if (state.status !== 'ready') return <PendingPage state={state} reload={reload} />
  const e = state.data
  return (
    <View className="page event-detail">
      <View className="page__body">
        <OutboxNotice />
        <View className="a-card">
          <EventCardHead title={e.title} phase={e.phase} cancelled={Boolean(e.cancelledAt)} />
          <Line label="活动类型" value={EVENT_KIND_LABELS[e.kind]} />
          <Line label="组织单位" value={e.organiser.name} />
          <Line label="活动时间" value={`${formatDateTime(e.startsAt)} – ${formatDateTime(e.endsAt)}`} />
          <Line
            label="签到时间"
            value={`${formatDateTime(e.signInOpensAt)} – ${formatDateTime(e.signInClosesAt)}`}
          />
          <Line
            label="活动地点"
            value={e.place ? `${e.place.name ?? '活动现场'}（${e.place.radiusM} 米内签到）` : '不限地点'}
          />
          {e.description ? <Line label="活动说明" value={e.description} /> : null}
        </View>
        {/* Only who is expected to sign in: an organiser whose own unit is not invited has nothing here. */}
        {e.inAudience || e.mySignIn ? (
          <View className="a-card event-mine">
            <Text className="a-card__title">我的签到</Text>
            <Text className={`ev-status${e.mySignIn ? ' ev-status--done' : ''}`}>
              {e.mySignIn
                ? `已签到 ${formatDateTime(e.mySignIn.signedInAt)}（${SIGN_IN_METHOD_LABELS[e.mySignIn.method]}）`
                : '未签到'}
            </Text>
            {!e.mySignIn && e.phase === 'open' && !e.cancelledAt ? (
              <View className="ev-actions">
                <Button type="primary" onClick={() => void Taro.navigateTo({ url: eventPages.signIn(e.id) })}>
                  扫码签到
                </Button>
              </View>
            ) : null}
          </View>
        ) : null}
        {e.canManage && e.cancelledAt ? <CancelledOrganiser event={e} /> : null}
        {e.canManage && !e.cancelledAt ? (
          <Organiser event={e} onChanged={() => void reload().catch(() => undefined)} />
        ) : null}
      </View>
    </View>
  )
}
