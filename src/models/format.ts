import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'

dayjs.locale('zh-cn')

/**
 * The instant as a dayjs whose fields read in 北京时间, whatever the device's zone (a phone set abroad, a
 * test machine on UTC): dates people read are 北京时间 everywhere in the product.
 */
function beijing(value: string | number | Date): dayjs.Dayjs {
  // A calendar day (a deadline, 2026-11-24) is no instant: it reads as written in every zone.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dayjs(value)
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

/**
 * A picker (NutUI DatePicker) reads and gives the device's local fields. These two make it show and take
 * 北京时间 on any device: the value it opens on, and the instant of the [年, 月, 日, 时, 分] it gives.
 */
export function pickerValue(instant: Date): Date {
  return beijing(instant).toDate()
}

export function fromPicker(values: (string | number | null)[]): Date {
  const [y, m, d, h = 0, mi = 0] = values.map((v) => Number(v ?? 0))
  return new Date(Date.UTC(y, m - 1, d, h, mi) - 8 * 3600_000)
}
