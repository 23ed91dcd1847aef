import { DatePicker } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { pickerSpan } from '@/models/format'

/**
 * NutUI's date picker over a day written `YYYY-MM-DD`: it opens on `value` and hands back the day picked.
 * Without bounds it offers a deadline's days, from today (北京时间) to two years on.
 */
export function DayPicker({
  visible,
  title,
  value,
  startDate = pickerSpan(Date.now()).start,
  endDate = pickerSpan(Date.now()).end,
  onPick,
  onClose,
}: {
  visible: boolean
  title: string
  value: string | undefined
  startDate?: Date
  endDate?: Date
  onPick: (day: string) => void
  onClose: () => void
}) {
  return (
    <DatePicker
      visible={visible}
      title={title}
      type="date"
      showChinese
      startDate={startDate}
      endDate={endDate}
      value={value === undefined ? undefined : dayjs(value).toDate()}
      onConfirm={(_, values) => {
        const [y, m, d] = values.map(Number)
        onPick(dayjs(new Date(y, m - 1, d)).format('YYYY-MM-DD'))
      }}
      onClose={onClose}
    />
  )
}
