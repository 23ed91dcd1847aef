import { Text, View } from '@tarojs/components'

type ChipsProps<T> = {
  /** The row's class; its chips are `${block}__item` (or `item`), the chosen one `…--active`. */
  block: string
  item?: string
  /** More classes on the row (a page's own hook for tests and layout). */
  className?: string
  options: readonly T[]
  value: T | null
  label: (v: T) => string
} & (
  | { all?: undefined; onPick: (v: T) => void }
  /** A first chip `all` that stands for no choice: it picks null. */
  | { all: string; onPick: (v: T | null) => void }
)

/** One value among chips: the packages' choosers (area, status, category, meeting type …). */
export function Chips<T extends string | number>(props: ChipsProps<T>) {
  const item = props.item ?? `${props.block}__item`
  const pick = props.onPick as (v: T | null) => void
  const chip = (key: string, active: boolean, text: string, v: T | null) => (
    <Text key={key} className={active ? `${item} ${item}--active` : item} onClick={() => pick(v)}>
      {text}
    </Text>
  )
  return (
    <View className={props.className ? `${props.block} ${props.className}` : props.block}>
      {props.all ? chip('all', props.value === null, props.all, null) : null}
      {props.options.map((o) => chip(String(o), props.value === o, props.label(o), o))}
    </View>
  )
}
