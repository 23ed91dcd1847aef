import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { SECTION_LABELS } from '@/models/checklist'
import { OWNERSHIP_LABELS, PARTY_ORG_LABELS } from '@/models/org'
import { milestoneText, PLAN_FILING_STATUS_LABELS, type TMilestoneState } from '@/models/milestones'
import type { TEnterpriseListRow } from '@/models/supervisionOverview'
import { assessmentPages, orgPages, supervisionPages } from '@/services/routes'
import { formatScore } from '@/services/assessmentView'
import { AssessmentStatusTag } from '@/components/assessment/StatusTag'
import './supervision.scss'

const go = (url: string) => (ev: { stopPropagation: () => void }) => {
  ev.stopPropagation()
  void Taro.navigateTo({ url })
}

/** 按时: ok; 逾期, or 未报 past the deadline: bad; 未报 before it: none. */
const tone = (m: TMilestoneState) =>
  m.status === 'on_time' ? 'ok' : m.status === 'late' || m.overdue ? 'bad' : 'none'

/** '+3.5' / '−2' / '持平' against the compared campaign. */
function changeText(change: number | null): string {
  if (change === null) return '—'
  if (change === 0) return '持平'
  return `${change > 0 ? '+' : '−'}${formatScore(Math.abs(change))}`
}

/** The change, or (no score this campaign) the compared campaign's own score: 上期 76.5. */
function againstText(change: number | null, then: number | null): string {
  if (change === null && then !== null) return `上期${formatScore(then)}`
  return changeText(change)
}

/**
 * One enterprise in a supervisor's list (tap: its page): its assessment of the campaign (查看自查), scores (and the
 * change against a compared campaign), 整改, milestones, and the ways on (its page, 整改, 通知, members).
 */
export function SupervisedCard({ e, office }: { e: TEnterpriseListRow; office: boolean }) {
  // The card opens the enterprise's page (everything about it); 查看自查 opens this campaign's review.
  const open = () => void Taro.navigateTo({ url: supervisionPages.enterprise(e.enterpriseId) })
  const review = (ev: { stopPropagation: () => void }) => {
    ev.stopPropagation()
    if (e.assessmentId === null) {
      void Taro.showToast({ title: '该企业未参加本期自查', icon: 'none' })
      return
    }
    void Taro.navigateTo({ url: supervisionPages.review(e.enterpriseId, e.assessmentId) })
  }
  const overdue = e.rectifications.overdue
  return (
    <View className="a-card supervised" onClick={open}>
      <View className="supervised__head">
        <Text className="supervised__name">{e.enterpriseName}</Text>
        <AssessmentStatusTag status={e.status === 'not_started' ? null : e.status} />
      </View>
      <Text className="supervised__kind">
        {OWNERSHIP_LABELS[e.ownership]} · {PARTY_ORG_LABELS[e.partyOrg]}
        {e.demonstration ? (
          <Text className="supervised__mark"> · {e.demonstration === 'pilot' ? '示范点' : '示范企业'}</Text>
        ) : null}
      </Text>
      <View className="supervised__figures">
        <View className="supervised__figure">
          <Text className="supervised__value">{formatScore(e.scores.overall)}</Text>
          <Text className="supervised__label">
            {e.compare
              ? `综合得分 ${againstText(e.compare.change.overall, e.compare.scores.overall)}`
              : '综合得分'}
          </Text>
        </View>
        <View className="supervised__figure">
          <Text className="supervised__value">{e.rectifications.open}</Text>
          <Text className="supervised__label">未完成整改</Text>
        </View>
        <View className="supervised__figure">
          <Text className="supervised__value">{e.rectifications.awaiting}</Text>
          <Text className="supervised__label">待核验</Text>
        </View>
        <View className="supervised__figure">
          <Text className={`supervised__value${overdue ? ' supervised__value--bad' : ''}`}>{overdue}</Text>
          <Text className="supervised__label">逾期整改</Text>
        </View>
      </View>
      {e.compare ? (
        <View className="supervised__compare">
          {e.scores.sections.map((s, i) => (
            <Text key={s.section} className="supervised__compare-item">
              {SECTION_LABELS[s.section]} {formatScore(s.score)}（
              {againstText(e.compare!.change.sections[i].change, e.compare!.scores.sections[i].score)}）
            </Text>
          ))}
        </View>
      ) : null}
      <View className="supervised__milestones" onClick={go(orgPages.milestones(e.enterpriseId))}>
        <Text className={`supervised__milestone supervised__milestone--${tone(e.milestones.leadingGroup)}`}>
          领导小组 {milestoneText(e.milestones.leadingGroup)}
        </Text>
        <Text className={`supervised__milestone supervised__milestone--${tone(e.milestones.plan)}`}>
          实施方案 {milestoneText(e.milestones.plan)}
          {e.milestones.plan.receipt ? `（${PLAN_FILING_STATUS_LABELS[e.milestones.plan.receipt]}）` : ''}
        </Text>
      </View>
      <View className="supervised__actions">
        <Text className="supervised__action" onClick={review}>
          查看自查
        </Text>
        <Text className="supervised__action" onClick={go(assessmentPages.rectifications(e.enterpriseId))}>
          整改事项
        </Text>
        <Text
          className="supervised__action supervised__notice"
          onClick={go(supervisionPages.notice(e.enterpriseId, e.enterpriseName))}
        >
          下发整改通知
        </Text>
        {office ? (
          <Text
            className="supervised__action"
            onClick={go(orgPages.members(e.enterpriseId, true, e.enterpriseName))}
          >
            成员与联络员
          </Text>
        ) : null}
      </View>
    </View>
  )
}
