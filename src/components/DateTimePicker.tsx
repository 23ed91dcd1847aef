import { DatePicker } from '@nutui/nutui-react-taro'
import { fromPicker, pickerValue } from '@/models/format'

/**
 * NutUI's date-and-time picker in 北京时间 on any device (pickerValue / fromPicker), by 5 minutes: it
 * opens on `value` and hands back the instant picked. It offers the years from `yearsBack` before this
 * one to `yearsAhead` after it.
 */
export function DateTimePicker({
  visible,
  title,
  value,
  yearsBack,
  yearsAhead,
  onPick,
  onClose,
}: {
  visible: boolean
  title: string
  value: Date | undefined
  yearsBack: number
  yearsAhead: number
  onPick: (instant: Date) => void
  onClose: () => void
}) {
  const year = new Date().getFullYear()
  return (
    <DatePicker
      visible={visible}
      title={title}
      type="datetime"
      showChinese
      minuteStep={5}
      startDate={new Date(year - yearsBack, 0, 1)}
      endDate={new Date(year + yearsAhead, 11, 31)}
      value={value ? pickerValue(value) : undefined}
      onConfirm={(_, values) => onPick(fromPicker(values))}
      onClose={onClose}
    />
  )
}
