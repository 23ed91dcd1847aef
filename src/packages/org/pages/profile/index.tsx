import { View } from '@tarojs/components'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import { ProfileForm } from '../../components/ProfileForm'
import { useDialogPage } from '../../components/useDialogPage'

/** 编辑资料 of 我的 (name and phone). */
export default function ProfilePage() {
  const session = useRequireSession()
  const leave = useDialogPage()
  if (!session) return <View className="page" />
  return (
    <View className="page">
      <ProfileForm user={session.user} onDone={leave} />
    </View>
  )
}
