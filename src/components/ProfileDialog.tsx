import { useState } from 'react'
import { Text } from '@tarojs/components'
import { ZProfileUpdate, ZUser, type TProfileUpdate, type TUser } from '@/models/auth'
import { ProfileFields } from './ProfileFields'
import { queueProfileUpdate } from '@/services/api'
import { updateUser } from '@/services/session'
import { FormDialog } from './FormDialog'
import { useDialogSubmit } from '@/hooks/useDialogSubmit'
import { useOnOpen } from '@/hooks/useOnOpen'

export interface ProfileDialogProps {
  visible: boolean
  user: TUser
  onClose: () => void
  onSubmitted: () => void
}

/** 编辑资料: name and phone, sent as PATCH /api/v1/me through the outbox. */
export function ProfileDialog({ visible, user, onClose, onSubmitted }: ProfileDialogProps) {
  const [name, setName] = useState(user.name)
  const [phone, setPhone] = useState('')
  const dialog = useDialogSubmit()
  const { error, busy } = dialog

  useOnOpen(visible, () => {
    setName(user.name)
    setPhone('')
    dialog.reset()
  })

  const submit = async (): Promise<void> => {
    const update: TProfileUpdate = {}
    if (name.trim() !== user.name) update.name = name
    if (phone.trim()) update.phone = phone
    if (Object.keys(update).length === 0) return
    const checked = dialog.checked(ZProfileUpdate.safeParse(update), '请检查填写的内容')
    const outcome = await dialog.send(() => queueProfileUpdate(checked), { done: '资料已保存' })
    if (outcome.kind === 'delivered') {
      const saved = ZUser.safeParse(outcome.response?.data)
      if (saved.success) updateUser(saved.data)
    }
    onSubmitted()
  }

  return (
    <FormDialog
      visible={visible}
      title="编辑资料"
      confirmText="保存"
      busy={busy}
      onConfirm={submit}
      onClose={onClose}
    >
      <ProfileFields
        name={name}
        phone={phone}
        phoneMasked={user.phoneMasked}
        onName={dialog.edit(setName)}
        onPhone={dialog.edit(setPhone)}
      />
      {error ? <Text className="form-dialog__error">{error}</Text> : null}
    </FormDialog>
  )
}
