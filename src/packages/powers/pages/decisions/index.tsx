import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Empty } from '@nutui/nutui-react-taro'
import {
  DECISION_CATEGORIES,
  DECISION_CATEGORY_LABELS,
  POWERS_SOURCE,
  type TDecisionCategory,
  type TDecisionList,
} from '@/models/powers'
import { fetchDecisions } from '@/services/powers'
import { idParam, powerPages } from '@/services/routes'
import { usePagedList } from '@/hooks/usePagedList'
import { useRequireSession } from '@/hooks/useSession'
import { ErrorState, InvalidLink, LoadMore, LoadingState } from '@/components/PageState'
import { OutboxNotice } from '@/components/OutboxNotice'
import { EmptyImage } from '@/components/EmptyImage'
import { Chips } from '@/components/Chips'
import { Heading } from '@/components/Heading'
import '@/styles/page.scss'
import '../../components/powers.scss'
import { formatDate } from '@/models/format'

const go = (url: string) => void Taro.navigateTo({ url })

/**
 * “三重一大”决策台账 (task 12): the enterprise's decisions, newest first, paged, filtered by category and
 * year; the liaison and head 登记 a decision, everyone allowed opens one (its corrections and attachments).
 */
export default function DecisionListPage() {
  const session = useRequireSession()
  const eid = idParam(useRouter().params.eid)
  const [category, setCategory] = useState<TDecisionCategory | null>(null)
  const [year, setYear] = useState<number | null>(null)
  // The years offered stay those of the unfiltered log (a category's page may have fewer).
  const [years, setYears] = useState<number[]>([])
  const filter = { category: category ?? undefined, year: year ?? undefined }
  const pages = usePagedList<TDecisionList>(
    session && eid ? `decisions:${eid}:${category ?? ''}:${year ?? ''}` : null,
    async (page) => {
      const list = await fetchDecisions(eid ?? 0, page, filter)
      if (!category && !year) setYears(list.years)
      return list
    },
    { reloadOnShow: true },
  )

  if (!session) return <View className="page" />
  if (!eid) return <InvalidLink message="页面链接不完整" />
  const state = pages.state
  if (state.status === 'error')
    return <ErrorState message={state.message} onRetry={() => void pages.reload().catch(() => undefined)} />
  const ready = state.status === 'ready' ? state : null
  const yearChoices = years.length ? years : (ready?.last.years ?? [])

  return (
    <View className="page decisions">
      <View className="page__body">
        <OutboxNotice />
        <View className="a-card">
          <Text className="pw-quote">{POWERS_SOURCE.decisions}。</Text>
          {ready?.last.canEdit ? (
            <View className="pw-actions">
              <Button type="primary" className="pw-new" onClick={() => go(powerPages.decision(eid))}>
                登记决策
              </Button>
            </View>
          ) : null}
        </View>
        <Chips
          block="pw-chips"
          all="全部类别"
          options={DECISION_CATEGORIES}
          value={category}
          label={(c) => DECISION_CATEGORY_LABELS[c]}
          onPick={setCategory}
        />
        {yearChoices.length ? (
          <Chips
            block="pw-chips"
            all="全部年度"
            options={yearChoices}
            value={year}
            label={(y) => `${y}年`}
            onPick={setYear}
          />
        ) : null}
        {!ready ? <LoadingState /> : null}
        {ready ? <Heading text={`决策记录（${ready.last.total}）`} extra="按决策日期，新的在前" /> : null}
        {ready && ready.items.length === 0 ? (
          <Empty
            image={<EmptyImage />}
            title={category || year ? '没有符合条件的决策记录' : '尚未登记“三重一大”决策'}
            description="重大决策、重要人事任免、重大项目安排和大额资金运作，集体决策后在此登记。"
          />
        ) : null}
        {ready?.items.map((d) => (
          <View key={d.id} className="a-card pw-decision" onClick={() => go(powerPages.decision(eid, d.id))}>
            <View className="pw-head">
              <Text className="pw-decision__title">{d.subject}</Text>
              <Text className="pw-tag">{DECISION_CATEGORY_LABELS[d.category]}</Text>
            </View>
            <Text className="pw-decision__meta">
              {`${formatDate(d.decidedOn)} · ${d.meeting}${d.version > 1 ? ` · 已更正${d.version - 1}次` : ''}`}
            </Text>
          </View>
        ))}
        <LoadMore pages={pages} />
      </View>
    </View>
  )
}
