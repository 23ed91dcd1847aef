import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

/** 上一页 · 第 x / y 页 · 下一页 under a paged list; nothing when it fits on one page. */
export function Pager(props: { page: number; pages: number; setPage: (page: number) => void }) {
  const { page, pages, setPage } = props
  if (pages <= 1) return null
  return (
    <View className="org-pager">
      <Button size="small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
        上一页
      </Button>
      <Text className="org-member__meta">{`第 ${page} / ${pages} 页`}</Text>
      <Button size="small" disabled={page >= pages} onClick={() => setPage(page + 1)}>
        下一页
      </Button>
    </View>
  )
}
