import {
  ATTACHMENT_KIND_LABELS,
  type TAttachmentKind,
  type TMeetingChange,
  type TMeetingRevision,
} from './meeting'
import { MEETING_TYPE_LABELS, type TMeetingType } from './meetingCompliance'
import { formatShanghaiMinute } from './shanghaiTime'

/**
 * 更正 of a submitted meeting record: what it changed, before → after, in readable Chinese. The server
 * stores the list with each revision; the record page and the .docx print the same lines.
 */

/** A record as a correction compares it (attachments only when the correction is about them). */
export interface MeetingDiffContent {
  type: TMeetingType
  groupName: string | null
  topic: string
  startsAt: string
  place: string
  host: string
  recorder: string
  nonMemberAttendees: string
  minutes: string
  decisions: string
  attendance: { memberId: number; name: string; status: 'present' | 'absent'; reason: string | null }[]
  attachments?: { id: number; kind: TAttachmentKind; filename: string }[]
}

/** The label of a changed meeting time; its sides are 北京时间 minutes (`2026-06-10 09:00`). */
const MEETING_TIME = '会议时间'

const TEXT_FIELDS = [
  ['topic', '议题'],
  ['place', '地点'],
  ['host', '主持人'],
  ['recorder', '记录人'],
  ['nonMemberAttendees', '列席人员'],
  ['minutes', '会议纪要'],
  ['decisions', '决议事项'],
] as const

/** The label of an attachment change: its kind (签到表, 现场照片 …). */
const ATTACHMENT_LABELS = new Set<string>(Object.values(ATTACHMENT_KIND_LABELS))

const typeText = (c: MeetingDiffContent) =>
  MEETING_TYPE_LABELS[c.type] + (c.groupName ? `（${c.groupName}）` : '')

type Attendee = MeetingDiffContent['attendance'][number]
const attendanceText = (a: Attendee | undefined) =>
  !a ? '不在应到名单' : a.status === 'present' ? '出席' : a.reason ? `缺席（${a.reason}）` : '缺席'

/**
 * What changed from `before` to `after`, in the order of the record: 会议类型, 议题, 会议时间, the
 * other fields, each member's 出缺席, then the attachments added (before '') and removed (after '').
 */
export function meetingChanges(before: MeetingDiffContent, after: MeetingDiffContent): TMeetingChange[] {
  const out: TMeetingChange[] = []
  const add = (label: string, from: string, to: string) => {
    if (from !== to) out.push({ label, before: from, after: to })
  }
  add('会议类型', typeText(before), typeText(after))
  add('议题', before.topic, after.topic)
  add(MEETING_TIME, formatShanghaiMinute(before.startsAt), formatShanghaiMinute(after.startsAt))
  for (const [field, label] of TEXT_FIELDS.slice(1)) add(label, before[field], after[field])
  const was = new Map(before.attendance.map((a) => [a.memberId, a]))
  const now = new Map(after.attendance.map((a) => [a.memberId, a]))
  const people = [...before.attendance, ...after.attendance.filter((a) => !was.has(a.memberId))]
  for (const p of people)
    add(`出缺席（${p.name}）`, attendanceText(was.get(p.memberId)), attendanceText(now.get(p.memberId)))
  if (before.attachments && after.attachments) {
    const kept = new Set(after.attachments.map((f) => f.id))
    const had = new Set(before.attachments.map((f) => f.id))
    for (const f of after.attachments) if (!had.has(f.id)) add(ATTACHMENT_KIND_LABELS[f.kind], '', f.filename)
    for (const f of before.attachments)
      if (!kept.has(f.id)) add(ATTACHMENT_KIND_LABELS[f.kind], f.filename, '')
  }
  return out
}

/** Longest text of a side as shown: a long text is cut around its first difference from the other side. */
export const SHOWN_CHARS = 40

function excerpt(text: string, other: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' '))
  if (chars.length <= SHOWN_CHARS) return chars.join('')
  const others = Array.from(other.replace(/\s+/g, ' '))
  let same = 0
  while (same < chars.length && same < others.length && chars[same] === others[same]) same++
  const start = Math.max(0, Math.min(same - 10, chars.length - SHOWN_CHARS))
  const end = start + SHOWN_CHARS
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`
}

/** A change as the API shows it: long texts cut around where they differ (the stored one keeps them whole). */
export function shownChange(c: TMeetingChange): TMeetingChange {
  return { label: c.label, before: excerpt(c.before, c.after), after: excerpt(c.after, c.before) }
}

/** One line: “议题：A → B”, “现场照片：新增 a.jpg”, “签到表：撤下 b.pdf”, an emptied field “（空）”. */
export function meetingChangeLine(c: TMeetingChange): string {
  if (ATTACHMENT_LABELS.has(c.label) && (c.before === '' || c.after === ''))
    return c.before === '' ? `${c.label}：新增 ${c.after}` : `${c.label}：撤下 ${c.before}`
  const side = (s: string) => s || '（空）'
  return `${c.label}：${side(c.before)} → ${side(c.after)}`
}

/**
 * A revision as printed (record page, .docx): “第1次更正：2026-06-10 10:00，梁红梅，原因：议题录入有误”, then
 * one line per change. A revision recorded before changes were kept has the first line only. `when` writes
 * the time (the .docx: `2026年6月10日 10:00（北京时间）`, as the printed record dates its meeting); `kept`
 * writes a changed 会议时间, kept as `2026-06-10 09:00` (北京时间), the way the page or the document writes a
 * time (the stored change is left as it is).
 */
export function meetingRevisionLines(
  h: Pick<TMeetingRevision, 'revision' | 'reason' | 'changedBy' | 'changedAt' | 'changes'>,
  when: (iso: string) => string = formatShanghaiMinute,
  kept: (shanghaiMinute: string) => string = (minute) => minute,
): string[] {
  const head = `第${h.revision}次更正：${when(h.changedAt)}，${h.changedBy}，原因：${h.reason}`
  if (h.changes === null) return [head]
  const shown = (c: TMeetingChange) =>
    c.label === MEETING_TIME ? { ...c, before: kept(c.before), after: kept(c.after) } : c
  return [head, ...(h.changes.length ? h.changes.map((c) => meetingChangeLine(shown(c))) : ['内容未变'])]
}
