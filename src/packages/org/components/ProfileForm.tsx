import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { ZProfileUpdate, ZUser, type TProfileUpdate, type TUser } from '@/models/auth'
import { maxLengthOf } from '@/models/textLimit'
import { TextField } from '@/components/TextField'
import { FormPage } from '@/components/FormPage'
import { queueProfileUpdate } from '@/services/api'
import { updateUser } from '@/services/session'
import { useDialogSubmit } from '@/hooks/useDialogSubmit'

const NAME_LIMIT = maxLengthOf(ZProfileUpdate.shape.name)

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
      <Text className="form-dialog__label">姓名</Text>
      <View className="form-dialog__field">
        <TextField
          className="form-dialog__input"
          value={name}
          placeholder="请输入真实姓名"
          limit={NAME_LIMIT}
          onChange={form.edit(setName)}
        />
      </View>
      <Text className="form-dialog__label">手机号</Text>
      <View className="form-dialog__field">
        <Input
          className="form-dialog__input"
          type="number"
          value={phone}
          placeholder={user.phoneMasked ? `当前 ${user.phoneMasked}，不改请留空` : '11 位手机号（选填）'}
          maxLength={11}
          clearable
          onChange={form.edit(setPhone)}
        />
      </View>
      {error ? <Text className="form-dialog__error">{error}</Text> : null}
    </FormPage>
  )
}
