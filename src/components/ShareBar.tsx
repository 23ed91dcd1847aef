import { View } from '@tarojs/components'

/**
 * A bar filled to the share `done / total` (empty while total is 0): how far a count has got. The page's
 * classes draw the `track` and the `fill`.
 */
export function ShareBar({
  done,
  total,
  track,
  fill,
}: {
  done: number
  total: number
  track: string
  fill: string
}) {
  return (
    <View className={track}>
      <View className={fill} style={{ width: `${total ? Math.round((done / total) * 100) : 0}%` }} />
    </View>
  )
}
