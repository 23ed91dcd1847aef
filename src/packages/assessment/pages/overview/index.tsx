import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { answerCounts } from '@/models/assessment'
import { SECTION_LABELS } from '@/models/checklist'
import { formatDate, formatDateTime } from '@/models/format'
import { OutboxNotice } from '@/components/OutboxNotice'
import { PendingPage } from '@/components/PageState'
import { isLiaisonOf } from '@/models/memberships'
import { assessmentPages } from '@/services/routes'
import { useMe } from '@/hooks/useMe'
import { usePullRefresh } from '@/hooks/useRemote'
import { Bars, sectionBars } from '@/components/assessment/Bars'
import { AssessmentStatusTag } from '@/components/assessment/StatusTag'
import { HandlingRecord } from '@/components/assessment/Timeline'
import { assessmentEvents, lastReturn } from '@/components/assessment/history'
import { formatScore, nextUnanswered, problemsOf } from '@/services/assessmentView'
import { useRouteAssessment } from '@/hooks/useRouteAssessment'
import { Heading } from '@/components/Heading'
import { closePlace } from '../item/place'
import '@/styles/page.scss'
import './index.scss'
import { ActionBar } from '@/components/ActionBar'

export default function AssessmentOverviewPage() {
  const { session, aid, load, reload } = useRouteAssessment()
  const { state: me } = useMe(session?.user.id ?? null)
  usePullRefresh(reload)
  // The item page is not open over this one (any more): a later visit opened with an item shows that
  // item, not the place of a page that was killed with the mini-program (item/place.ts).
  useDidShow(() => {
    if (aid !== null) closePlace(aid)
  })

  if (!session) return <View className="page" />
  if (load.status !== 'ready') return <PendingPage state={load} reload={reload} />

  const { assessment: a, submitPending, pendingCodes } = load.view
  const ids = { eid: a.enterprise.id, aid: a.id }
  const liaison = me.status === 'ready' && isLiaisonOf(me.me.memberships, a.enterprise.id)
  const editable = liaison && (a.status === 'draft' || a.status === 'returned') && !submitPending
  const done = a.status === 'submitted' || a.status === 'accepted'
  const problems = problemsOf(a)
  const counts = answerCounts(a.items, a.answers, problems)
  const returned = a.status === 'returned' ? lastReturn(a.history) : null
  const commented = a.status === 'returned' ? a.answers.filter((x) => x.reviewComment) : []
  const itemByCode = new Map(a.items.map((i) => [i.code, i]))
  const openItem = (code?: string) =>
    void Taro.navigateTo({ url: assessmentPages.item(ids.eid, ids.aid, code) })
  const next = nextUnanswered(a)

  return (
    <View className="page page--actions assessment-overview">
      <View className="page__body">
        <OutboxNotice />
        {load.staleReason ? (
          <View className="a-notice a-notice--error">
            <Text>{load.staleReason}。显示的是本机保存的内容。</Text>
          </View>
        ) : null}

        <View className="a-card">
          <View className="assessment-overview__head">
            <Text className="a-card__title assessment-overview__name">{a.campaign.name}</Text>
            <AssessmentStatusTag status={a.status} />
          </View>
          <Text className="a-card__subtitle">{a.enterprise.name}</Text>
          <Text className="a-card__subtitle">
            截止 {formatDate(a.campaign.dueDate)}
            {a.submittedAt ? ` · 提交于 ${formatDateTime(a.submittedAt)}` : ''}
          </Text>
          <View className="assessment-overview__stats">
            <View className="assessment-overview__stat">
              <Text className="assessment-overview__stat-value">
                {counts.answered}
                <Text className="assessment-overview__stat-total">/{counts.items}</Text>
              </Text>
              <Text className="assessment-overview__stat-label">已答 / 适用项</Text>
            </View>
            <View className="assessment-overview__stat">
              <Text className="assessment-overview__stat-value">{counts.incomplete}</Text>
              <Text className="assessment-overview__stat-label">已答待补充</Text>
            </View>
            <View className="assessment-overview__stat">
              <Text className="assessment-overview__stat-value">
                {a.status === 'draft' ? '—' : formatScore(a.scores.overall)}
              </Text>
              <Text className="assessment-overview__stat-label">综合得分</Text>
            </View>
          </View>
        </View>

        {submitPending ? (
          <View className="a-notice a-notice--info">
            <Text>提交已保存在本机，网络恢复后自动发送。</Text>
          </View>
        ) : null}
        {pendingCodes.size > 0 && !submitPending ? (
          <View className="a-notice a-notice--info">
            <Text>{pendingCodes.size} 项答案待同步，网络恢复后自动发送。</Text>
          </View>
        ) : null}

        {returned ? (
          <View className="a-notice a-notice--returned">
            <Text className="a-notice__title">监管单位退回修改</Text>
            <Text>
              {returned.actorName} · {formatDateTime(returned.createdAt)}
            </Text>
            {returned.comment ? <Text>{returned.comment}</Text> : null}
            {commented.map((x) => (
              <View key={x.itemCode} className="a-notice__item" onClick={() => openItem(x.itemCode)}>
                <View className="a-notice__item-head">
                  <Text className="a-notice__item-code">
                    {x.itemCode} · {SECTION_LABELS[itemByCode.get(x.itemCode)?.section ?? 'actions']}
                  </Text>
                  {editable ? <Text className="a-notice__item-go">去修改 ›</Text> : null}
                </View>
                <Text className="a-notice__item-text">{x.reviewComment}</Text>
              </View>
            ))}
          </View>
        ) : null}

        <Heading text="各部分进度" extra="点击进入该部分" />
        <View className="a-card assessment-overview__bars">
          <Bars
            rows={sectionBars(a.scores.sections, (s) => ({
              percent: (s.answered / s.applicable) * 100,
              figure: `${s.answered}/${s.applicable}`,
              tone: s.answered === s.applicable ? 'done' : 'progress',
              onClick: () => {
                const items = a.items.filter((i) => i.section === s.section)
                const answeredCodes = new Set(a.answers.map((x) => x.itemCode))
                openItem((items.find((i) => !answeredCodes.has(i.code)) ?? items[0])?.code)
              },
            }))}
          />
        </View>

        <HandlingRecord events={assessmentEvents(a.history)} />
      </View>

      {editable ? (
        <ActionBar>
          <Button
            fill="outline"
            type="primary"
            onClick={() => void Taro.navigateTo({ url: assessmentPages.review(ids.eid, ids.aid) })}
          >
            提交前检查
          </Button>
          {commented.length > 0 ? (
            <Button type="primary" onClick={() => openItem(commented[0].itemCode)}>
              修改退回项
            </Button>
          ) : (
            // Without an item: the page continues where the user was last time (else the first
            // unanswered one), as a liaison walking 61 items in several sittings expects.
            <Button type="primary" onClick={() => openItem()}>
              {counts.answered === 0 ? '开始作答' : next ? '继续作答' : '查看作答'}
            </Button>
          )}
        </ActionBar>
      ) : null}
      {done ? (
        <ActionBar>
          <Button fill="outline" type="primary" onClick={() => openItem(a.items[0]?.code)}>
            查看作答
          </Button>
          <Button
            type="primary"
            onClick={() => void Taro.navigateTo({ url: assessmentPages.result(ids.eid, ids.aid) })}
          >
            查看结果
          </Button>
        </ActionBar>
      ) : null}
      {!editable && !done && me.status !== 'loading' ? (
        <ActionBar>
          <Button type="primary" fill="outline" onClick={() => openItem(a.items[0]?.code)}>
            查看作答
          </Button>
        </ActionBar>
      ) : null}
    </View>
  )
}
