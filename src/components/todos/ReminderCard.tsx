import { Text, View } from '@tarojs/components'
import type { TReminderOffer } from '@/models/reminder'
import { chooseTemplates, kindsByUrgency } from '@/models/reminderChoice'
import type { TTodoList } from '@/models/todo'
import { ReminderButton } from './ReminderButton'
import '@/styles/page.scss'
import './todos.scss'

/** 微信提醒 (mini-program): for the kinds the user has that the server has a template for. */
export function ReminderCard({
  list,
  offer,
  onRecorded,
}: {
  list: TTodoList
  offer: TReminderOffer
  onRecorded: (offer: TReminderOffer) => void
}) {
  const kinds = kindsByUrgency(list.items, list.counts)
  const templateIds = chooseTemplates(offer, kinds)
  if (templateIds.length === 0) return null
  const mine = new Set(kinds.map((k) => offer.templates[k]).filter(Boolean))
  const left = Object.entries(offer.pending).reduce((n, [id, count]) => n + (mine.has(id) ? count : 0), 0)
  return (
    <View className="a-card todo-remind">
      <Text className="a-card__title">微信提醒</Text>
      <Text className="a-card__subtitle">
        有新任务或任务逾期时，通过微信通知您。微信规定每次同意只能发送一条，可随时再次开启。
      </Text>
      <View className="todo-remind__row">
        <Text className="todo-remind__left">{left > 0 ? `还可提醒 ${left} 次` : '尚未开启'}</Text>
        <ReminderButton
          compact
          templateIds={templateIds}
          label="开启微信提醒"
          text="开启微信提醒"
          onRecorded={onRecorded}
        />
      </View>
    </View>
  )
}
