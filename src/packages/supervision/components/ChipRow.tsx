import { Text, View } from '@tarojs/components'
import { Chips } from '@/components/Chips'

type ChipRowProps<T> = {
  /** On the left of the chips; none where the card's title says what they choose. */
  label?: string
  /** The first row under a card's title: a little more space above. */
  top?: boolean
  options: readonly T[]
  value: T | null
  name: (v: T) => string
} & ({ all?: undefined; onPick: (v: T) => void } | { all: string; onPick: (v: T | null) => void })

/** A row of the 监管 pages' filter chips (期次, 部门, 所有制 …): one value among them. */
export function ChipRow<T extends string | number>({ label, top, name, ...chips }: ChipRowProps<T>) {
  return (
    <View className={top ? 'sv-chips sv-chips--top' : 'sv-chips'}>
      {label ? <Text className="sv-chips__label">{label}</Text> : null}
      <Chips block="sv-chips__items" item="sv-chip" label={name} {...chips} />
    </View>
  )
}
