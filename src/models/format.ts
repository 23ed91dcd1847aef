import { SHANGHAI_OFFSET_MS, shanghaiDate } from './shanghaiTime'

/**
 * Dates people read are 北京时间 everywhere in the product, whatever the device's zone (a phone set abroad,
 * a test machine on UTC). Plain Date arithmetic, no date library: these run on the mini-program's tab pages,
 * whose main package has a size budget (bench/size.mjs).
 */
interface Fields {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  weekday: number
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
const pad = (n: number) => String(n).padStart(2, '0')

/** The 北京时间 fields of a value; null when it is no date. */
function beijing(value: string | number | Date): Fields | null {
  // A calendar day (a deadline, 2026-11-24) is no instant: it reads as written in every zone. So does a
  // 北京时间 minute as a 更正 keeps it (2026-06-10 09:00, formatShanghaiMinute), not the device's own zone.
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(value) : null
  const ms = day
    ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), Number(day[4] ?? 0), Number(day[5] ?? 0)) -
      SHANGHAI_OFFSET_MS
    : new Date(value).getTime()
  if (Number.isNaN(ms)) return null
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  }
}

/** 2026年11月24日 */
export function formatDate(value: string | number | Date): string {
  const d = beijing(value)
  return d ? `${d.year}年${d.month}月${d.day}日` : ''
}

/** 11月24日 14:05, with the year when it is not this year. */
export function formatDateTime(value: string | number | Date): string {
  const d = beijing(value)
  if (!d) return ''
  const date = d.year === beijing(Date.now())?.year ? `${d.month}月${d.day}日` : formatDate(value)
  return `${date} ${pad(d.hour)}:${pad(d.minute)}`
}

/** 11月24日 星期二 */
export function formatToday(now: Date = new Date()): string {
  const d = beijing(now)
  return d ? `${d.month}月${d.day}日 ${WEEKDAYS[d.weekday]}` : ''
}

/**
 * A picker (NutUI DatePicker) reads and gives the device's local fields. These two make it show and take
 * 北京时间 on any device: the value it opens on, and the instant of the [年, 月, 日, 时, 分] it gives.
 */
export function pickerValue(instant: Date): Date {
  const ms = instant.getTime()
  return new Date(ms + SHANGHAI_OFFSET_MS + new Date(ms).getTimezoneOffset() * 60_000)
}

/** A 北京时间 day `YYYY-MM-DD` as the Date a date picker shows as that day (its device-local midnight). */
export function pickerDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d)
}

/**
 * A deadline picker's days: from today in 北京时间 (between 00:00 and 08:00 北京时间 a phone on UTC is still on the
 * day before) to `years` on, as the Dates the picker shows as those days.
 */
export function pickerSpan(now: number, years = 2): { start: Date; end: Date } {
  const start = pickerDay(shanghaiDate(now))
  return { start, end: new Date(start.getFullYear() + years, start.getMonth(), start.getDate()) }
}

export function fromPicker(values: (string | number | null)[]): Date {
  const [y, m, d, h = 0, mi = 0] = values.map((v) => Number(v ?? 0))
  return new Date(Date.UTC(y, m - 1, d, h, mi) - SHANGHAI_OFFSET_MS)
}
