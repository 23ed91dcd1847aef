import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import './FormDialog.scss'

export interface FormDialogInputProps {
  value: string
  placeholder: string
  maxLength: number
  /** Shown under the field (and the field outlined) until the next keystroke clears it. */
  error: string | null
  className?: string
  onChange: (value: string) => void
}

/** A one-line field of a form dialog (a reason, a name) with its message under it. */
export function FormDialogInput({
  value,
  placeholder,
  maxLength,
  error,
  className,
  onChange,
}: FormDialogInputProps) {
  return (
    <>
      <View className={`form-dialog__field${error ? ' form-dialog__field--error' : ''}`}>
        <Input
          className={`form-dialog__input${className ? ` ${className}` : ''}`}
          value={value}
          placeholder={placeholder}
          maxLength={maxLength}
          onChange={onChange}
        />
      </View>
      {error ? <Text className="form-dialog__error">{error}</Text> : null}
    </>
  )
}
