import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { ZProfileUpdate } from '@/models/auth'
import { maxLengthOf } from '@/models/textLimit'
import { TextField } from './TextField'

const NAME_LIMIT = maxLengthOf(ZProfileUpdate.shape.name)

export interface ProfileFieldsProps {
  name: string
  phone: string
  /** The phone already kept (masked), for the placeholder: left empty, it stays. */
  phoneMasked: string | null
  onName: (value: string) => void
  onPhone: (value: string) => void
  /** Why the phone is asked when none is kept yet. */
  phoneHint?: string
}

/** 姓名 and 手机号 as PATCH /api/v1/me takes them: 编辑资料 and the join step's name. */
export function ProfileFields(props: ProfileFieldsProps) {
  const { phoneMasked, phoneHint = '11 位手机号（选填）' } = props
  return (
    <>
      <Text className="form-dialog__label">姓名</Text>
      <View className="form-dialog__field">
        <TextField
          className="form-dialog__input"
          value={props.name}
          placeholder="请输入真实姓名"
          limit={NAME_LIMIT}
          onChange={props.onName}
        />
      </View>
      <Text className="form-dialog__label">手机号</Text>
      <View className="form-dialog__field">
        <Input
          className="form-dialog__input"
          type="number"
          value={props.phone}
          placeholder={phoneMasked ? `当前 ${phoneMasked}，不改请留空` : phoneHint}
          maxLength={11}
          clearable
          onChange={props.onPhone}
        />
      </View>
    </>
  )
}
