import { Text, View } from '@tarojs/components'
import type { z } from 'zod'
import { SECTION_LABELS } from '@/models/checklist'
import type { ZSectionScore } from '@/models/assessment'
import { formatScore } from '@/services/assessmentView'
import './Bars.scss'

type TSectionScore = z.infer<typeof ZSectionScore>

export interface BarRow {
  key: string
  label: string
  /** 0-100; null draws an empty track (nothing to count). */
  percent: number | null
  /** Right-hand figure, e.g. '12/20' or '85.5'. */
  figure: string
  /** Under the label, e.g. '全部不适用'. */
  hint?: string
  tone?: 'progress' | 'done' | 'score-high' | 'score-mid' | 'score-low'
  onClick?: () => void
}

/** Horizontal bars, one per row: progress per section, or the score of each dimension. */
export function Bars({ rows }: { rows: BarRow[] }) {
  return (
    <View className="bars">
      {rows.map((row) => (
        <View
          key={row.key}
          className={`bars__row${row.onClick ? ' bars__row--link' : ''}`}
          onClick={row.onClick}
        >
          <View className="bars__head">
            <Text className="bars__label">{row.label}</Text>
            <Text className="bars__figure">{row.figure}</Text>
          </View>
          <View className="bars__track">
            <View
              className={`bars__fill bars__fill--${row.tone ?? 'progress'}`}
              style={{ width: `${Math.max(0, Math.min(100, row.percent ?? 0))}%` }}
            />
          </View>
          {row.hint ? <Text className="bars__hint">{row.hint}</Text> : null}
        </View>
      ))}
    </View>
  )
}

/** The colour of a score: 90+ good, 60+ fair, below 60 poor. */
export function scoreTone(score: number | null): BarRow['tone'] {
  if (score === null) return 'progress'
  if (score >= 90) return 'score-high'
  if (score >= 60) return 'score-mid'
  return 'score-low'
}

/**
 * A dimension's figure beside its bar: its score; 暂无得分 while none of its items is answered yet; 不单独计分
 * when answered but on too few scored items for a score of its own (computeScores).
 */
export function sectionFigure(s: Pick<TSectionScore, 'score' | 'answered'>): string {
  if (s.score !== null) return `${formatScore(s.score)} 分`
  return s.answered === 0 ? '暂无得分' : '不单独计分'
}

/** One bar per section with applicable items, labelled with the section's name; `row` draws the rest. */
export function sectionBars(
  sections: readonly TSectionScore[],
  row: (s: TSectionScore) => Omit<BarRow, 'key' | 'label'>,
): BarRow[] {
  return sections
    .filter((s) => s.applicable > 0)
    .map((s) => ({ key: s.section, label: SECTION_LABELS[s.section], ...row(s) }))
}
