import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

/**
 * One labelled value of a record, label at the left and value at the right: the row is `block` (the
 * package's own look, e.g. pt-line), its parts `${block}__label` and `${block}__value`. `empty` stands
 * in for a blank value; `className` adds the page's own class, `onClick` makes the row a button.
 */
export function LabelledValue({
  block,
  label,
  value,
  empty,
  className,
  onClick,
}: {
  block: string
  label: string
  value: ReactNode
  empty?: string
  className?: string
  onClick?: () => void
}) {
  return (
    <View className={className ? `${block} ${className}` : block} onClick={onClick}>
      <Text className={`${block}__label`}>{label}</Text>
      <Text className={`${block}__value`}>{value || empty}</Text>
    </View>
  )
}
