import { shanghaiDate } from './shanghaiTime'

/**
 * The name of a generated document (an .xlsx 台账, a 签到表, a 会议记录 .docx): who it is about, what it is,
 * and its date in 北京时间 — `县恒达食品有限公司-廉政党课签到表-2026-12-02.xlsx`. The date is the day the
 * document is about (a meeting's or an event's day) or the export's; it is taken in 北京时间, never in UTC:
 * a meeting at 05:30 on 12月2日 (21:30 UTC on 12月1日) is dated 2026-12-02.
 */
export function exportFileName(parts: {
  organisation?: string | null
  title: string
  /** An instant: epoch milliseconds or an ISO string. */
  at: number | string
  ext: 'xlsx' | 'docx'
}): string {
  const ms = typeof parts.at === 'number' ? parts.at : Date.parse(parts.at)
  const words = [parts.organisation, parts.title].map((w) => cleanPart(w ?? '')).filter(Boolean)
  return `${[...words, shanghaiDate(ms)].join('-')}.${parts.ext}`
}

/** What no file system accepts in a name (and control characters), replaced; at most 60 characters a part. */
function cleanPart(text: string): string {
  const clean = text
    // eslint-disable-next-line no-control-regex -- control characters are no part of a file name
    .replace(/[\u0000-\u001f\\/:*?"<>|]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
  // By characters, not UTF-16 units: half an emoji would make the header's encodeURIComponent throw.
  return Array.from(clean).slice(0, 60).join('')
}

/**
 * The file name a Content-Disposition header gives: `filename*=UTF-8''…` (RFC 5987) first, else the plain
 * `filename="…"`; null when there is none.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header)
  return plain ? plain[1].trim() || null : null
}
