import { useState, type ReactNode } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Empty } from '@nutui/nutui-react-taro'
import { SIGN_IN_FLAG_LABELS, SIGN_IN_METHOD_LABELS } from '@/models/event'
import { type TAbsentee, type TAbsentees, type TAttendance, type TAttendanceRow } from '@/models/attendance'
import { fetchAbsentees, fetchAttendance, fetchEvent } from '@/services/events'
import { idParam } from '@/services/routes'
import { EmptyImage } from '@/components/EmptyImage'
import { ErrorState, LoadingState } from '@/components/PageState'
import { OutboxNotice } from '@/components/OutboxNotice'
import { usePages, type PagesState } from '@/hooks/usePages'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { ExportAttendanceButton } from '../../components/ExportAttendanceButton'
import { ProxyDialog } from '../../components/ProxyDialog'
import { EventCardHead } from '../../components/EventCardHead'
import '@/styles/page.scss'
import '@/styles/events.scss'
import './index.scss'
import { formatDateTime } from '@/models/format'

type Tab = 'signed' | 'absent'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

/**
 * One person of the attendance lists: the number, the name with its tag (how they signed in, or why they
 * cannot), a line of where they are from, then what else the list says of them; `action` stands at the
 * right.
 */
function PersonRow({
  index,
  name,
  tag,
  meta,
  action,
  children,
}: {
  index: number
  name: string
  tag: ReactNode
  meta: ReactNode
  action?: ReactNode
  children?: ReactNode
}) {
  return (
    <View className="ev-person">
      <Text className="ev-person__index">{index}</Text>
      <View className="ev-person__body">
        <View className="ev-person__head">
          <Text className="ev-person__name">{name}</Text>
          {tag}
        </View>
        <Text className="ev-person__meta">{meta}</Text>
        {children}
      </View>
      {action}
    </View>
  )
}

function SignedRow({ s, index }: { s: TAttendanceRow; index: number }) {
  const flags = s.flags.filter((f) => f !== 'proxy')
  return (
    <PersonRow
      index={index}
      name={s.name}
      tag={
        <Text className={`ev-person__method ev-person__method--${s.method}`}>
          {SIGN_IN_METHOD_LABELS[s.method]}
        </Text>
      }
      meta={`${s.enterpriseName} · ${formatDateTime(s.signedInAt)}`}
    >
      {s.method === 'proxy' ? (
        <Text className="ev-person__proxy">
          代签人：{s.proxyByName ?? '—'}
          {s.proxyReason ? `（${s.proxyReason}）` : ''}
        </Text>
      ) : null}
      {flags.length ? (
        <Text className="ev-person__flag">{flags.map((f) => SIGN_IN_FLAG_LABELS[f]).join('；')}</Text>
      ) : null}
    </PersonRow>
  )
}

function AbsentRow({
  a,
  index,
  onProxy,
}: {
  a: TAbsentee
  index: number
  onProxy: ((a: TAbsentee) => void) | null
}) {
  return (
    <PersonRow
      index={index}
      name={a.name}
      tag={a.disabled ? <Text className="ev-person__method">账号已停用</Text> : null}
      meta={`${a.enterpriseName}${a.phoneMasked ? ` · ${a.phoneMasked}` : ''}`}
      action={
        onProxy && !a.disabled ? (
          <Button className="ev-person__action" size="small" fill="outline" onClick={() => onProxy(a)}>
            代签
          </Button>
        ) : null
      }
    />
  )
}

/** The list of one tab: its rows, 加载更多 at the end, or its empty and error states. */
function PagedList<P extends TAttendance | TAbsentees>({
  state,
  reload,
  loadMore,
  empty,
  row,
}: {
  state: PagesState<P>
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  empty: string
  row: (item: P['items'][number], index: number) => JSX.Element
}) {
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error')
    return <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
  if (state.items.length === 0)
    return (
      <View className="a-empty">
        <Empty image={<EmptyImage />} title={empty} />
      </View>
    )
  return (
    <View className="a-card ev-people">
      {state.items.map((item, i) => row(item, i + 1))}
      {state.hasMore ? (
        <Button
          className="ev-people__more"
          block
          fill="outline"
          loading={state.loadingMore}
          onClick={() =>
            void loadMore().catch((err: unknown) => toast(err instanceof Error ? err.message : '加载失败'))
          }
        >
          加载更多（已显示 {state.items.length} / {state.last.total} 人）
        </Button>
      ) : (
        <Text className="ev-people__end">已显示全部 {state.items.length} 人</Text>
      )}
    </View>
  )
}

/**
 * The organiser's 签到名单 of an event: 签到 x / 应到 y, then 已签到 (with 代签人 for a proxy sign-in) and
 * 未签到 (who of the audience has not signed in, with 代签 while the event runs), each loading more as the
 * page scrolls. A cancelled event keeps its lists, marked 已取消.
 */
export default function AttendancePage() {
  const session = useRequireSession()
  const params = useRouter().params
  const eventId = idParam(params.eventId)
  const [tab, setTab] = useState<Tab>(params.tab === 'absent' ? 'absent' : 'signed')
  const [proxying, setProxying] = useState<TAbsentee | null>(null)
  const key = session && eventId ? String(eventId) : null
  const event = useRemote(key ? `event:${key}` : null, () => fetchEvent(eventId ?? 0))
  const signed = usePages(key ? `signed:${key}` : null, (page) => fetchAttendance(eventId ?? 0, page))
  const absent = usePages(key ? `absent:${key}` : null, (page) => fetchAbsentees(eventId ?? 0, page))
  const current = tab === 'signed' ? signed : absent

  const refresh = () => Promise.all([signed.reload(), absent.reload(), event.reload()]).then(() => undefined)
  usePullDownRefresh(() => {
    refresh()
      .catch((err: unknown) => toast(err instanceof Error ? err.message : '刷新失败'))
      .finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void current.loadMore().catch(() => undefined))

  if (!session) return <View className="page" />
  if (!eventId) return <Empty image={<EmptyImage />} title="页面链接不完整" description="请从活动详情进入" />

  // The counts come with either list; the latest answer wins.
  const counts =
    signed.state.status === 'ready'
      ? signed.state.last
      : absent.state.status === 'ready'
        ? absent.state.last
        : null
  const e = event.state.status === 'ready' ? event.state.data : null
  const cancelled = Boolean(counts?.cancelledAt ?? e?.cancelledAt)
  const canProxy = Boolean(e && !e.cancelledAt && e.phase !== 'not_started')

  return (
    <View className="page event-attendance">
      <View className="page__body">
        <OutboxNotice />
        <View className="a-card">
          <EventCardHead title={counts?.title ?? e?.title ?? '签到名单'} cancelled={cancelled} />
          {counts ? (
            <View className="ev-attendance__counts">
              <Text className="ev-attendance__count">
                签到 <Text className="ev-count">{counts.count}</Text> / 应到 {counts.expected} 人
              </Text>
              <Text className="ev-attendance__absent">未签到 {counts.absentCount} 人</Text>
            </View>
          ) : null}
          {cancelled ? (
            <Text className="a-card__subtitle">活动已取消，签到名单保留备查，不计入到会率。</Text>
          ) : null}
          <View className="ev-actions">
            <ExportAttendanceButton event={e} />
          </View>
        </View>
        <View className="ev-tabs">
          {(
            [
              ['signed', `已签到${counts ? ` ${counts.count}` : ''}`],
              ['absent', `未签到${counts ? ` ${counts.absentCount}` : ''}`],
            ] as const
          ).map(([t, label]) => (
            <Text
              key={t}
              className={`ev-tabs__tab ev-tabs__tab--${t}${tab === t ? ' ev-tabs__tab--active' : ''}`}
              onClick={() => setTab(t)}
            >
              {label}
            </Text>
          ))}
        </View>
        {tab === 'signed' ? (
          <PagedList
            {...signed}
            empty="还没有人签到"
            row={(s: TAttendanceRow, i) => <SignedRow key={s.signInId} s={s} index={i} />}
          />
        ) : (
          <PagedList
            {...absent}
            empty="参加人员都已签到"
            row={(a: TAbsentee, i) => (
              <AbsentRow key={a.userId} a={a} index={i} onProxy={canProxy ? setProxying : null} />
            )}
          />
        )}
      </View>
      {e ? (
        <ProxyDialog
          event={e}
          visible={proxying !== null}
          person={proxying}
          onClose={() => setProxying(null)}
          onDone={() => {
            setProxying(null)
            void refresh().catch(() => undefined)
          }}
        />
      ) : null}
    </View>
  )
}
