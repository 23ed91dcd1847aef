import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Empty } from '@nutui/nutui-react-taro'
import { formatToday } from '../../components/format'
import { JoinEnterpriseDialog } from '../../components/JoinEnterpriseDialog'
import { MembershipList } from '../../components/MembershipList'
import { OutboxNotice } from '../../components/OutboxNotice'
import { ErrorState, LoadingState } from '../../components/PageState'
import { useMe } from '../../components/useMe'
import { useRequireSession } from '../../components/useSession'
import './index.scss'
import { EmptyImage } from '../../components/EmptyImage'

export default function HomePage() {
  const session = useRequireSession()
  const { state, reload } = useMe(session?.user.id ?? null)
  const [joining, setJoining] = useState(false)

  usePullDownRefresh(() => {
    reload()
      .catch((err: unknown) => {
        void Taro.showToast({ title: err instanceof Error ? err.message : '刷新失败', icon: 'none' })
      })
      .finally(() => Taro.stopPullDownRefresh())
  })

  if (!session) return <View className="page" />
  const name = state.status === 'ready' ? state.me.user.name : session.user.name

  return (
    <View className="page home">
      <View className="home__hero">
        <Text className="home__greeting">你好，{name}</Text>
        <Text className="home__date">{formatToday()}</Text>
      </View>
      <View className="page__body">
        <OutboxNotice />
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? (
          <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
        ) : null}
        {state.status === 'ready' && state.me.memberships.length > 0 ? (
          <MembershipList memberships={state.me.memberships} />
        ) : null}
        {state.status === 'ready' && state.me.memberships.length === 0 ? (
          <View className="home__empty">
            <Empty
              image={<EmptyImage />}
              title="还没有加入任何企业"
              description="向本企业的联络员索取 8 位邀请码，申请加入后由联络员审核。"
            />
            <Button type="primary" className="home__join" onClick={() => setJoining(true)}>
              加入企业
            </Button>
          </View>
        ) : null}
      </View>
      <JoinEnterpriseDialog
        visible={joining}
        onClose={() => setJoining(false)}
        onSubmitted={() => void reload().catch(() => undefined)}
      />
    </View>
  )
}
