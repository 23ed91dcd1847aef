import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import {
  SPECIAL_PROGRESS_LABELS,
  type TSpecial,
  type TSpecialCounts,
  type TSpecialProgress,
} from '@/models/special'
import './specials.scss'
import { formatDate } from '@/models/format'

export function ProgressTag({ progress }: { progress: TSpecialProgress }) {
  return <Text className={`sp-tag sp-tag--${progress}`}>{SPECIAL_PROGRESS_LABELS[progress]}</Text>
}

/** A 专项整治's heading: title, who opened it, its basis (quoted), deadline and scope. */
/** One 专项整治's card; `children` (its progress in a list) sit inside it, so a list item is one card. */
export function SpecialHead({
  special,
  quote = false,
  children,
}: {
  special: TSpecial
  quote?: boolean
  children?: ReactNode
}) {
  return (
    <View className="a-card sp-card">
      <View className="sp-tags">
        <Text className={`sp-tag${special.status === 'closed' ? '' : ' sp-tag--in_progress'}`}>
          {special.status === 'closed' ? '已结束' : '进行中'}
        </Text>
        {special.overdue ? <Text className="sp-tag sp-tag--bad">已过截止日期</Text> : null}
        <Text className="sp-tag">{special.issuerName}</Text>
      </View>
      <Text className="sp-card__title">{special.title}</Text>
      <Text className="sp-card__meta">
        截止 {formatDate(special.deadline)} · {special.scopeLabel}
      </Text>
      <Text className="sp-card__meta">依据：{special.basisLabel}</Text>
      {quote ? (
        <>
          <Text className="sp-card__quote">“{special.basisQuote}”</Text>
          {/* The opener's own words, when they add to the quoted basis. */}
          {special.description && special.description.trim() !== special.basisQuote.trim() ? (
            <Text className="sp-card__quote">{special.description}</Text>
          ) : null}
        </>
      ) : null}
      {children}
    </View>
  )
}

export function CountsCard({ counts, inline = false }: { counts: TSpecialCounts; inline?: boolean }) {
  const stats: [number, string][] = [
    [counts.unreported, '未填报'],
    [counts.inProgress, '整改中'],
    [counts.done, '已完成'],
    [counts.problems, `问题（已完成${counts.problemsDone}）`],
  ]
  return (
    <View className={inline ? 'sp-counts sp-counts--inline' : 'a-card sp-counts'}>
      {stats.map(([value, label]) => (
        <View key={label} className="sp-counts__stat">
          <Text className="sp-counts__value">{value}</Text>
          <Text className="sp-counts__label">{label}</Text>
        </View>
      ))}
    </View>
  )
}
