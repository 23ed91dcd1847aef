import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ZProfileUpdate, ZUser, type TUser } from '@/models/auth'
import { hasRealName } from '@/models/userName'
import { ProfileFields } from '@/components/ProfileFields'
import { firstProblem } from '@/hooks/useFormSend'
import { useWrite } from '@/hooks/useWrite'
import { queueProfileUpdate } from '@/services/api'
import { updateUser } from '@/services/session'
import '@/components/FormDialog.scss'
import { useBusy } from '@/hooks/useBusy'

export interface NameStepProps {
  user: TUser
  /** What the request is for, in the hint: 申请加入 or 成为管理员. */
  purpose: string
  /** The profile is saved (or queued in the outbox ahead of the request, which it then precedes). */
  onSaved: () => void
}

/** Whether the join step must ask for a name first: the profile still has WeChat's default one. */
export const needsNameStep = (user: TUser) => !hasRealName(user.name)

/**
 * 填写姓名 (a page of its own) before a join request or the 管理员码 while the profile still has WeChat's default name: the
 * approver must see who asks. Saved with 编辑资料's own write (PATCH /api/v1/me, through the outbox: FIFO,
 * so offline it still reaches the server before the request queued after it). The phone is optional as
 * in 编辑资料; the approver sees it masked, and a liaison's against the office's registration.
 */
export function NameStep({ user, purpose, onSaved }: NameStepProps) {
  const write = useWrite()
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, whileBusy] = useBusy()
  const edit = (set: (v: string) => void) => (v: string) => {
    set(v)
    setError(null)
  }

  async function next() {
    if (busy) return
    if (!hasRealName(name)) {
      setError('请填写真实姓名')
      return
    }
    const checked = ZProfileUpdate.safeParse({ name, ...(phone.trim() ? { phone } : {}) })
    if (!checked.success) {
      setError(firstProblem(checked))
      return
    }
    await whileBusy(async () => {
      const outcome = await write(queueProfileUpdate(checked.data), { done: null, onRefused: setError })
      if (outcome.kind === 'refused') return
      if (outcome.kind === 'delivered') {
        const saved = ZUser.safeParse(outcome.response?.data)
        if (saved.success) updateUser(saved.data)
      }
      onSaved()
    })
  }

  return (
    <View className="page">
      <View className="page__body">
        <View className="a-card form-dialog">
          <Text className="a-card__title">先填写你的姓名</Text>
          <Text className="form-dialog__hint">
            {purpose}前请填写真实姓名，审核人据此确认是你本人；之后可在「我的 → 编辑资料」修改。
          </Text>
          <ProfileFields
            name={name}
            phone={phone}
            phoneMasked={user.phoneMasked}
            phoneHint="11 位手机号（选填），便于审核人核对"
            onName={edit(setName)}
            onPhone={edit(setPhone)}
          />
          {error ? <Text className="form-dialog__error">{error}</Text> : null}
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => void next()}>
            下一步
          </Button>
        </View>
      </View>
    </View>
  )
}
