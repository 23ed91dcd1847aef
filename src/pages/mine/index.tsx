import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { showModal } from '@/services/platform/modal'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import { formatDate } from '@/models/format'
import { MembershipList } from '@/components/MembershipList'
import { TASKS_PAGE } from '@/components/OutboxNotice'
import { ErrorState, LoadingState } from '@/components/PageState'
import { useMe } from '@/hooks/useMe'
import { useOutbox } from '@/hooks/useOutbox'
import { useRequireSession } from '@/hooks/useSession'
import { goToLogin, logout } from '@/services/session'
import { platformScan } from '@/services/platform/scan'
import { orgPages } from '@/services/routes'
import { parseJoinLink } from '@/models/joinLink'
import './index.scss'

const go = (url: string) => void Taro.navigateTo({ url })

export default function MinePage() {
  const session = useRequireSession()
  const { state, reload } = useMe(session?.user.id ?? null)
  const { pending, refused } = useOutbox()

  usePullDownRefresh(() => {
    reload()
      .catch((err: unknown) => {
        void Taro.showToast({ title: err instanceof Error ? err.message : '刷新失败', icon: 'none' })
      })
      .finally(() => Taro.stopPullDownRefresh())
  })

  if (!session) return <View className="page" />
  // The session's copy of the user is kept in step with GET /me and PATCH /me.
  const user = session.user
  const refreshAfterWrite = () => void reload().catch(() => undefined)

  /** 扫一扫 for an invite or 管理员码 QR: opens its join page with the code filled in. */
  const scanJoinCode = async () => {
    try {
      const text = await platformScan.scan()
      if (text === null) return
      const link = parseJoinLink(text)
      if (link) void Taro.navigateTo({ url: orgPages.join(link) })
      else
        void Taro.showToast({ title: '不是邀请码或管理员码的二维码；活动签到请用「扫码签到」', icon: 'none' })
    } catch (err) {
      void Taro.showToast({ title: err instanceof Error ? err.message : '扫码失败', icon: 'none' })
    }
  }

  const confirmLogout = async () => {
    const waiting = pending.length
    const res = await showModal({
      title: '退出登录',
      content: waiting
        ? `还有 ${waiting} 条记录未同步，会保留在本机，你下次登录后继续同步。确定退出吗？`
        : '确定退出当前账号吗？',
      confirmText: '退出',
    })
    if (!res.confirm) return
    logout()
    goToLogin()
  }

  return (
    <View className="page mine">
      <View className="mine__profile">
        <View className="mine__avatar">
          <Text>{user.name.slice(0, 1) || '我'}</Text>
        </View>
        <View className="mine__who">
          <Text className="mine__name">{user.name}</Text>
          <Text className="mine__phone">{user.phoneMasked ?? '未填写手机号'}</Text>
        </View>
        <Button size="small" fill="outline" type="primary" onClick={() => go(orgPages.profile())}>
          编辑资料
        </Button>
      </View>

      <View className="page__body">
        <CellGroup title="个人信息">
          <Cell title="姓名" extra={user.name} />
          <Cell title="手机号" extra={user.phoneMasked ?? '未填写'} />
          <Cell title="注册时间" extra={formatDate(user.createdAt)} />
        </CellGroup>

        {state.status === 'loading' ? <LoadingState rows={1} /> : null}
        {state.status === 'error' ? <ErrorState message={state.message} onRetry={refreshAfterWrite} /> : null}
        {state.status === 'ready' && state.me.memberships.length > 0 ? (
          <MembershipList memberships={state.me.memberships} />
        ) : null}

        <CellGroup
          title={state.status === 'ready' && state.me.memberships.length === 0 ? '我的组织' : undefined}
        >
          {state.status === 'ready' && state.me.memberships.length === 0 ? (
            <Cell title="尚未加入任何单位" description="凭联络员或领导小组办公室提供的邀请码申请加入" />
          ) : null}
          <Cell
            title="加入企业"
            description="输入 8 位邀请码（企业或监管部门）"
            extra="去加入"
            clickable
            onClick={() => go(orgPages.code('invite'))}
          />
          {state.status === 'ready' && state.me.memberships.length === 0 ? (
            // The county's first administrator: a new user with the code `npm run setup` printed.
            <Cell
              title="管理员码"
              description="县里开通系统时给出的一次性管理员码"
              extra="去开通"
              clickable
              onClick={() => go(orgPages.code('admin'))}
            />
          ) : null}
          {platformScan.canScan ? (
            <Cell
              title="扫一扫"
              description="扫描邀请码或管理员码的二维码"
              extra="扫码"
              clickable
              onClick={() => void scanJoinCode()}
            />
          ) : null}
          <Cell
            title="待同步记录"
            extra={
              pending.length + refused.length > 0
                ? `${pending.length} 条待同步${refused.length ? `，${refused.length} 条未被接受` : ''}`
                : '全部已同步'
            }
            clickable
            onClick={() => void Taro.switchTab({ url: TASKS_PAGE })}
          />
        </CellGroup>

        <View className="mine__logout">
          <Button block fill="outline" onClick={() => void confirmLogout()}>
            退出登录
          </Button>
        </View>
        <Text className="mine__version">清廉企业 v0.1.0</Text>
      </View>
    </View>
  )
}
