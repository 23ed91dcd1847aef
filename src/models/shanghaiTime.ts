/**
 * The county keeps 北京时间 (UTC+8, no daylight saving): dates and periods are counted there, whatever the TZ.
 * Every 北京时间 helper of the app and the server is here, named `shanghai…` (the IANA zone Asia/Shanghai).
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000

/** Year, month (1-12) and day of an instant in 北京时间. */
export function shanghaiParts(ms: number): { year: number; month: number; day: number } {
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** The hour (0-23) of an instant in 北京时间. */
export function shanghaiHour(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET_MS).getUTCHours()
}

/** The instant 00:00 北京时间 on the first day of `month` (1-12; 13 rolls into the next year). */
export function shanghaiMonthStart(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) - SHANGHAI_OFFSET_MS
}

/** 'YYYY-MM-DD' in 北京时间. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

const DAY_MS = 86_400_000

/** 'YYYY-MM-DD' in 北京时间 of the day `days` days after the instant's own 北京时间 day. */
export function shanghaiDateAfterDays(ms: number, days: number): string {
  return shanghaiDate(ms + days * DAY_MS)
}

/** The calendar year (北京时间) of an instant: coverage counts pledges signed in that year. */
export function shanghaiYear(ms: number): number {
  return shanghaiParts(ms).year
}

/** [start, end) of a 北京时间 calendar year as ISO instants. */
export function shanghaiYearRange(year: number): [string, string] {
  const start = shanghaiMonthStart(year, 1)
  const end = shanghaiMonthStart(year + 1, 1)
  return [new Date(start).toISOString(), new Date(end).toISOString()]
}

/** 'YYYY-MM-DD HH:mm:ss' in 北京时间 of an ISO instant ('' for anything else). */
export function formatShanghaiTime(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
}

/** 'YYYY-MM-DD HH:mm' in 北京时间 of an ISO instant ('' for anything else). */
export function formatShanghaiMinute(iso: string): string {
  return formatShanghaiTime(iso).slice(0, 16)
}

/** `2026年4月2日` for a day `2026-04-02`, as a printed report or letter writes dates. */
export function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/**
 * `2026年12月2日 05:30` from `2026-12-02 05:30` (a 北京时间 minute or second as `formatShanghaiMinute` and
 * `formatShanghaiTime` write it): how a printed letter, record or certificate dates itself.
 */
export function chineseDateTime(shanghai: string): string {
  const [date, time] = shanghai.split(' ')
  return `${chineseDay(date)}${time ? ` ${time}` : ''}`
}

/** `2026年12月4日 14:00` in 北京时间 of an ISO instant: how a message or printed record writes a time. */
export function chineseMinute(iso: string): string {
  return chineseDateTime(formatShanghaiMinute(iso))
}
