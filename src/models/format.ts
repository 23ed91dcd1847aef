import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'

dayjs.locale('zh-cn')

/** 2026年11月24日 */
export function formatDate(value: string | number | Date): string {
  const d = dayjs(value)
  return d.isValid() ? d.format('YYYY年M月D日') : ''
}

/** 11月24日 14:05, with the year when it is not this year. */
export function formatDateTime(value: string | number | Date): string {
  const d = dayjs(value)
  if (!d.isValid()) return ''
  return d.format(d.year() === dayjs().year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
}

/** 11月24日 星期二 */
export function formatToday(now: Date = new Date()): string {
  return dayjs(now).format('M月D日 dddd')
}
