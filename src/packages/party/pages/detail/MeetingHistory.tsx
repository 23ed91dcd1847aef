import { Text, View } from '@tarojs/components'
import type { TMeetingRevision } from '@/models/meeting'
import { formatDateTime } from '@/models/format'
import { meetingRevisionLines } from '@/models/meetingRevision'

/** 更正历史 of a submitted record: each correction's who / when / why, then what it changed, line by line. */
export function MeetingHistory({ history }: { history: TMeetingRevision[] }) {
  if (!history.length) return null
  return (
    <View className="a-card meeting-detail__history">
      <Text className="a-card__title">更正历史</Text>
      {history.map((h) => {
        const [head, ...changes] = meetingRevisionLines(h, formatDateTime, formatDateTime)
        return (
          <View key={h.revision} className="meeting-detail__revision">
            <Text className="pt-hint">{head}</Text>
            {changes.map((line, i) => (
              <Text key={i} className="pt-text meeting-detail__change">
                {line}
              </Text>
            ))}
          </View>
        )
      })}
    </View>
  )
}
