import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'

dayjs.locale('zh-cn')

/**
 * The instant as a dayjs whose fields read in 北京时间, whatever the device's zone (a phone set abroad, a
 * test machine on UTC): dates people read are 北京时间 everywhere in the product.
 */
function beijing(value: string | number | Date): dayjs.Dayjs {
  const ms = dayjs(value).valueOf()
  return dayjs(ms + (8 * 60 + new Date(ms).getTimezoneOffset()) * 60_000)
}

/** 2026年11月24日 */
export function formatDate(value: string | number | Date): string {
  const d = beijing(value)
  return d.isValid() ? d.format('YYYY年M月D日') : ''
}

/** 11月24日 14:05, with the year when it is not this year. */
export function formatDateTime(value: string | number | Date): string {
  const d = beijing(value)
  if (!d.isValid()) return ''
  return d.format(d.year() === beijing(Date.now()).year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
}

/** 11月24日 星期二 */
export function formatToday(now: Date = new Date()): string {
  return beijing(now).format('M月D日 dddd')
}
