import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { LoginPanel } from '@/components/login/LoginPanel'
import { getSession, goHome } from '@/services/session'
import './index.scss'

/**
 * Element Timing (https://wicg.github.io/element-timing/): the browser reports when this text is painted,
 * as `bench/h5` reads it. An attribute only; nothing changes for the visitor.
 */
const FIRST_TEXT_TIMING = { elementtiming: 'login-first-text' }

export default function LoginPage() {
  useEffect(() => {
    // Already signed in (e.g. opened the login page from history): go straight in.
    if (getSession()) goHome()
  }, [])

  return (
    <View className="page login">
      <View className="login__hero">
        <Text className="login__title">清廉企业</Text>
        <Text className="login__subtitle" {...FIRST_TEXT_TIMING}>
          清廉企业建设 · 规定动作线上办理
        </Text>
      </View>
      <LoginPanel />
      <Text className="login__footer">县清廉企业建设工作领导小组办公室</Text>
    </View>
  )
}
