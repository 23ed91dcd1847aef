import { Text, View } from '@tarojs/components'

/**
 * A refusal or failure shown in a page's flow (red notice), with an optional title above the message;
 * nothing when there is no message.
 */
export function ErrorNotice({ message, title }: { message: string | null | undefined; title?: string }) {
  if (!message) return null
  return (
    <View className="a-notice a-notice--error">
      {title ? <Text className="a-notice__title">{title}</Text> : null}
      <Text>{message}</Text>
    </View>
  )
}
