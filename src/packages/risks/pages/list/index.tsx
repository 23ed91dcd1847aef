import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { riskAreaLabel, startersFor, type TRiskList } from '@/models/risk'
import { fetchRisks } from '@/services/risks'
import { idParam, riskPages } from '@/services/routes'
import { usePagedList } from '@/hooks/usePagedList'
import { useMe } from '@/hooks/useMe'
import { useRequireSession } from '@/hooks/useSession'
import { ErrorState, InvalidLink, LoadMore, LoadingState } from '@/components/PageState'
import { OutboxNotice } from '@/components/OutboxNotice'
import { RiskCard } from '../../components/RiskBits'
import { Heading } from '@/components/Heading'
import { keepsRegistersOf } from '@/models/memberships'
import '@/styles/page.scss'
import '../../components/risks.scss'

const go = (url: string) => void Taro.navigateTo({ url })

/**
 * 廉洁风险点台账 (tasks 7, 13): the register with its alerts (高, 逾期未复核), paged; its keepers add a
 * risk, blank or from the starter list the document's wording gives for the enterprise's ownership.
 */
export default function RiskListPage() {
  const session = useRequireSession()
  const eid = idParam(useRouter().params.eid)
  const { state: me } = useMe(session?.user.id ?? null)
  const pages = usePagedList<TRiskList>(
    session && eid ? `risks:${eid}` : null,
    (page) => fetchRisks(eid ?? 0, page),
    // Back from a form or a review: the register may have changed.
    { reloadOnShow: true },
  )
  const [showStarters, setShowStarters] = useState(false)

  if (!session) return <View className="page" />
  if (!eid) return <InvalidLink message="页面链接不完整" />
  const state = pages.state
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error')
    return <ErrorState message={state.message} onRetry={() => void pages.reload()} />
  const keeper = me.status === 'ready' && keepsRegistersOf(me.me.memberships, eid)
  const { summary, ownership, total } = state.last
  const starters = startersFor(ownership)

  return (
    <View className="page risk-list">
      <View className="page__body">
        <OutboxNotice />
        <View className="a-card risk-summary">
          <View className="risk-summary__stat">
            <Text className="risk-summary__value">{summary.active}</Text>
            <Text className="risk-summary__label">有效风险点</Text>
          </View>
          <View className="risk-summary__stat">
            <Text className={`risk-summary__value${summary.high ? ' risk-summary__value--bad' : ''}`}>
              {summary.high}
            </Text>
            <Text className="risk-summary__label">高风险</Text>
          </View>
          <View className="risk-summary__stat">
            <Text className={`risk-summary__value${summary.overdue ? ' risk-summary__value--bad' : ''}`}>
              {summary.overdue}
            </Text>
            <Text className="risk-summary__label">逾期未复核</Text>
          </View>
        </View>
        {keeper ? (
          <View className="risk-actions">
            <Button type="primary" onClick={() => go(riskPages.edit(eid))}>
              登记风险点
            </Button>
            <Button onClick={() => setShowStarters(!showStarters)}>
              {showStarters ? '收起参考清单' : '从参考清单添加'}
            </Button>
          </View>
        ) : null}
        {keeper && showStarters ? (
          <View className="a-card">
            <Text className="risk-form__hint">
              依据《县清廉企业建设实施方案》任务7、任务13的原文，选一项后补充本企业的岗位/环节、责任人和等级。
            </Text>
            {starters.map((s) => (
              <View
                key={s.code}
                className="risk-starter"
                onClick={() => go(riskPages.edit(eid, undefined, s.code))}
              >
                <Text className="risk-starter__area">
                  {riskAreaLabel(s.area)} · 任务{s.task}
                </Text>
                <Text className="risk-starter__quote">“{s.description}”</Text>
              </View>
            ))}
          </View>
        ) : null}
        <Heading text={`风险点（${total}）`} extra="高风险、待复核在前" />
        {state.items.length === 0 ? (
          <View className="a-card">
            <Text className="risk-form__hint">
              尚未登记廉洁风险点。方案要求健全工程招标、物资采购等廉洁风险点防范措施（任务7）并加强动态管理（任务13）。
            </Text>
          </View>
        ) : null}
        {state.items.map((r) => (
          <RiskCard key={r.id} risk={r} onClick={() => go(riskPages.detail(eid, r.id))} />
        ))}
        <LoadMore pages={pages} />
      </View>
    </View>
  )
}
