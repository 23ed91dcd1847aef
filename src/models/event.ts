import { z } from 'zod'
import { ZRowId } from './common'
import { line, lines, oneLine } from './textLimit'

/**
 * 清廉文化活动 and their QR sign-in. The kinds are the activities 《县清廉企业建设实施方案》 names; each
 * carries the task it comes from and the phrase, copied character for character (a unit test checks it).
 */
export const EVENT_KINDS = [
  'warning_education',
  'integrity_lecture',
  'reading',
  'knowledge_contest',
  'home_visit',
  'party_day',
  'training',
  'outreach',
] as const
export const ZEventKind = z.enum(EVENT_KINDS)
export type TEventKind = z.infer<typeof ZEventKind>

export interface EventKindInfo {
  label: string
  /** Task number in 二、主要任务. */
  task: number
  quote: string
}

export const EVENT_KIND_INFO: Record<TEventKind, EventKindInfo> = {
  warning_education: {
    label: '警示教育',
    task: 9,
    quote: '抓好先进典型示范教育和身边人身边事违纪违法案件警示教育',
  },
  integrity_lecture: { label: '廉政党课', task: 11, quote: '廉政主题党课' },
  reading: { label: '读廉政书', task: 11, quote: '开展读廉政书' },
  knowledge_contest: { label: '廉政知识竞赛', task: 11, quote: '廉政知识竞赛' },
  home_visit: { label: '廉政家访', task: 11, quote: '廉政家访' },
  // 主题党日 is named in task 1 (支部 activities), not in tasks 9-11.
  party_day: { label: '主题党日', task: 1, quote: '通过支部“三会一课”、主题党日活动、职工大会等多种形式' },
  training: { label: '专题培训', task: 9, quote: '将清廉教育、民族团结进步教育纳入职工教育计划' },
  outreach: {
    label: '进企业进车间进班组',
    task: 11,
    quote: '推进清廉文化“进企业、进车间、进班组、进岗位、进家庭”活动',
  },
}

export const EVENT_KIND_LABELS = Object.fromEntries(
  EVENT_KINDS.map((k) => [k, EVENT_KIND_INFO[k].label]),
) as Record<TEventKind, string>

/** 扫码 / 离线补传 / 组织者代签 */
export const SIGN_IN_METHODS = ['scan', 'offline', 'proxy'] as const
export const ZSignInMethod = z.enum(SIGN_IN_METHODS)
export type TSignInMethod = z.infer<typeof ZSignInMethod>
export const SIGN_IN_METHOD_LABELS: Record<TSignInMethod, string> = {
  scan: '扫码',
  offline: '离线补传',
  proxy: '组织者代签',
}

/** What the organiser is asked to look at. */
export const SIGN_IN_FLAGS = ['offline_upload', 'clock_skew', 'proxy'] as const
export const ZSignInFlag = z.enum(SIGN_IN_FLAGS)
export type TSignInFlag = z.infer<typeof ZSignInFlag>
export const SIGN_IN_FLAG_LABELS: Record<TSignInFlag, string> = {
  offline_upload: '离线补传（扫码时间为手机时间）',
  clock_skew: '手机时间与服务器时间相差较大',
  proxy: '组织者代签',
}

/** The two good answers of a scan; the refusals are error codes (QR_EXPIRED, QR_INVALID, …). */
export const SIGN_IN_RESULTS = ['signed_in', 'already_signed_in'] as const
/** A row id in a body: the id columns are 32-bit integers. */

/** Rotating QR: one payload per 15 s slot, accepted in its slot and the next one. */
export const QR_SLOT_SECONDS = 15

const ZIsoTime = z.iso
  .datetime({ offset: true, message: '时间格式应为 ISO 8601（如 2026-05-01T09:00:00+08:00）' })
  .transform((s) => new Date(s).toISOString())

export const ZPlace = z
  .object({
    name: line(60, '地点名称').nullable().optional(),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    radiusM: z.number().int().min(20, '范围半径不小于20米').max(5000, '范围半径不超过5000米'),
  })
  .meta({ id: 'EventPlace' })

export const eventCreateFields = {
  kind: ZEventKind,
  title: oneLine(z.string().trim().min(2, '活动名称至少2个字').max(60, '活动名称不超过60个字'), '活动名称'),
  description: lines(500, '活动说明').nullable().optional(),
  startsAt: ZIsoTime,
  endsAt: ZIsoTime,
  /** Defaults to 30 minutes before the start. */
  signInOpensAt: ZIsoTime.optional(),
  /** Defaults to the end. */
  signInClosesAt: ZIsoTime.optional(),
  place: ZPlace.nullable().optional(),
}

const MAX_WINDOW_MS = 90 * 24 * 3600_000
const DEFAULT_OPEN_BEFORE_MS = 30 * 60_000
const SIGN_IN_MARGIN_MS = 24 * 3600_000

export interface EventTimes {
  startsAt: string
  endsAt: string
  signInOpensAt?: string
  signInClosesAt?: string
}

/** The window defaults to 30 minutes before the start until the end. */
function withWindow<T extends EventTimes>(v: T): T & { signInOpensAt: string; signInClosesAt: string } {
  return {
    ...v,
    signInOpensAt: v.signInOpensAt ?? new Date(Date.parse(v.startsAt) - DEFAULT_OPEN_BEFORE_MS).toISOString(),
    signInClosesAt: v.signInClosesAt ?? v.endsAt,
  }
}

/** One field's message, as the API's VALIDATION_FAILED lists them. */
export interface FieldProblem {
  path: string
  message: string
}

/**
 * The times of an event checked against each other (the same rule on create and on edit): the end after
 * the start; the sign-in window closes after it opens, lasts at most 90 days, opens at most 24 h before
 * the start and before the end, and closes after the start and at most 24 h after the end.
 */
export function eventTimeProblems(v: Required<EventTimes>): FieldProblem[] {
  const out: FieldProblem[] = []
  const add = (path: keyof EventTimes, message: string) => out.push({ path, message })
  if (Date.parse(v.endsAt) <= Date.parse(v.startsAt)) add('endsAt', '结束时间应晚于开始时间')
  const opens = Date.parse(v.signInOpensAt)
  const closes = Date.parse(v.signInClosesAt)
  if (closes <= opens) add('signInClosesAt', '签到截止时间应晚于签到开始时间')
  else if (closes - opens > MAX_WINDOW_MS) add('signInClosesAt', '签到时间段不超过90天')
  const starts = Date.parse(v.startsAt)
  const ends = Date.parse(v.endsAt)
  if (opens >= ends) add('signInOpensAt', '签到开始时间应早于活动结束时间')
  else if (opens < starts - SIGN_IN_MARGIN_MS) add('signInOpensAt', '签到最早在活动开始前24小时开始')
  if (closes <= starts) add('signInClosesAt', '签到截止时间应晚于活动开始时间')
  else if (closes > ends + SIGN_IN_MARGIN_MS) add('signInClosesAt', '签到截止时间不能晚于活动结束后24小时')
  return out
}

function checkTimes(v: Required<EventTimes>, ctx: z.RefinementCtx) {
  for (const p of eventTimeProblems(v)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message })
}

/** Whether an event (or its new end) lies wholly in the past: one message for the endsAt field, or null. */
export function eventEndProblem(endsAt: string, now: number): string | null {
  return Date.parse(endsAt) <= now ? '活动结束时间已过，不能发起已经结束的活动' : null
}

/** An enterprise's own event: its audience is the enterprise. */
export const ZEnterpriseEventCreate = z
  .object(eventCreateFields)
  .meta({ id: 'EnterpriseEventCreate' })
  .transform(withWindow)
  .superRefine(checkTimes)
export type TEnterpriseEventCreate = z.input<typeof ZEnterpriseEventCreate>

/** A county event of a department: its audience is the enterprises chosen (those the department supervises). */
export const ZCountyEventCreate = z
  .object({
    ...eventCreateFields,
    audienceEnterpriseIds: z
      .array(ZRowId)
      .min(1, '请选择参加活动的企业')
      .max(5000)
      .transform((ids) => [...new Set(ids)]),
  })
  .meta({ id: 'CountyEventCreate' })
  .transform(withWindow)
  .superRefine(checkTimes)
export type TCountyEventCreate = z.input<typeof ZCountyEventCreate>
export type TEventCreateData = z.output<typeof ZEnterpriseEventCreate>

export const ZOrganiser = z.object({
  kind: z.enum(['enterprise', 'department']),
  id: z.number().int(),
  name: z.string(),
})

/** Where the sign-in window stands at the server's time of the answer. */
export const ZSignInPhase = z.enum(['not_started', 'open', 'closed'])
export const SIGN_IN_PHASE_LABELS: Record<z.infer<typeof ZSignInPhase>, string> = {
  not_started: '未到签到时间',
  open: '签到中',
  closed: '签到已结束',
}

export const ZMySignIn = z.object({
  signedInAt: z.string(),
  method: ZSignInMethod,
})

export const ZEvent = z
  .object({
    id: z.number().int(),
    kind: ZEventKind,
    title: z.string(),
    description: z.string().nullable(),
    organiser: ZOrganiser,
    startsAt: z.string(),
    endsAt: z.string(),
    signInOpensAt: z.string(),
    signInClosesAt: z.string(),
    phase: ZSignInPhase,
    place: ZPlace.extend({ name: z.string().nullable() }).nullable(),
    audience: z.array(z.object({ id: z.number().int(), name: z.string() })),
    /** The caller may show the QR, proxy and export. */
    canManage: z.boolean(),
    signedInCount: z.number().int(),
    mySignIn: ZMySignIn.nullable(),
    /**
     * The caller is an approved member of an audience enterprise (expected to sign in). An organiser whose
     * own unit is not invited is not: they see no 我的签到.
     */
    inAudience: z.boolean(),
    createdAt: z.string(),
    /** Set when the organiser cancelled the event (已取消). */
    cancelledAt: z.string().nullable(),
  })
  .meta({ id: 'Event' })
export type TEvent = z.infer<typeof ZEvent>

export const ZEventSummary = ZEvent.omit({ audience: true, description: true })
  .extend({ audienceCount: z.number().int() })
  .meta({ id: 'EventSummary' })
export type TEventSummary = z.infer<typeof ZEventSummary>

export const ZEventListQuery = z.object({
  as: z.enum(['attendee', 'organiser']).default('attendee'),
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const ZQr = z
  .object({
    payload: z.string(),
    slot: z.number().int(),
    /** When this payload is replaced by the next (show the next one from then on). */
    expiresAt: z.string(),
    /** The last moment a scan of this payload is accepted online (end of the next slot). */
    acceptedUntil: z.string(),
    serverTime: z.string(),
  })
  .meta({ id: 'Qr' })
export type TQr = z.infer<typeof ZQr>

export const ZDisplayQr = ZQr.extend({
  /** Null once the event is cancelled: the screen shows 已取消 and no code. */
  payload: z.string().nullable(),
  event: z.object({
    title: z.string(),
    kind: ZEventKind,
    signInOpensAt: z.string(),
    signInClosesAt: z.string(),
    phase: ZSignInPhase,
    cancelledAt: z.string().nullable(),
  }),
  attendance: z.object({ count: z.number().int(), expected: z.number().int() }),
}).meta({ id: 'DisplayQr' })
export type TDisplayQr = z.infer<typeof ZDisplayQr>

export const ZDisplayLink = z
  .object({
    id: z.number().int(),
    /** Only in the answer that creates it: the server keeps a hash. */
    token: z.string().optional(),
    /** The public API path the big screen polls. */
    qrPath: z.string().optional(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'DisplayLink' })
export type TDisplayLink = z.infer<typeof ZDisplayLink>

export const ZLocation = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Metres, as the phone reports it. */
  accuracy: z.number().min(0).max(100_000).optional(),
})

export const ZSignInBody = z
  .object({
    /** The scanned text, as read: anything that is not our payload is answered QR_INVALID. */
    payload: oneLine(z.string().max(4096), '二维码内容'),
    /** The device's time of the scan (kept with an offline scan). */
    scannedAt: ZIsoTime,
    location: ZLocation.nullable().optional(),
  })
  .meta({ id: 'SignInBody' })
export type TSignInBody = z.input<typeof ZSignInBody>

export const ZProxySignInBody = z
  .object({
    userId: ZRowId,
    reason: oneLine(z.string().trim().min(2, '请说明代签原因').max(200), '代签原因'),
  })
  .meta({ id: 'ProxySignInBody' })

export const ZSignIn = z
  .object({
    id: z.number().int(),
    eventId: z.number().int(),
    eventTitle: z.string(),
    userId: z.number().int(),
    /** Server time for 扫码 and 代签; the (checked) scan time for 离线补传. */
    signedInAt: z.string(),
    receivedAt: z.string(),
    scannedAt: z.string().nullable(),
    method: ZSignInMethod,
    flags: z.array(ZSignInFlag),
  })
  .meta({ id: 'SignIn' })
export type TSignIn = z.infer<typeof ZSignIn>

export const ZSignInResult = z
  .object({ result: z.enum(SIGN_IN_RESULTS), signIn: ZSignIn })
  .meta({ id: 'SignInResult' })
export type TSignInResult = z.infer<typeof ZSignInResult>

// ---------- pure helpers shared by the app and the server ----------

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
}
