import { Text, View } from '@tarojs/components'
import './powers.scss'

/** One value among chips (a section, a category, a year); `null` is the 全部 chip when `all` is given. */
export function Chips<T extends string | number>(props: {
  options: readonly T[]
  value: T | null
  label: (v: T) => string
  onPick: (v: T | null) => void
  all?: string
}) {
  const chip = (key: string, active: boolean, text: string, pick: () => void) => (
    <Text key={key} className={`pw-chips__item${active ? ' pw-chips__item--active' : ''}`} onClick={pick}>
      {text}
    </Text>
  )
  return (
    <View className="pw-chips">
      {props.all ? chip('all', props.value === null, props.all, () => props.onPick(null)) : null}
      {props.options.map((o) => chip(String(o), props.value === o, props.label(o), () => props.onPick(o)))}
    </View>
  )
}
