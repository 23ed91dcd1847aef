import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Empty } from '@nutui/nutui-react-taro'
import type { TAssessmentStatus, TSupervisedEnterprise } from '@/models/assessment'
import { OWNERSHIP_LABELS, PARTY_ORG_LABELS } from '@/models/org'
import { fetchSupervisionOverview } from '@/services/assessments'
import { openSupervisionLedger } from '@/services/supervision'
import { EmptyImage } from '@/components/EmptyImage'
import { formatDate } from '@/models/format'
import { PageState } from '@/components/PageState'
import { assessmentPages, orgPages, supervisionPages } from '@/services/routes'
import { milestoneText, PLAN_FILING_STATUS_LABELS, type TMilestoneState } from '@/models/milestones'
import { isOffice } from '@/models/memberships'
import { useMe } from '@/hooks/useMe'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { AssessmentStatusTag } from '@/components/assessment/StatusTag'
import { formatScore } from '@/services/assessmentView'
import '@/styles/page.scss'
import './index.scss'

/** Waiting for review first, then returned, in progress, accepted, not taking part. */
const ORDER: Record<TAssessmentStatus | 'none', number> = {
  submitted: 0,
  returned: 1,
  draft: 2,
  accepted: 3,
  none: 4,
}

/** 按时: ok; 逾期, or 未报 past the deadline: bad; 未报 before it: none. */
const tone = (m: TMilestoneState) =>
  m.status === 'on_time' ? 'ok' : m.status === 'late' || m.overdue ? 'bad' : 'none'

function EnterpriseCard({ e, office }: { e: TSupervisedEnterprise; office: boolean }) {
  // The row opens the enterprise's page; its campaigns there open the review.
  const open = () => void Taro.navigateTo({ url: supervisionPages.enterprise(e.enterpriseId) })
  return (
    <View className="a-card supervised" onClick={open}>
      <View className="supervised__head">
        <Text className="supervised__name">{e.enterpriseName}</Text>
        <AssessmentStatusTag status={e.status} />
      </View>
      <Text className="supervised__kind">
        {OWNERSHIP_LABELS[e.ownership]} · {PARTY_ORG_LABELS[e.partyOrg]}
      </Text>
      <View className="supervised__figures">
        <View className="supervised__figure">
          <Text className="supervised__value">{formatScore(e.overall)}</Text>
          <Text className="supervised__label">综合得分</Text>
        </View>
        <View className="supervised__figure">
          <Text className="supervised__value">{e.openRectifications}</Text>
          <Text className="supervised__label">未完成整改</Text>
        </View>
        <View className="supervised__figure">
          <Text className={`supervised__value${e.overdueRectifications ? ' supervised__value--bad' : ''}`}>
            {e.overdueRectifications}
          </Text>
          <Text className="supervised__label">逾期整改</Text>
        </View>
      </View>
      <View
        className="supervised__milestones"
        onClick={(ev) => {
          ev.stopPropagation()
          void Taro.navigateTo({ url: orgPages.milestones(e.enterpriseId) })
        }}
      >
        <Text className={`supervised__milestone supervised__milestone--${tone(e.milestones.leadingGroup)}`}>
          领导小组 {milestoneText(e.milestones.leadingGroup)}
        </Text>
        <Text className={`supervised__milestone supervised__milestone--${tone(e.milestones.plan)}`}>
          实施方案 {milestoneText(e.milestones.plan)}
          {e.milestones.plan.receipt ? `（${PLAN_FILING_STATUS_LABELS[e.milestones.plan.receipt]}）` : ''}
        </Text>
      </View>
      <View className="supervised__actions">
        <Text
          className="supervised__action"
          onClick={(ev) => {
            ev.stopPropagation()
            void Taro.navigateTo({ url: assessmentPages.rectifications(e.enterpriseId) })
          }}
        >
          整改事项
        </Text>
        <Text
          className="supervised__action supervised__notice"
          onClick={(ev) => {
            ev.stopPropagation()
            void Taro.navigateTo({ url: supervisionPages.notice(e.enterpriseId, e.enterpriseName) })
          }}
        >
          下发整改通知
        </Text>
        {office ? (
          <Text
            className="supervised__action"
            onClick={(ev) => {
              ev.stopPropagation()
              void Taro.navigateTo({ url: orgPages.members(e.enterpriseId, true, e.enterpriseName) })
            }}
          >
            成员与联络员
          </Text>
        ) : null}
      </View>
    </View>
  )
}

export default function SupervisionOverviewPage() {
  const session = useRequireSession()
  const { state, reload } = useRemote(session ? 'supervision:overview' : null, () =>
    fetchSupervisionOverview(),
  )
  usePullRefresh(reload)
  const me = useMe(session?.user.id ?? null).state
  const office = me.status === 'ready' && isOffice(me.me.memberships)
  const [exporting, setExporting] = useState(false)
  const exportLedger = async (campaignId?: number) => {
    setExporting(true)
    try {
      await openSupervisionLedger(campaignId)
    } catch (err) {
      void Taro.showToast({ title: err instanceof Error ? err.message : '导出失败', icon: 'none' })
    } finally {
      setExporting(false)
    }
  }

  if (!session) return <View className="page" />
  const data = state.status === 'ready' ? state.data : null
  const enterprises = data
    ? [...data.enterprises].sort((x, y) => ORDER[x.status ?? 'none'] - ORDER[y.status ?? 'none'])
    : []
  const count = (s: TAssessmentStatus) => enterprises.filter((e) => e.status === s).length

  return (
    <View className="page supervision">
      <View className="page__body">
        <PageState state={state} reload={reload} />
        {data ? (
          <View className="a-card">
            <Text className="a-card__title">{data.campaign?.name ?? '暂无自查期次'}</Text>
            {data.campaign ? (
              <Text className="a-card__subtitle">截止 {formatDate(data.campaign.dueDate)}</Text>
            ) : null}
            <View className="supervision__counts">
              <View className="supervision__count">
                <Text className="supervision__count-value">{enterprises.length}</Text>
                <Text className="supervision__count-label">所监管企业</Text>
              </View>
              <View className="supervision__count">
                <Text className="supervision__count-value supervision__count-value--todo">
                  {count('submitted')}
                </Text>
                <Text className="supervision__count-label">待审核</Text>
              </View>
              <View className="supervision__count">
                <Text className="supervision__count-value">{count('returned')}</Text>
                <Text className="supervision__count-label">已退回</Text>
              </View>
              <View className="supervision__count">
                <Text className="supervision__count-value">{count('accepted')}</Text>
                <Text className="supervision__count-label">已通过</Text>
              </View>
            </View>
            <Button
              className="supervision__ledger"
              type="primary"
              fill="outline"
              size="small"
              loading={exporting}
              onClick={() => void exportLedger(data.campaign?.id)}
            >
              导出工作台账
            </Button>
          </View>
        ) : null}
        {data && enterprises.length === 0 ? (
          <View className="a-empty">
            <Empty image={<EmptyImage />} title="暂无所监管企业" description="本单位尚未关联监管的企业" />
          </View>
        ) : null}
        {enterprises.length ? (
          <View className="a-heading">
            <Text className="a-heading__text">企业（{enterprises.length}）</Text>
            <Text className="a-heading__extra">待审核的排在前面</Text>
          </View>
        ) : null}
        {enterprises.map((e) => (
          <EnterpriseCard office={office} key={e.enterpriseId} e={e} />
        ))}
      </View>
    </View>
  )
}
