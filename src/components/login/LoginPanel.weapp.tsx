import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { platformPrivacy } from '@/services/platform/privacy'
import { goHome, loginWithWechat } from '@/services/session'
import './LoginPanel.scss'

const AGREE_BUTTON_ID = 'agree-privacy'

type Step = 'checking' | 'privacy' | 'declined' | 'login'

/**
 * Mini-program login. Step 1, the privacy guide: until the user agrees (open-type
 * agreePrivacyAuthorization) no privacy API is called. Step 2: wx.login → POST /api/v1/auth/wechat.
 */
export function LoginPanel() {
  const [step, setStep] = useState<Step>('checking')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let alive = true
    platformPrivacy
      .needsAuthorization()
      .then((needed) => alive && setStep(needed ? 'privacy' : 'login'))
      .catch(() => alive && setStep('privacy'))
    // A privacy API called later while this page is open shows the same consent step.
    const off = platformPrivacy.onRequest(() => setStep('privacy'))
    return () => {
      alive = false
      off()
    }
  }, [])

  const login = async () => {
    if (busy) return
    setBusy(true)
    try {
      await loginWithWechat()
      goHome()
    } catch (err) {
      void Taro.showToast({
        title: err instanceof Error ? err.message : '登录失败，请稍后重试',
        icon: 'none',
      })
    } finally {
      setBusy(false)
    }
  }

  if (step === 'checking') return <View className="login-panel" />

  if (step === 'privacy' || step === 'declined') {
    return (
      <View className="login-panel login-panel--card privacy">
        <Text className="privacy__title">隐私保护指引</Text>
        <Text className="privacy__text">
          为了让你以本人身份使用清廉企业建设各项功能，我们会处理以下信息：
        </Text>
        <Text className="privacy__item">· 微信登录标识：用于识别你的账号，不获取你的微信资料；</Text>
        <Text className="privacy__item">
          · 你填写的姓名、手机号：用于所在企业和监管单位核实身份，列表中手机号均做脱敏显示；
        </Text>
        <Text className="privacy__item">
          · 你提交的自查、承诺、签到等工作记录：用于清廉企业建设的工作台账。
        </Text>
        <Text className="privacy__link" onClick={() => void platformPrivacy.openContract()}>
          阅读完整的《清廉企业小程序隐私保护指引》
        </Text>
        {step === 'declined' ? (
          <Text className="privacy__declined">未同意隐私保护指引时无法登录使用。</Text>
        ) : null}
        <Button
          id={AGREE_BUTTON_ID}
          className="privacy__agree"
          type="primary"
          block
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={() => {
            platformPrivacy.agreed(AGREE_BUTTON_ID)
            setStep('login')
          }}
        >
          同意并继续
        </Button>
        <Button
          className="privacy__decline"
          fill="none"
          block
          onClick={() => {
            platformPrivacy.declined()
            setStep('declined')
          }}
        >
          暂不同意
        </Button>
      </View>
    )
  }

  return (
    <View className="login-panel login-panel--card">
      <Text className="login-panel__lead">使用微信账号登录，首次登录后请在「我的」中完善姓名和手机号。</Text>
      <Button type="primary" block loading={busy} onClick={() => void login()}>
        微信一键登录
      </Button>
    </View>
  )
}
