import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import { ADMIN_CODE, CodeForm, INVITE_CODE } from '../../components/CodeForm'
import { useDialogPage } from '../../components/useDialogPage'
import { NameStep, needsNameStep } from '../../components/NameStep'

/** 加入企业 (`kind=invite`, an 8-character invite code) or 管理员码 (`kind=admin`), typed in. */
export default function CodePage() {
  const session = useRequireSession()
  const admin = Taro.getCurrentInstance().router?.params.kind === 'admin'
  const leave = useDialogPage()
  const [named, setNamed] = useState(false)
  useEffect(() => {
    if (admin) void Taro.setNavigationBarTitle({ title: '管理员码' })
  }, [admin])
  if (!session) return <View className="page" />
  // The approver must see who asks: a name first while the profile has WeChat's default one.
  if (!named && needsNameStep(session.user))
    return (
      <NameStep
        user={session.user}
        purpose={admin ? '成为管理员' : '申请加入'}
        onSaved={() => setNamed(true)}
      />
    )
  return (
    <View className="page">
      <CodeForm kind={admin ? ADMIN_CODE : INVITE_CODE} onDone={leave} />
    </View>
  )
}
