import { Text, View } from '@tarojs/components'
import {
  GRADE_LABELS,
  RISK_GRADES,
  RISK_LEVEL_LABELS,
  RISK_STATUS_LABELS,
  riskLevel,
  type TRisk,
  type TRiskLevel,
} from '@/models/risk'
import { Chips } from '@/components/Chips'
import './risks.scss'
import { formatDate } from '@/models/format'

export function LevelTag({ level }: { level: TRiskLevel }) {
  return <Text className={`risk-level risk-level--${level}`}>{RISK_LEVEL_LABELS[level]}风险</Text>
}

/** A risk in a list: level, status, area · post, owner and the next review (red when past). */
export function RiskCard({ risk, onClick }: { risk: TRisk; onClick: () => void }) {
  return (
    <View className="a-card risk-card" onClick={onClick}>
      <View className="risk-card__tags">
        <LevelTag level={risk.level} />
        <Text className="risk-status">{RISK_STATUS_LABELS[risk.status]}</Text>
        <Text className="risk-status">{risk.areaName}</Text>
      </View>
      <Text className="risk-card__title">{risk.post}</Text>
      <Text className="risk-card__meta">责任人 {risk.owner}</Text>
      {risk.status === 'active' ? (
        <Text className={`risk-card__meta${risk.reviewOverdue ? ' risk-card__meta--bad' : ''}`}>
          {risk.reviewOverdue ? '逾期未复核 · 应于 ' : '下次复核 '}
          {formatDate(risk.nextReviewDate)}
        </Text>
      ) : null}
    </View>
  )
}

export const gradeLabel = (g: number) => GRADE_LABELS[g] ?? String(g)

/** Likelihood and impact (低 / 中 / 高 each), and the level the matrix gives them once both are chosen. */
export function GradeChoice(props: {
  likelihood: number | null
  impact: number | null
  onLikelihood: (g: number) => void
  onImpact: (g: number) => void
  was?: TRiskLevel
}) {
  const { likelihood, impact } = props
  const grades = (value: number | null, onPick: (g: number) => void) => (
    <Chips block="risk-chips" options={RISK_GRADES} value={value} label={gradeLabel} onPick={onPick} />
  )
  return (
    <>
      <Text className="risk-form__label">发生可能性</Text>
      {grades(likelihood, props.onLikelihood)}
      <Text className="risk-form__label">影响程度</Text>
      {grades(impact, props.onImpact)}
      {likelihood && impact ? (
        <View className="risk-form__row">
          <Text className="risk-form__label">
            {props.was ? `风险等级（原${RISK_LEVEL_LABELS[props.was]}）` : '风险等级'}
          </Text>
          <LevelTag level={riskLevel(likelihood, impact)} />
        </View>
      ) : null}
    </>
  )
}
