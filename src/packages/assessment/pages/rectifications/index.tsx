import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { RECTIFICATION_SOURCE_LABELS, type TRectification } from '@/models/rectification'
import { fetchRectifications } from '@/services/assessments'
import { formatDate } from '@/models/format'
import { OutboxNotice } from '@/components/OutboxNotice'
import { PageState } from '@/components/PageState'
import { assessmentPages } from '@/services/routes'
import { RectificationStatusTag } from '@/components/assessment/StatusTag'
import { RectificationOverdueTag } from '@/components/OverdueTag'
import { Heading } from '@/components/Heading'
import '@/styles/page.scss'
import './index.scss'
import { useRouteRecord } from '@/hooks/useRouteRecord'

const OPEN = new Set(['open', 'returned', 'awaiting_verification'])

function RectificationCard({ r }: { r: TRectification }) {
  return (
    <View
      className={`a-card rect-card${r.overdue ? ' rect-card--overdue' : ''}`}
      onClick={() => void Taro.navigateTo({ url: assessmentPages.rectification(r.enterpriseId, r.id) })}
    >
      <View className="rect-card__tags">
        <RectificationStatusTag status={r.status} />
        <RectificationOverdueTag timeliness={r.timeliness} />
        <Text className="rect-card__source">
          {RECTIFICATION_SOURCE_LABELS[r.source]}
          {r.itemCode ? ` · ${r.itemCode}` : ''}
        </Text>
      </View>
      <Text className="rect-card__title">{r.title}</Text>
      <Text className={`rect-card__deadline${r.overdue ? ' rect-card__deadline--overdue' : ''}`}>
        整改期限 {formatDate(r.deadline)}
      </Text>
    </View>
  )
}

export default function RectificationListPage() {
  const { session, state, reload } = useRouteRecord('eid', 'rectifications', fetchRectifications)

  if (!session) return <View className="page" />
  const open = state.status === 'ready' ? state.data.filter((r) => OPEN.has(r.status)) : []
  const closed = state.status === 'ready' ? state.data.filter((r) => !OPEN.has(r.status)) : []
  const overdue = open.filter((r) => r.overdue).length

  return (
    <View className="page rect-list">
      <View className="page__body">
        <OutboxNotice />
        <PageState
          state={state}
          reload={reload}
          empty={{
            title: '暂无整改事项',
            description: '自查中答“否”或“部分”的项目、监管单位的整改通知会显示在这里',
          }}
        />
        {state.status === 'ready' && state.data.length > 0 ? (
          <>
            <View className="a-card rect-list__summary">
              <View className="rect-list__stat">
                <Text className="rect-list__stat-value">{open.length}</Text>
                <Text className="rect-list__stat-label">未完成</Text>
              </View>
              <View className="rect-list__stat">
                <Text className={`rect-list__stat-value${overdue ? ' rect-list__stat-value--bad' : ''}`}>
                  {overdue}
                </Text>
                <Text className="rect-list__stat-label">已逾期</Text>
              </View>
              <View className="rect-list__stat">
                <Text className="rect-list__stat-value">{closed.length}</Text>
                <Text className="rect-list__stat-label">已销号</Text>
              </View>
            </View>
            {open.length ? <Heading text={`未完成（${open.length}）`} extra="按整改期限排序" /> : null}
            {open.map((r) => (
              <RectificationCard key={r.id} r={r} />
            ))}
            {closed.length ? <Heading text={`已销号（${closed.length}）`} /> : null}
            {closed.map((r) => (
              <RectificationCard key={r.id} r={r} />
            ))}
          </>
        ) : null}
      </View>
    </View>
  )
}
