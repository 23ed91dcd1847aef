import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

/**
 * A card of the enterprise page listing one kind of record under its title; `empty`, when given, says
 * there are none (the list drawn by `children` is then empty).
 */
export function EntCard({
  title,
  empty,
  children,
}: {
  title: string
  empty: string | null
  children: ReactNode
}) {
  return (
    <View className="a-card ent-card">
      <Text className="a-card__title">{title}</Text>
      {empty !== null ? <Text className="ent-empty">{empty}</Text> : null}
      {children}
    </View>
  )
}
