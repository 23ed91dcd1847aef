import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@/models/format'
import { Heading } from '../Heading'
import './Timeline.scss'

export interface TimelineEvent {
  key: string
  title: string
  actorName: string | null
  comment: string | null
  createdAt: string
  tone?: 'default' | 'warn' | 'good'
}

/** A history, newest first: what happened, who did it, when, and their comment. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  const newestFirst = [...events].reverse()
  return (
    <View className="timeline">
      {newestFirst.map((e, i) => (
        <View key={e.key} className={`timeline__event timeline__event--${e.tone ?? 'default'}`}>
          <View className="timeline__rail">
            <View className={`timeline__dot${i === 0 ? ' timeline__dot--latest' : ''}`} />
            {i < newestFirst.length - 1 ? <View className="timeline__line" /> : null}
          </View>
          <View className="timeline__body">
            <View className="timeline__head">
              <Text className="timeline__title">{e.title}</Text>
              <Text className="timeline__time">{formatDateTime(e.createdAt)}</Text>
            </View>
            {e.actorName ? <Text className="timeline__actor">{e.actorName}</Text> : null}
            {e.comment && e.comment !== e.title ? (
              <Text className="timeline__comment">{e.comment}</Text>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}

/** 办理记录: the history of an assessment or a rectification, under its heading. */
export function HandlingRecord({ events }: { events: TimelineEvent[] }) {
  return (
    <>
      <Heading text="办理记录" />
      <View className="handling-record">
        <Timeline events={events} />
      </View>
    </>
  )
}
