import { useState } from 'react'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, SearchBar, Tabs } from '@nutui/nutui-react-taro'
import { formatDate, formatDateTime } from '@/models/format'
import { shanghaiDate } from '@/models/shanghaiTime'
import { RISK_LEVEL_LABELS, type TRiskLevel } from '@/models/risk'
import { WORKLIST_LABELS, WORKLISTS, type TWorkItem, type TWorklist } from '@/models/worklists'
import { EmptyBox } from '@/components/EmptyImage'
import { CountedLoadMore, PagesPending } from '@/components/PageState'
import { usePages } from '@/hooks/usePages'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { assessmentPages, riskPages, supervisionPages } from '@/services/routes'
import { fetchWorklist, fetchWorklistCounts } from '@/services/worklists'
import { queueRiskAcknowledge } from '@/services/risks'
import { useBusy } from '@/hooks/useBusy'
import { useWrite } from '@/hooks/useWrite'
import { UrgeDialog } from '../../components/UrgeDialog'
import '@/styles/page.scss'
import './index.scss'

const DAY = 86_400_000
const go = (url: string) => void Taro.navigateTo({ url })

/** What each list says when it is empty (no search). */
const EMPTY: Record<TWorklist, string> = {
  overdue: '没有逾期的整改',
  verify: '没有待核验的整改',
  review: '没有待审核的自查',
  not_started: '所有企业都已提交本期自查',
  risk_alert: '没有高风险或逾期未复核的廉洁风险点',
}

/** The row's second line: how long it has waited, or what is missing. */
function waiting(item: TWorkItem, list: TWorklist, today: string): string {
  switch (list) {
    case 'overdue': {
      const days = Math.round((Date.parse(today) - Date.parse(item.deadline ?? today)) / DAY)
      return `截止 ${formatDate(item.deadline ?? today)} · 已逾期 ${days} 天${item.status === 'returned' ? ' · 曾被退回' : ''}`
    }
    case 'verify':
      return item.since ? `${formatDateTime(item.since)} 报送，待核验` : '已报送，待核验'
    case 'review':
      return item.since ? `${formatDateTime(item.since)} 提交，待审核` : '已提交，待审核'
    case 'not_started':
      return item.status === 'none'
        ? '未参加本期自查（没有自查表）'
        : `自查表未提交（草稿）${item.deadline ? ` · 截止 ${formatDate(item.deadline)}` : ''}`
    case 'risk_alert': {
      const level = `风险等级：${RISK_LEVEL_LABELS[item.status as TRiskLevel] ?? item.status}`
      const review = item.deadline ?? today
      return review < today
        ? `${level} · 逾期未复核（应于 ${formatDate(review)}）`
        : `${level} · 下次复核 ${formatDate(review)}`
    }
  }
}

/** Where the row's matter is handled: the 整改 (to view or verify), the assessment (to review), the risk. */
function itemAction(item: TWorkItem, list: TWorklist): { label: string; url: string } | null {
  if (item.riskId !== null)
    return { label: '查看风险点', url: riskPages.detail(item.enterpriseId, item.riskId) }
  if (item.rectificationId !== null)
    return {
      label: list === 'verify' ? '去核验' : '查看整改',
      url: assessmentPages.rectification(item.enterpriseId, item.rectificationId),
    }
  if (list === 'review' && item.assessmentId !== null)
    return { label: '去审核', url: supervisionPages.review(item.enterpriseId, item.assessmentId) }
  return null
}

function WorkRow(props: {
  item: TWorkItem
  list: TWorklist
  today: string
  onUrge: (i: TWorkItem) => void
  onAcknowledge: (i: TWorkItem) => void
  busy: boolean
}) {
  const { item, list } = props
  const action = itemAction(item, list)
  return (
    <View className="a-card worklist-row">
      <View className="worklist-row__head" onClick={() => go(supervisionPages.enterprise(item.enterpriseId))}>
        <Text className="worklist-row__name">{item.enterpriseName}</Text>
        <Text className="worklist-row__more">企业详情 ›</Text>
      </View>
      <Text className="worklist-row__code">{item.creditCode}</Text>
      <Text className="worklist-row__title">{item.title}</Text>
      <Text className={`worklist-row__meta worklist-row__meta--${list}`}>
        {waiting(item, list, props.today)}
      </Text>
      {item.alert?.acknowledged ? <Text className="worklist-row__acked">已阅知</Text> : null}
      {item.lastUrgedAt ? (
        <Text className="worklist-row__urged">
          {item.urgedToday ? '今日已催办' : `上次催办 ${formatDateTime(item.lastUrgedAt)}`}
        </Text>
      ) : null}
      <View className="worklist-row__actions">
        {action ? (
          <Button size="small" fill="outline" onClick={() => go(action.url)}>
            {action.label}
          </Button>
        ) : null}
        {item.alert?.canAcknowledge ? (
          <Button
            size="small"
            fill="outline"
            loading={props.busy}
            disabled={props.busy}
            onClick={() => props.onAcknowledge(item)}
          >
            阅知
          </Button>
        ) : null}
        {item.urge ? (
          <Button
            className="worklist-row__urge"
            size="small"
            type="primary"
            disabled={item.urgedToday}
            onClick={() => props.onUrge(item)}
          >
            {item.urgedToday ? '今日已催办' : '催办'}
          </Button>
        ) : null}
      </View>
    </View>
  )
}

/**
 * 工作清单 of a department (the enterprises it supervises) or the office (all): 逾期整改, 待核验, 待审核,
 * 未提交自查 and 风险预警, each searchable by name or credit code, paged as the page scrolls, the longest waiting first
 * (or the latest). Rows open the enterprise's page and the matter; where the enterprise owes the next step
 * they offer 催办; a 高 风险预警 a department may take note of offers 阅知 (then shown 已阅知).
 */
export default function WorklistsPage() {
  const session = useRequireSession()
  const params = useRouter().params
  const [tab, setTab] = useState<TWorklist>(WORKLISTS.find((l) => l === params.list) ?? 'overdue')
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [order, setOrder] = useState<'oldest' | 'newest'>('oldest')
  const [urging, setUrging] = useState<TWorkItem | null>(null)
  const on = session !== null
  const counts = useRemote(on ? `worklists:counts:${q}` : null, () => fetchWorklistCounts(q))
  const pages = usePages(on ? `worklists:${tab}:${q}:${order}` : null, (page) =>
    fetchWorklist(tab, { q, order, page }),
  )
  const refresh = () => Promise.all([counts.reload(), pages.reload()]).then(() => undefined)
  const write = useWrite()
  const [busy, whileBusy] = useBusy()
  // 阅知 of a 高 alert from its row: it stays listed, counted 已阅知, and leaves the department's 任务.
  const acknowledge = (item: TWorkItem) =>
    void whileBusy(async () => {
      if (!item.alert || item.riskId === null) return
      const entry = queueRiskAcknowledge(item.enterpriseId, item.riskId, item.alert.occasion)
      const outcome = await write(entry, { done: '已阅知' })
      if (outcome.kind !== 'queued') await refresh().catch(() => undefined)
    })
  usePullRefresh(refresh)
  useReachBottom(() => void pages.loadMore().catch(() => undefined))

  if (!session) return <View className="page" />
  const today = shanghaiDate(Date.now())
  const c = counts.state.status === 'ready' ? counts.state.data : null
  const state = pages.state

  const body = () => {
    if (state.status !== 'ready') return <PagesPending pages={pages} />
    if (state.items.length === 0)
      return (
        <EmptyBox
          title={
            q
              ? '没有找到相符的企业'
              : tab === 'not_started' && !c?.campaign
                ? '当前没有进行中的自查期次'
                : EMPTY[tab]
          }
        />
      )
    return (
      <View>
        {state.items.map((item) => (
          <WorkRow
            key={`${item.enterpriseId}:${item.rectificationId ?? item.assessmentId ?? 0}:${item.riskId ?? 0}`}
            item={item}
            list={tab}
            today={today}
            onUrge={setUrging}
            onAcknowledge={acknowledge}
            busy={busy}
          />
        ))}
        <CountedLoadMore pages={pages} unit="项" className="worklists__more" />
      </View>
    )
  }

  return (
    <View className="page worklists">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">工作清单</Text>
          <Text className="a-card__subtitle">
            {c?.campaign
              ? `当前自查期次：${c.campaign.name}（截止 ${formatDate(c.campaign.dueDate)}）`
              : '所监管企业待办理、待核验、待审核的事项'}
          </Text>
          <SearchBar
            className="worklists__search"
            value={typed}
            placeholder="企业名称或统一社会信用代码"
            onChange={setTyped}
            onSearch={(v) => setQ(v.trim())}
            onClear={() => {
              setTyped('')
              setQ('')
            }}
          />
        </View>
        <Tabs className="worklists__tabs" value={tab} duration={0} onChange={(v) => setTab(v as TWorklist)}>
          {WORKLISTS.map((list) => (
            <Tabs.TabPane
              key={list}
              value={list}
              title={`${WORKLIST_LABELS[list]}${c ? ` ${c.counts[list]}` : ''}`}
            />
          ))}
        </Tabs>
        <View className="worklists__order">
          <Text className="worklists__hint">
            {tab === 'overdue'
              ? '按整改期限'
              : tab === 'not_started'
                ? '按企业登记时间'
                : tab === 'risk_alert'
                  ? `按复核日期${c?.acknowledged ? ` · 已阅知 ${c.acknowledged} 项` : ''}`
                  : '按等待时间'}
          </Text>
          <Text
            className="worklists__toggle"
            onClick={() => setOrder(order === 'oldest' ? 'newest' : 'oldest')}
          >
            {order === 'oldest' ? '最早在前 ⇅' : '最新在前 ⇅'}
          </Text>
        </View>
        {body()}
      </View>
      <UrgeDialog
        item={urging}
        onClose={() => setUrging(null)}
        onDone={() => {
          setUrging(null)
          void refresh().catch(() => undefined)
        }}
      />
    </View>
  )
}
