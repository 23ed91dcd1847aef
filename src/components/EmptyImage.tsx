import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './EmptyImage.scss'

/**
 * The picture of an empty or failed state, drawn with CSS: NutUI's default pictures are loaded from a
 * remote CDN, which the mini-program would have to whitelist and which fails offline.
 */
export function EmptyImage({ status = 'empty' }: { status?: 'empty' | 'error' }) {
  return (
    <View className={`empty-image empty-image--${status}`}>
      <View className="empty-image__sheet">
        <View className="empty-image__line empty-image__line--short" />
        <View className="empty-image__line" />
        <View className="empty-image__line" />
      </View>
      <View className="empty-image__badge">{status === 'error' ? '!' : ''}</View>
    </View>
  )
}

/** An empty state in a box of the page's class (default `a-empty`): the picture, a title and a line of help. */
export function EmptyBox({
  title,
  description,
  className = 'a-empty',
}: {
  title: string
  description?: string
  className?: string
}) {
  return (
    <View className={className}>
      <Empty image={<EmptyImage />} title={title} description={description} />
    </View>
  )
}
