/**
 * `2026年12月2日 05:30` from `2026-12-02 05:30` (a 北京时间 minute or second as `formatShanghaiMinute` and
 * `formatShanghaiTime` write it): how a printed letter, record or certificate dates itself.
 */
export function chineseDateTime(shanghai: string): string {
  const [date, time] = shanghai.split(' ')
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日${time ? ` ${time}` : ''}`
}
