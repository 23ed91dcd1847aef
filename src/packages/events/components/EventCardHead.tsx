import { Text, View } from '@tarojs/components'
import { SIGN_IN_PHASE_LABELS, type TEvent } from '@/models/event'

/**
 * An event card's head: its title and a tag, 已取消 once the event is cancelled, otherwise its sign-in
 * phase (where one is given).
 */
export function EventCardHead({
  title,
  phase,
  cancelled,
}: {
  title: string
  phase?: TEvent['phase']
  cancelled: boolean
}) {
  return (
    <View className="ev-card__head">
      <Text className="a-card__title ev-card__title">{title}</Text>
      {cancelled ? (
        <Text className="ev-phase ev-phase--cancelled">已取消</Text>
      ) : phase ? (
        <Text className={`ev-phase ev-phase--${phase}`}>{SIGN_IN_PHASE_LABELS[phase]}</Text>
      ) : null}
    </View>
  )
}
