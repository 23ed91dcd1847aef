import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

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
