import { View } from '@tarojs/components'
import { Button, Empty, Skeleton } from '@nutui/nutui-react-taro'
import './PageState.scss'
import { EmptyImage } from './EmptyImage'

/** Placeholder rows while a page loads. */
export function LoadingState({ rows = 3 }: { rows?: number }) {
  return (
    <View className="page-state page-state--loading" aria-label="加载中">
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className="page-state__card">
          <Skeleton rows={2} animated />
        </View>
      ))}
    </View>
  )
}

/** A failed load, with the reason and a retry. */
export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className="page-state">
      <Empty status="error" image={<EmptyImage status="error" />} title="加载失败" description={message} />
      <View className="page-state__action">
        <Button type="primary" fill="outline" size="small" onClick={onRetry}>
          重新加载
        </Button>
      </View>
    </View>
  )
}
