/**
 * 清廉文化活动 and QR sign-in: typed reads (request.ts) and the writes queued in the outbox (outbox.ts).
 * The sign-in carries the device's scan time, so a scan made offline is kept and sent later.
 */
import { z } from 'zod'
import {
  ZDisplayLink,
  ZDisplayQr,
  ZEvent,
  ZEventSummary,
  ZQr,
  type TCountyEventCreate,
  type TEnterpriseEventCreate,
  type TDisplayLink,
  type TDisplayQr,
  type TEvent,
  type TEventSummary,
  type TQr,
} from '@/models/event'
import {
  ZAbsentees,
  ZAttendance,
  ZAttendanceRate,
  type TAbsentees,
  type TAttendance,
  type TAttendanceRate,
} from '@/models/attendance'
import type { TEventUpdate } from '@/models/eventEdit'
import { exportFileName } from '@/models/exportName'
import { ZEnterprise, type TEnterprise } from '@/models/org'
import { getOutbox, type OutboxEntry } from './outbox'
import { openApiFile } from './download'
import { request } from './request'

export const EVENT_WRITE_KINDS = {
  signIn: 'sign_in.scan',
  proxy: 'sign_in.proxy',
  displayLinkCreate: 'event.display_link.create',
  displayLinkRevoke: 'event.display_link.revoke',
  create: 'event.create',
  cancel: 'event.cancel',
  update: 'event.update',
} as const

export const eventPath = (id: number) => `/api/v1/events/${id}`

/** People per page of the organiser's lists (已签到, 未签到); more load as the page scrolls. */
export const ATTENDANCE_PAGE_SIZE = 30

const ZEventList = z.object({ events: z.array(ZEventSummary) })
const ZDisplayLinkList = z.object({ links: z.array(ZDisplayLink) })
const ZEnterpriseList = z.object({ enterprises: z.array(ZEnterprise) })

export type EventRole = 'attendee' | 'organiser'
export type EventWhen = 'upcoming' | 'past'

export async function fetchEvents(as: EventRole, when: EventWhen): Promise<TEventSummary[]> {
  const res = await request({ path: '/api/v1/events', query: { as, when }, schema: ZEventList })
  return res.events
}

export function fetchEvent(id: number): Promise<TEvent> {
  return request({ path: eventPath(id), schema: ZEvent })
}

/** Organiser: the current rotating payload (changes every 15 s). */
export function fetchEventQr(id: number): Promise<TQr> {
  return request({ path: `${eventPath(id)}/qr`, schema: ZQr })
}

export async function fetchDisplayLinks(id: number): Promise<TDisplayLink[]> {
  const res = await request({ path: `${eventPath(id)}/display-links`, schema: ZDisplayLinkList })
  return res.links
}

/** 已签到, one page (earliest first), with the counts 签到 / 应到 / 未签到. */
export function fetchAttendance(id: number, page = 1, pageSize = ATTENDANCE_PAGE_SIZE): Promise<TAttendance> {
  return request({ path: `${eventPath(id)}/attendance`, query: { page, pageSize }, schema: ZAttendance })
}

/** 未签到: who of the audience has not signed in, one page (by enterprise). */
export function fetchAbsentees(id: number, page = 1, pageSize = ATTENDANCE_PAGE_SIZE): Promise<TAbsentees> {
  return request({ path: `${eventPath(id)}/absentees`, query: { page, pageSize }, schema: ZAbsentees })
}

/** The big screen: no login, the token is the permission. */
export function fetchDisplayQr(token: string): Promise<TDisplayQr> {
  return request({
    path: `/api/v1/display/${encodeURIComponent(token)}/qr`,
    auth: false,
    schema: ZDisplayQr,
  })
}

export interface ScanLocation {
  lat: number
  lng: number
  accuracy?: number
}

/** POST /sign-ins through the outbox, with the time of the scan on this device. */
export function queueSignIn(payload: string, scannedAt: Date, location?: ScanLocation | null): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: '/api/v1/sign-ins',
    body: { payload, scannedAt: scannedAt.toISOString(), ...(location ? { location } : {}) },
    label: '扫码签到',
    kind: EVENT_WRITE_KINDS.signIn,
  })
}

export function queueProxySignIn(eventId: number, userId: number, reason: string): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${eventPath(eventId)}/sign-ins/proxy`,
    body: { userId, reason },
    label: '组织者代签',
    kind: EVENT_WRITE_KINDS.proxy,
  })
}

export function queueCreateDisplayLink(eventId: number): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${eventPath(eventId)}/display-links`,
    label: '生成大屏链接',
    kind: EVENT_WRITE_KINDS.displayLinkCreate,
  })
}

/** 取消活动 (organisers): kept and marked 已取消; out of upcoming lists and rates, no more sign-in. */
export function queueCancelEvent(eventId: number, title: string): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${eventPath(eventId)}/cancel`,
    label: `取消活动「${title}」`,
    kind: EVENT_WRITE_KINDS.cancel,
  })
}

/** 修改活动 (organisers): the fields of the form; the server checks the times against now again. */
export function queueUpdateEvent(eventId: number, body: TEventUpdate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PATCH',
    path: eventPath(eventId),
    body,
    label: `修改活动「${body.title ?? ''}」`,
    kind: EVENT_WRITE_KINDS.update,
  })
}

export function queueRevokeDisplayLink(eventId: number, linkId: number): OutboxEntry {
  return getOutbox().enqueue({
    method: 'DELETE',
    path: `${eventPath(eventId)}/display-links/${linkId}`,
    label: '撤销大屏链接',
    kind: EVENT_WRITE_KINDS.displayLinkRevoke,
  })
}

/** 导出签到表: the workbook, with the bearer token (a download on H5, a document in the mini-program). */
export function openAttendanceWorkbook(
  event: Pick<TEvent, 'id' | 'title' | 'startsAt' | 'organiser'>,
): Promise<void> {
  const name = exportFileName({
    organisation: event.organiser.name,
    title: `${event.title}-签到表`,
    at: event.startsAt,
    ext: 'xlsx',
  })
  return openApiFile(`${eventPath(event.id)}/attendance.xlsx`, name)
}

/** 活动到会率: each event the enterprise was in the audience of, and the totals. */
export function fetchAttendanceRate(enterpriseId: number): Promise<TAttendanceRate> {
  return request({ path: `/api/v1/enterprises/${enterpriseId}/attendance-rate`, schema: ZAttendanceRate })
}

/** Enterprises the user can see (a supervisor: those its department supervises), for a county event. */
export async function fetchVisibleEnterprises(): Promise<TEnterprise[]> {
  const res = await request({ path: '/api/v1/enterprises', schema: ZEnterpriseList })
  return res.enterprises
}

export type EventCreateRequest =
  | { organiser: { kind: 'enterprise'; id: number }; body: TEnterpriseEventCreate }
  | { organiser: { kind: 'department'; id: number }; body: TCountyEventCreate }

/** 发起活动 through the outbox (created once, whatever the network does). */
export function queueCreateEvent({ organiser, body }: EventCreateRequest): OutboxEntry {
  const base = organiser.kind === 'enterprise' ? 'enterprises' : 'departments'
  return getOutbox().enqueue({
    method: 'POST',
    path: `/api/v1/${base}/${organiser.id}/events`,
    body,
    label: `发起活动「${body.title}」`,
    kind: EVENT_WRITE_KINDS.create,
  })
}
