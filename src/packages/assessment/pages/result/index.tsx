import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Tag } from '@nutui/nutui-react-taro'
import {
  ANSWER_LABELS,
  MIN_SCORED_PER_SECTION,
  notApplicableCount,
  type TAssessment,
} from '@/models/assessment'
import { SECTION_LABELS, type TSection } from '@/models/checklist'
import { formatDateTime } from '@/models/format'
import { PendingPage } from '@/components/PageState'
import { assessmentPages } from '@/services/routes'
import { Bars, sectionBars, sectionFigure, scoreTone } from '@/components/assessment/Bars'
import { AssessmentStatusTag } from '@/components/assessment/StatusTag'
import { findingsOf, formatScore } from '@/services/assessmentView'
import { useRouteAssessment } from '@/hooks/useRouteAssessment'
import { Heading } from '@/components/Heading'
import { BackToOverview } from '@/components/assessment/BackToOverview'
import { ItemCell } from '@/components/assessment/ItemCell'
import '@/styles/page.scss'
import './index.scss'
import { ActionBar } from '@/components/ActionBar'

const itemsOf = (a: TAssessment, section: TSection) => a.items.filter((i) => i.section === section)

/** 共 19 项，已答 19 项（不适用 1 项，不计分）: the figures as they add up. */
function sectionHint(
  s: { applicable: number; answered: number; score: number | null },
  notApplicable: number,
): string {
  const base = `共 ${s.applicable} 项，已答 ${s.answered} 项`
  const counted = notApplicable > 0 ? `${base}（其中不适用 ${notApplicable} 项，不计分）` : base
  // Too few scored items for a score of its own: its answers still count in 综合得分 (computeScores).
  return s.score === null && s.answered > notApplicable
    ? `${counted}；计分项不足 ${MIN_SCORED_PER_SECTION} 项，作答计入综合得分`
    : counted
}

export default function AssessmentResultPage() {
  const { session, load, reload } = useRouteAssessment()

  if (!session) return <View className="page" />
  if (load.status !== 'ready') return <PendingPage state={load} reload={reload} />

  const a = load.view.assessment
  const done = a.status === 'submitted' || a.status === 'accepted'
  const findings = findingsOf(a)
  const overall = a.scores.overall

  return (
    <View className="page page--actions assessment-result">
      <View className="page__body">
        <View className="a-card assessment-result__hero">
          <Text className="assessment-result__caption">{done ? '综合得分' : '当前预估得分'}</Text>
          <Text className={`assessment-result__score assessment-result__score--${scoreTone(overall)}`}>
            {formatScore(overall)}
          </Text>
          <View className="assessment-result__status">
            <AssessmentStatusTag status={a.status} />
          </View>
          <Text className="a-card__subtitle">{a.campaign.name}</Text>
          <Text className="a-card__subtitle">
            {a.enterprise.name}
            {a.submittedAt ? ` · 提交于 ${formatDateTime(a.submittedAt)}` : ''}
          </Text>
        </View>
        {!done ? (
          <View className="a-notice">
            <Text>尚未提交：以下为按当前答案计算的预估得分，提交后以服务器计算为准。</Text>
          </View>
        ) : null}

        <Heading text="各部分得分" extra="满分 100，不适用项不计分" />
        <View className="a-card assessment-result__bars">
          <Bars
            rows={sectionBars(a.scores.sections, (s) => ({
              percent: s.score,
              figure: sectionFigure(s),
              hint: sectionHint(s, notApplicableCount(itemsOf(a, s.section), a.answers)),
              tone: scoreTone(s.score),
            }))}
          />
        </View>

        <CellGroup
          className="assessment-result__findings"
          title={`发现问题（${findings.length} 项）`}
          description={
            findings.length
              ? done
                ? '答“否”或“部分”的项目已生成整改事项，请在期限内整改并报送。'
                : '答“否”或“部分”的项目提交后将生成整改事项。'
              : undefined
          }
        >
          {findings.length === 0 ? <Cell title="未发现问题：所有适用项均答“是”或“不适用”" /> : null}
          {findings.map(({ item, answer }) => (
            <ItemCell key={item.code} assessment={a} code={item.code} className="finding">
              <View className="finding__body">
                <View className="finding__head">
                  <Text className="finding__code">
                    {item.code} · {SECTION_LABELS[item.section]}
                  </Text>
                  <Tag className={`status-tag finding__tag finding__tag--${answer.value}`}>
                    {ANSWER_LABELS[answer.value]}
                  </Tag>
                </View>
                <Text className="finding__question">{item.question}</Text>
                {answer.note ? <Text className="finding__note">说明：{answer.note}</Text> : null}
              </View>
            </ItemCell>
          ))}
        </CellGroup>
      </View>

      <ActionBar>
        <BackToOverview enterpriseId={a.enterprise.id} assessmentId={a.id} />
        {done && findings.length > 0 ? (
          <Button
            type="primary"
            onClick={() => void Taro.navigateTo({ url: assessmentPages.rectifications(a.enterprise.id) })}
          >
            查看整改事项
          </Button>
        ) : null}
      </ActionBar>
    </View>
  )
}
