import { Text, View } from '@tarojs/components'
import {
  DEALING_LIST_LABELS,
  DEALING_LIST_REST_NOTE,
  DEALING_LIST_STARTER,
  type TDealingVersion,
} from '@/models/dealings'
import { formatDate } from '@/models/format'

const STATUS = { draft: '草稿', in_force: '现行', superseded: '已被新版本替代' } as const

/** Whether a version holds only the programme's own words (the page then says the rest is to come). */
function onlyStarter(v: TDealingVersion): boolean {
  const starter = new Set(DEALING_LIST_STARTER[v.kind].map((i) => i.text))
  return v.items.every((i) => starter.has(i.text))
}

/** One version of a list: its number and state, its numbered items with their basis. */
export function VersionCard({
  version: v,
  children,
}: {
  version: TDealingVersion
  children?: React.ReactNode
}) {
  return (
    <View className="a-card dealings-version">
      <Text className="dealings__title">{DEALING_LIST_LABELS[v.kind]}</Text>
      <Text className="dealings__meta">
        {v.version ? `第${v.version}版 · ` : ''}
        {STATUS[v.status]}
        {v.publishedAt ? ` · ${formatDate(v.publishedAt)}发布` : ''}
      </Text>
      {v.items.map((item, i) => (
        <View key={i} className="dealings__item">
          <Text className="dealings__text">
            {i + 1}. {item.text}
          </Text>
          {item.basis ? <Text className="dealings__item-basis">依据：{item.basis}</Text> : null}
        </View>
      ))}
      {onlyStarter(v) ? <Text className="dealings__note">{DEALING_LIST_REST_NOTE}</Text> : null}
      {children}
    </View>
  )
}
