import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Empty, Skeleton } from '@nutui/nutui-react-taro'
import type { TDemoUser } from '@/models/auth'
import { fetchDemoUsers } from '@/services/api'
import { ApiError } from '@/services/request'
import { platformLogin } from '@/services/platform/login'
import { goHome, loginAsDemoUser } from '@/services/session'
import './LoginPanel.scss'
import { EmptyImage } from '@/components/EmptyImage'

type DemoState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; users: TDemoUser[] }
  /** The server has no demo login (a county's production server): as without the picker. */
  | { status: 'off' }

function LoginNotice({ title, description }: { title: string; description: string }) {
  return (
    <View className="login-panel">
      <Empty image={<EmptyImage />} title={title} description={description} />
    </View>
  )
}

/** Where this build cannot log in by itself: the way in is the mini-program. */
function InWeChatOnly() {
  return (
    <LoginNotice
      title="请在微信中使用"
      description="用微信扫描二维码，或在微信中搜索「清廉企业」小程序，即可登录使用。"
    />
  )
}

/** H5 login: the demo-user picker (demo/test servers only). The mini-program has LoginPanel.weapp.tsx. */
export function LoginPanel() {
  return platformLogin.kind === 'demo' ? <DemoUserPicker /> : <InWeChatOnly />
}

function DemoUserPicker() {
  const [state, setState] = useState<DemoState>({ status: 'loading' })
  const [signingIn, setSigningIn] = useState<string | null>(null)

  const load = useCallback(async () => {
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', users: await fetchDemoUsers() })
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return setState({ status: 'off' })
      setState({ status: 'error', message: err instanceof Error ? err.message : '加载失败，请稍后重试' })
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const pick = async (user: TDemoUser) => {
    if (signingIn) return
    setSigningIn(user.openid)
    try {
      await loginAsDemoUser(user.openid)
      goHome()
    } catch (err) {
      setSigningIn(null)
      const message = err instanceof Error ? err.message : '登录失败，请稍后重试'
      void import('./toast').then(({ showLoginFailure }) => showLoginFailure(message))
    }
  }

  if (state.status === 'loading') {
    return (
      <View className="login-panel login-panel--card">
        <Skeleton rows={4} animated />
      </View>
    )
  }
  if (state.status === 'off') return <InWeChatOnly />
  if (state.status === 'error') {
    return (
      <View className="login-panel">
        <Empty
          status="error"
          image={<EmptyImage status="error" />}
          title="演示用户加载失败"
          description={state.message}
        />
        <View className="login-panel__action">
          <Button type="primary" fill="outline" size="small" onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      </View>
    )
  }
  if (state.users.length === 0)
    return <LoginNotice title="暂无演示用户" description="服务器未开启演示模式，或尚未导入演示数据。" />
  return (
    <View className="login-panel">
      <CellGroup title="选择演示身份登录" description="演示环境：数据均为示例，可随时切换身份体验。">
        {state.users.map((u) => (
          <Cell
            key={u.openid}
            className="demo-user"
            title={<Text className="demo-user__name">{u.name}</Text>}
            description={<Text className="demo-user__desc">{u.description}</Text>}
            extra={signingIn === u.openid ? '登录中…' : '进入'}
            clickable
            onClick={() => void pick(u)}
          />
        ))}
      </CellGroup>
    </View>
  )
}
