import { Text, View } from '@tarojs/components'

/** A section's heading between cards: its title and, on the right, a short note (order, count …). */
export function Heading({ text, extra }: { text: string; extra?: string }) {
  return (
    <View className="a-heading">
      <Text className="a-heading__text">{text}</Text>
      {extra ? <Text className="a-heading__extra">{extra}</Text> : null}
    </View>
  )
}
