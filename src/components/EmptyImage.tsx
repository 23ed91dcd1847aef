import { View } from '@tarojs/components'
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
