import { isoAt } from '../../core/clock'
import type { PageRequest } from '../../core/db/page'
import type { EventRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { maskPhone } from '../../../src/models/phone'
import {
  EVENT_KIND_LABELS,
  SIGN_IN_FLAG_LABELS,
  SIGN_IN_METHOD_LABELS,
  type TEventKind,
} from '../../../src/models/event'
import {
  ZAttendanceQuery,
  type TAbsentee,
  type TAbsentees,
  type TAttendance,
  type TAttendanceQuery,
  type TAttendanceRate,
  type TAttendanceRow,
} from '../../../src/models/attendance'
import { parseFlags, organiserNames } from './events'
import { chineseDateTime, chineseMinute, formatShanghaiTime } from '../../../src/models/shanghaiTime'
import { eventsRepository } from './repository'
import { attendanceRepository } from './attendanceRepository'
import { exportedAt } from '../../core/workbook'
import { exportJob } from '../../core/exports/exporter'
import { infoSheet, type WorkbookSpec } from '../../core/exports/spec'

/** The organiser's tools: attendance (已签到 and 未签到, paged), its .xlsx 签到表, and the rates per enterprise. */

type SignInListRow = Awaited<ReturnType<typeof attendanceRepository.ofEvent>>[number]
type AbsentListRow = Awaited<ReturnType<typeof eventsRepository.absentees>>[number]

function toAttendanceRow(r: SignInListRow): TAttendanceRow {
  return {
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
    proxyByName: r.method === 'proxy' ? (r.proxy_by_name ?? null) : null,
    proxyReason: r.proxy_reason,
  }
}

function toAbsentee(r: AbsentListRow): TAbsentee {
  return {
    userId: r.id,
    name: r.name,
    phoneMasked: maskPhone(r.phone),
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    disabled: r.disabled_at !== null,
  }
}

/** 签到 x / 应到 y, 未签到 z (and how many sign-ins carry a flag). */
async function attendanceCounts(db: DbOrTrx, event: EventRow) {
  const [signIns, expected, absentCount] = await Promise.all([
    attendanceRepository.counts(db, event.id),
    eventsRepository.expectedAttendees(db, event.id),
    eventsRepository.absentCount(db, event.id),
  ])
  return {
    eventId: event.id,
    title: event.title,
    cancelledAt: event.cancelled_at,
    count: signIns.count,
    expected,
    absentCount,
    flaggedCount: signIns.flagged,
  }
}

const pageOf = (query: TAttendanceQuery): PageRequest => {
  const { page, pageSize } = ZAttendanceQuery.parse(query)
  return { page, pageSize }
}

/** 已签到, one page, earliest first. */
export async function attendance(
  db: DbOrTrx,
  event: EventRow,
  query: TAttendanceQuery,
): Promise<TAttendance> {
  const page = pageOf(query)
  const [counts, rows] = await Promise.all([
    attendanceCounts(db, event),
    attendanceRepository.ofEvent(db, event.id, page),
  ])
  return { ...counts, items: rows.map(toAttendanceRow), total: counts.count, ...page }
}

/** 未签到, one page, by enterprise. */
export async function absentees(db: DbOrTrx, event: EventRow, query: TAttendanceQuery): Promise<TAbsentees> {
  const page = pageOf(query)
  const [counts, rows] = await Promise.all([
    attendanceCounts(db, event),
    eventsRepository.absentees(db, event.id, page),
  ])
  return { ...counts, items: rows.map(toAbsentee), total: counts.absentCount, ...page }
}

export const ATTENDANCE_SHEET_COLUMNS = [
  '序号',
  '姓名',
  '手机号',
  '企业',
  '签到时间（北京时间）',
  '签到方式',
  '代签人',
  '代签原因',
  '标记',
] as const
const ATTENDANCE_WIDTHS = [6, 10, 14, 28, 24, 10, 10, 24, 28]

export const ABSENT_SHEET_COLUMNS = ['序号', '姓名', '手机号', '企业', '备注'] as const
const ABSENT_WIDTHS = [6, 12, 16, 40, 20]

/**
 * The 签到表 as a real .xlsx: 签到名单 (who signed in, how, 代签人 and reason), 未签到 (who of the audience
 * did not), and 活动信息 — each with the event's title, organiser and time, and 已取消 when it was cancelled.
 * Laid out (and, where it can, queried) in an export worker: `attendanceExport`.
 */
export async function attendanceWorkbook(
  db: DbOrTrx,
  event: EventRow,
  now: number,
): Promise<{ spec: WorkbookSpec }> {
  const [counts, signIns, absent, names] = await Promise.all([
    attendanceCounts(db, event),
    attendanceRepository.ofEvent(db, event.id),
    eventsRepository.absentees(db, event.id),
    organiserNames(db, [event]),
  ])
  const organiser = names(event.organiser_kind, event.organiser_id)
  const cancelled = event.cancelled_at ? '（已取消）' : ''
  // Printed as the other documents date themselves (2026年12月2日 09:30), each time saying it is 北京时间.
  const minute = chineseMinute
  const when = `${minute(event.starts_at)} 至 ${minute(event.ends_at)}（北京时间）`
  const subtitle = [
    `组织单位：${organiser}`,
    `活动时间：${when}`,
    `实到 ${counts.count} 人 / 应到 ${counts.expected} 人，未签到 ${counts.absentCount} 人`,
    ...(event.cancelled_at ? [`已于 ${minute(event.cancelled_at)} 取消（北京时间）`] : []),
    exportedAt(now),
  ].join('    ')
  const list = {
    name: '签到名单',
    options: {
      title: `${event.title} 签到表${cancelled}`,
      subtitle,
      columns: ATTENDANCE_SHEET_COLUMNS.map((header, i) => ({
        header,
        width: ATTENDANCE_WIDTHS[i],
        center: i === 0 || i === 5,
      })),
      empty: '暂无签到记录',
    },
    rows: signIns.map(toAttendanceRow).map((s, i) => [
      i + 1,
      s.name,
      s.phoneMasked ?? '',
      s.enterpriseName,
      chineseDateTime(formatShanghaiTime(s.signedInAt)),
      SIGN_IN_METHOD_LABELS[s.method],
      s.proxyByName ?? '',
      s.proxyReason ?? '',
      // 代签 is said by 签到方式 and 代签人 already.
      s.flags
        .filter((f) => f !== 'proxy')
        .map((f) => SIGN_IN_FLAG_LABELS[f])
        .join('；'),
    ]),
  }
  const missing = {
    name: '未签到',
    options: {
      title: `${event.title} 未签到人员${cancelled}`,
      subtitle,
      columns: ABSENT_SHEET_COLUMNS.map((header, i) => ({
        header,
        width: ABSENT_WIDTHS[i],
        center: i === 0,
      })),
      empty: '暂无未签到人员',
    },
    rows: absent
      .map(toAbsentee)
      .map((a, i) => [i + 1, a.name, a.phoneMasked ?? '', a.enterpriseName, a.disabled ? '账号已停用' : '']),
  }
  const about = infoSheet('活动信息', `${event.title} 活动信息${cancelled}`, [
    ['活动名称', event.title],
    ['活动类型', EVENT_KIND_LABELS[event.kind as TEventKind] ?? event.kind],
    ['组织单位', organiser],
    ['开始时间（北京时间）', minute(event.starts_at)],
    ['结束时间（北京时间）', minute(event.ends_at)],
    ['签到时间（北京时间）', `${minute(event.sign_in_opens_at)} 至 ${minute(event.sign_in_closes_at)}`],
    ['活动状态', event.cancelled_at ? `已取消（${minute(event.cancelled_at)}，北京时间）` : '正常'],
    ['应到人数', counts.expected],
    ['实到人数', counts.count],
    ['未签到人数', counts.absentCount],
    ['需关注', counts.flaggedCount],
    ['说明', '应到＝参加企业已加入的人员（导出时）；时间均为北京时间'],
  ])
  return { spec: { now, sheets: [list, missing, about] } }
}

export const attendanceExport = exportJob(__filename, 'attendanceWorkbook', attendanceWorkbook)

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
    attendanceRepository.countByEventOfEnterprise(db, enterpriseId, ids),
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
