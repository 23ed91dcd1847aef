import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { TAssessmentSummary } from '@/models/assessment'
import { fetchAssessments } from '@/services/assessments'
import { EmptyBox } from '@/components/EmptyImage'
import { formatDate } from '@/models/format'
import { RemotePage } from '@/components/RemotePage'
import { InvalidLink } from '@/components/PageState'
import { assessmentPages } from '@/services/routes'
import { AssessmentStatusTag } from '@/components/assessment/StatusTag'
import { formatScore } from '@/services/assessmentView'
import { Heading } from '@/components/Heading'
import '@/styles/page.scss'
import './index.scss'
import { useRouteRecord } from '@/hooks/useRouteRecord'

function AssessmentCard({ a }: { a: TAssessmentSummary }) {
  const percent = a.applicableCount ? Math.round((a.answeredCount / a.applicableCount) * 100) : 0
  const done = a.status === 'submitted' || a.status === 'accepted'
  return (
    <View
      className="a-card assessment-card"
      onClick={() => void Taro.navigateTo({ url: assessmentPages.overview(a.enterpriseId, a.id) })}
    >
      <View className="assessment-card__head">
        <Text className="a-card__title assessment-card__name">{a.campaign.name}</Text>
        <AssessmentStatusTag status={a.status} />
      </View>
      <Text className="a-card__subtitle">截止 {formatDate(a.campaign.dueDate)}</Text>
      <View className="assessment-card__progress">
        <View className="assessment-card__track">
          <View
            className={`assessment-card__fill${done ? ' assessment-card__fill--done' : ''}`}
            style={{ width: `${percent}%` }}
          />
        </View>
        <Text className="assessment-card__count">
          已答 {a.answeredCount}/{a.applicableCount}
        </Text>
      </View>
      {done && a.overall !== null ? (
        <Text className="assessment-card__score">
          综合得分 <Text className="assessment-card__score-value">{formatScore(a.overall)}</Text>
        </Text>
      ) : null}
    </View>
  )
}

export default function AssessmentListPage() {
  const { session, id: eid, state, reload } = useRouteRecord('eid', 'assessments', fetchAssessments)

  if (!session) return <View className="page" />
  if (!eid) {
    return <InvalidLink message="链接无效：缺少企业编号" framed />
  }

  return (
    <RemotePage className="assessment-list" state={state} reload={reload}>
      {state.status === 'ready' && state.data.length > 0 ? (
        <>
          <Heading text={state.data[0].enterpriseName} extra={`共 ${state.data.length} 期`} />
          {state.data.map((a) => (
            <AssessmentCard key={a.id} a={a} />
          ))}
        </>
      ) : null}
      {state.status === 'ready' && state.data.length === 0 ? (
        <EmptyBox title="暂无自查任务" description="领导小组办公室发起年度自查后，将显示在这里" />
      ) : null}
    </RemotePage>
  )
}
