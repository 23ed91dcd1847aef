import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Chips } from '@/components/Chips'

/** A labelled field of the 三会一课 forms (`required` marks the label with the red asterisk). */
export function PartyField({
  label,
  required,
  children,
}: {
  label: string
  required?: boolean
  children: ReactNode
}) {
  return (
    <View className="pt-field">
      <Text className={`pt-field__label${required ? ' pt-field__required' : ''}`}>{label}</Text>
      {children}
    </View>
  )
}

/** One value among the 三会一课 forms' chips (meeting type, branch role …). */
export function PartyChips<T extends string | number>(props: {
  options: readonly T[]
  value: T | null
  label: (v: T) => string
  onPick: (v: T) => void
  className?: string
}) {
  return <Chips block="pt-choices" item="pt-choice" {...props} />
}

/** One of the branch's 党小组, by id. */
export function GroupChips({
  groups,
  value,
  onPick,
}: {
  groups: readonly { id: number; name: string }[]
  value: number | null
  onPick: (id: number) => void
}) {
  return (
    <PartyChips
      options={groups.map((g) => g.id)}
      label={(id) => groups.find((g) => g.id === id)?.name ?? ''}
      value={value}
      onPick={onPick}
    />
  )
}
