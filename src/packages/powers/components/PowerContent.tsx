import { Text, View } from '@tarojs/components'
import {
  NEGATIVE_LIST_LABEL,
  POWER_SECTION_LABELS,
  POWER_SECTIONS,
  type TPowerListContent,
  type TPowerVersion,
} from '@/models/powers'
import { formatDateTime } from '@/models/format'
import './powers.scss'

/** A 权力清单's rows: 决策权 / 执行权 / 监督权 (职权, 依据, 程序), then the 负面清单. */
export function PowerContent({ content }: { content: TPowerListContent }) {
  return (
    <>
      {POWER_SECTIONS.map((section) => {
        const items = content.items.filter((i) => i.section === section)
        return (
          <View key={section} className="pw-section">
            <Text className="pw-section__title">{POWER_SECTION_LABELS[section]}</Text>
            {items.length === 0 ? <Text className="pw-none">未列明</Text> : null}
            {items.map((i, n) => (
              <View key={n} className="pw-item">
                <Text className="pw-item__power">{`${n + 1}. ${i.power}`}</Text>
                <Text className="pw-item__meta">{`依据：${i.basis}`}</Text>
                <Text className="pw-item__meta">{`程序：${i.procedure}`}</Text>
              </View>
            ))}
          </View>
        )
      })}
      <View className="pw-section">
        <Text className="pw-section__title">{NEGATIVE_LIST_LABEL}</Text>
        {content.negatives.length === 0 ? <Text className="pw-none">未列明</Text> : null}
        {content.negatives.map((i, n) => (
          <View key={n} className="pw-item">
            <Text className="pw-item__power">{`${n + 1}. ${i.item}`}</Text>
            <Text className="pw-item__meta">{`依据：${i.basis}`}</Text>
          </View>
        ))}
      </View>
    </>
  )
}

/** Who has read (已阅) a published version: each supervising department, by whom and when. */
export function AckList({ version }: { version: Pick<TPowerVersion, 'acks'> }) {
  return (
    <View className="pw-acks">
      {version.acks.length === 0 ? <Text>监管部门尚未阅看</Text> : null}
      {version.acks.map((a) => (
        <Text key={`${a.departmentName}${a.acknowledgedAt}`}>
          {`已阅 · ${a.departmentName}${a.userName ? ` ${a.userName}` : ''} · ${formatDateTime(a.acknowledgedAt)}`}
        </Text>
      ))}
    </View>
  )
}
