import { isoAt } from '../../core/clock'
import ExcelJS from 'exceljs'
import type { EventRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { maskPhone } from '../../../src/models/phone'
import {
  EVENT_KIND_LABELS,
  SIGN_IN_FLAG_LABELS,
  SIGN_IN_METHOD_LABELS,
  type TAttendance,
  type TAttendanceRate,
  type TAttendanceRow,
  type TEventKind,
} from '../../../src/models/event'
import { parseFlags, organiserNames } from './events'
import { formatShanghaiTime } from '../../../src/models/shanghaiTime'
import { eventsRepository, signInsRepository } from './repository'
import { addInfoSheet } from '../../core/workbook'

/** The organiser's tools: attendance, its .xlsx export, and the rates per enterprise. */

export async function attendance(db: DbOrTrx, event: EventRow): Promise<TAttendance> {
  const rows = await signInsRepository.ofEvent(db, event.id)
  const signIns: TAttendanceRow[] = rows.map((r) => ({
    signInId: r.id,
    userId: r.user_id,
    name: r.name,
    phoneMasked: maskPhone(r.phone),
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    signedInAt: r.signed_in_at,
    method: r.method,
    flags: parseFlags(r.flags),
    scannedAt: r.scanned_at,
    receivedAt: r.received_at,
    distanceM: r.distance_m,
    proxyReason: r.proxy_reason,
  }))
  return {
    eventId: event.id,
    title: event.title,
    count: signIns.length,
    expected: await eventsRepository.expectedAttendees(db, event.id),
    flaggedCount: signIns.filter((s) => s.flags.length > 0).length,
    signIns,
  }
}

export const ATTENDANCE_SHEET_COLUMNS = [
  '序号',
  '姓名',
  '手机号',
  '企业',
  '签到时间（北京时间）',
  '签到方式',
  '标记',
  '代签原因',
] as const

/** The attendance as a real .xlsx: one header row, one row per person, and a sheet about the event. */
export async function attendanceWorkbook(db: DbOrTrx, event: EventRow): Promise<Buffer> {
  const list = await attendance(db, event)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '清廉企业'
  workbook.created = new Date(event.created_at)
  const sheet = workbook.addWorksheet('签到名单', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = ATTENDANCE_SHEET_COLUMNS.map((header, i) => ({
    header,
    key: `c${i}`,
    width: [6, 12, 16, 30, 22, 12, 36, 24][i],
  }))
  sheet.getRow(1).font = { bold: true }
  list.signIns.forEach((s, i) => {
    sheet.addRow([
      i + 1,
      s.name,
      s.phoneMasked ?? '',
      s.enterpriseName,
      formatShanghaiTime(s.signedInAt),
      SIGN_IN_METHOD_LABELS[s.method],
      s.flags.map((f) => SIGN_IN_FLAG_LABELS[f]).join('；'),
      s.proxyReason ?? '',
    ])
  })
  addInfoSheet(workbook, '活动信息', [
    ['活动名称', event.title],
    ['活动类型', EVENT_KIND_LABELS[event.kind as TEventKind] ?? event.kind],
    ['开始时间', formatShanghaiTime(event.starts_at)],
    ['结束时间', formatShanghaiTime(event.ends_at)],
    [
      '签到时间',
      `${formatShanghaiTime(event.sign_in_opens_at)} 至 ${formatShanghaiTime(event.sign_in_closes_at)}`,
    ],
    ['应到人数', list.expected],
    ['实到人数', list.count],
    ['需关注', list.flaggedCount],
  ])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Each event the enterprise was invited to (its sign-in opened): its members expected vs signed in. */
export async function attendanceRate(
  db: DbOrTrx,
  enterpriseId: number,
  now: number,
): Promise<TAttendanceRate> {
  const events = await eventsRepository.openedForEnterprise(db, enterpriseId, isoAt(now))
  const ids = events.map((e) => e.id)
  const [names, attendedRows, expectedRow] = await Promise.all([
    organiserNames(db, events),
    signInsRepository.countByEventOfEnterprise(db, enterpriseId, ids),
    eventsRepository.approvedMemberCount(db, enterpriseId),
  ])
  const attended = new Map(attendedRows.map((r) => [r.event_id, Number(r.n)]))
  const expected = expectedRow
  const rate = (a: number, e: number) => (e > 0 ? Math.round((a / e) * 1000) / 1000 : null)
  const rows = events.map((e) => {
    const a = attended.get(e.id) ?? 0
    return {
      eventId: e.id,
      title: e.title,
      kind: e.kind as TEventKind,
      startsAt: e.starts_at,
      organiser: {
        kind: e.organiser_kind,
        id: e.organiser_id,
        name: names(e.organiser_kind, e.organiser_id),
      },
      expected,
      attended: a,
      rate: rate(a, expected),
    }
  })
  const totalExpected = rows.reduce((sum, r) => sum + r.expected, 0)
  const totalAttended = rows.reduce((sum, r) => sum + r.attended, 0)
  return {
    enterpriseId,
    events: rows,
    totals: { expected: totalExpected, attended: totalAttended, rate: rate(totalAttended, totalExpected) },
  }
}
