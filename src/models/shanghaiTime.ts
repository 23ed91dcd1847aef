/** The county keeps 北京时间 (UTC+8, no daylight saving): dates and periods are counted there, whatever the TZ. */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000

/** Year, month (1-12) and day of an instant in 北京时间. */
export function shanghaiParts(ms: number): { year: number; month: number; day: number } {
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** The instant 00:00 北京时间 on the first day of `month` (1-12; 13 rolls into the next year). */
export function shanghaiMonthStart(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) - SHANGHAI_OFFSET_MS
}

/** 'YYYY-MM-DD' in 北京时间. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}
