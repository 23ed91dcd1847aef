import { useState } from 'react'
import { Text } from '@tarojs/components'
import { ZProfileUpdate, ZUser, type TProfileUpdate, type TUser } from '@/models/auth'
import { ProfileFields } from '@/components/ProfileFields'
import { FormPage } from '@/components/FormPage'
import { queueProfileUpdate } from '@/services/api'
import { updateUser } from '@/services/session'
import { useDialogSubmit } from '@/hooks/useDialogSubmit'

export interface ProfileFormProps {
  user: TUser
  /** 取消, or saved (delivered or queued). */
  onDone: () => void
}

/** 编辑资料: name and phone, sent as PATCH /api/v1/me through the outbox. */
export function ProfileForm({ user, onDone }: ProfileFormProps) {
  const [name, setName] = useState(user.name)
  const [phone, setPhone] = useState('')
  const form = useDialogSubmit()
  const { error, busy } = form

  const submit = async (): Promise<void> => {
    const update: TProfileUpdate = {}
    if (name.trim() !== user.name) update.name = name
    if (phone.trim()) update.phone = phone
    if (Object.keys(update).length === 0) return
    const checked = form.checked(ZProfileUpdate.safeParse(update), '请检查填写的内容')
    const outcome = await form.send(() => queueProfileUpdate(checked), { done: '资料已保存' })
    if (outcome.kind === 'delivered') {
      const saved = ZUser.safeParse(outcome.response?.data)
      if (saved.success) updateUser(saved.data)
    }
  }

  return (
    <FormPage confirmText="保存" busy={busy} onConfirm={submit} onClose={onDone}>
      <ProfileFields
        name={name}
        phone={phone}
        phoneMasked={user.phoneMasked}
        onName={form.edit(setName)}
        onPhone={form.edit(setPhone)}
      />
      {error ? <Text className="form-dialog__error">{error}</Text> : null}
    </FormPage>
  )
}
