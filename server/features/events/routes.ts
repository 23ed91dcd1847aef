import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZCountyEventCreate,
  ZDisplayLink,
  ZDisplayQr,
  ZEnterpriseEventCreate,
  ZEvent,
  ZEventListQuery,
  ZEventSummary,
  ZProxySignInBody,
  ZQr,
  ZSignInBody,
  ZSignInResult,
} from '../../../src/models/event'
import {
  ZAbsentees,
  ZAttendance,
  ZAttendanceQuery,
  ZAttendanceRate,
  type TAttendanceQuery,
} from '../../../src/models/attendance'
import { ZEventUpdate } from '../../../src/models/eventEdit'
import { ZId } from '../../../src/models/org'
import { ZOk } from '../../../src/models/common'
import {
  departmentAccess,
  enterpriseAccess,
  OUTSIDERS,
  PUBLIC,
  SIGNED_IN,
  type Access,
} from '../../core/access'
import { ENTERPRISE_LEAD_ROLES, EVENT_ORGANISER_ROLES } from '../../../src/models/roles'
import { requireAuth } from '../../core/auth'
import type { DbOrTrx } from '../../core/db/database'
import type { EventRow } from '../../core/db/schema'
import { eventOf } from './access'
import { absentees, attendance, attendanceExport, attendanceRate } from './attendance'
import { createDisplayLink, currentQr, displayQr, listDisplayLinks, revokeDisplayLink } from './displayLinks'
import { cancelEvent, createEvent, eventView, listEvents, organiserNames, updateEvent } from './events'
import { assertNotCancelled, proxySignIn, signInAtOnce, signInWithPayload } from './signIn'
import { featureRoutes, ZEnterpriseParams, ZDepartmentParams } from '../../core/routes'
import { perAddress } from '../../core/rateLimit'
import { sendAttachment, XLSX_CONTENT_TYPE } from '../../core/http'
import { exportFileName } from '../../../src/models/exportName'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { oneLine } from '../../../src/models/textLimit'

const ZEventParams = z.object({ eventId: ZId })

/** Enterprise events are organised by the liaison or a branch secretary. */
const enterpriseOrganisers = enterpriseAccess(EVENT_ORGANISER_ROLES.enterprise)
/** County events: a supervisor (or the office) of the organising department. */
const departmentOrganisers = departmentAccess(EVENT_ORGANISER_ROLES.department)
const organisers: Access = { kind: 'event', param: 'eventId' }
const organisersAndAudience: Access = { kind: 'event', param: 'eventId', audience: true }
/** Attendance rates: the enterprise's own leads, its supervising departments and the office. */
const rateViewers = enterpriseAccess(ENTERPRISE_LEAD_ROLES, OUTSIDERS)

export interface EventRoutesOptions {
  maxOfflineDelayMs: number
}

const eventRoutes: FastifyPluginAsyncZod<EventRoutesOptions> = async (app, opts) => {
  const rules = { maxOfflineDelayMs: opts.maxOfflineDelayMs, dialect: app.dialect }
  const noStore = { 'cache-control': 'no-store' }
  const { route, write } = featureRoutes(app, 'events')
  /** Enterprises and departments create events alike: the same answer, the same audit action. */
  const creation = { response: { 201: ZEvent }, action: 'event.create' }

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/events',
    {
      access: enterpriseOrganisers,
      summary: '企业发起清廉文化活动（参加对象：本企业）',
      params: ZEnterpriseParams,
      body: ZEnterpriseEventCreate,
      ...creation,
    },
    (request, trx) => {
      const { enterpriseId } = request.params
      const organiser = { kind: 'enterprise' as const, id: enterpriseId }
      return createEvent(trx, requireAuth(request), organiser, request.body, [enterpriseId], app.clock())
    },
  )

  write(
    'POST',
    '/api/v1/departments/:departmentId/events',
    {
      access: departmentOrganisers,
      summary: '监管部门发起全县活动（参加对象：所选监管企业）',
      params: ZDepartmentParams,
      body: ZCountyEventCreate,
      ...creation,
    },
    (request, trx) => {
      const organiser = { kind: 'department' as const, id: request.params.departmentId }
      const audience = request.body.audienceEnterpriseIds
      return createEvent(trx, requireAuth(request), organiser, request.body, audience, app.clock())
    },
  )

  route(
    'GET',
    '/api/v1/events',
    {
      access: SIGNED_IN,
      summary: '我的活动：作为参加者或组织者，即将进行（含进行中）或已结束',
      querystring: ZEventListQuery,
      response: { 200: z.object({ events: z.array(ZEventSummary) }) },
    },
    async (request) => ({
      events: await listEvents(app.db, requireAuth(request), request.query, app.clock()),
    }),
  )

  route(
    'GET',
    '/api/v1/events/:eventId',
    {
      access: organisersAndAudience,
      summary: '活动详情（含本人签到情况）',
      params: ZEventParams,
      response: { 200: ZEvent },
    },
    async (request) => eventView(app.db, requireAuth(request), eventOf(request).event, app.clock()),
  )

  write(
    'PATCH',
    '/api/v1/events/:eventId',
    {
      access: organisers,
      summary:
        '修改活动（组织者；时间按发起时的规则并对照当前时间校验：已开始的不能改开始时间，已开始签到的不能改签到开始，已结束的只能延后签到截止，最迟至结束后24小时）',
      params: ZEventParams,
      body: ZEventUpdate,
      response: { 200: ZEvent },
      action: 'event.update',
    },
    (request, trx) =>
      updateEvent(trx, requireAuth(request), request.params.eventId, request.body, app.clock()),
  )

  write(
    'POST',
    '/api/v1/events/:eventId/cancel',
    {
      access: organisers,
      summary: '取消活动（保留记录，标记已取消；不再计入到会率与即将进行的活动，不能再签到）',
      params: ZEventParams,
      response: { 200: ZEvent },
      action: 'event.cancel',
    },
    (request, trx) => cancelEvent(trx, requireAuth(request), eventOf(request).event, app.clock()),
  )

  route(
    'GET',
    '/api/v1/events/:eventId/qr',
    {
      access: organisers,
      summary: '当前签到二维码（每15秒更换，仅组织者）',
      params: ZEventParams,
      response: { 200: ZQr },
    },
    async (request, reply) => {
      reply.headers(noStore)
      const event = eventOf(request).event
      assertNotCancelled(event)
      return currentQr(event, app.clock())
    },
  )

  route(
    'GET',
    '/api/v1/events/:eventId/display-links',
    {
      access: organisers,
      summary: '大屏链接（不含令牌本身）',
      params: ZEventParams,
      response: { 200: z.object({ links: z.array(ZDisplayLink) }) },
    },
    async (request) => ({ links: await listDisplayLinks(app.db, request.params.eventId) }),
  )

  write(
    'POST',
    '/api/v1/events/:eventId/display-links',
    {
      access: organisers,
      summary: '生成大屏链接（令牌只在此处返回一次）',
      params: ZEventParams,
      response: { 201: ZDisplayLink },
      action: 'event.display_link.create',
      secretResult: true,
    },
    (request, trx) => createDisplayLink(trx, requireAuth(request), eventOf(request).event, app.clock()),
  )

  write(
    'DELETE',
    '/api/v1/events/:eventId/display-links/:linkId',
    {
      access: organisers,
      summary: '撤销大屏链接',
      params: ZEventParams.extend({ linkId: ZId }),
      response: { 200: ZOk },
      action: 'event.display_link.revoke',
    },
    (request, trx) => {
      const { eventId, linkId } = request.params
      return revokeDisplayLink(trx, requireAuth(request), eventId, linkId, app.clock())
    },
  )

  route(
    'GET',
    '/api/v1/display/:displayToken/qr',
    {
      // The unguessable token is the permission; revoked or expired tokens answer like unknown ones. A screen
      // polls every 3 s; the limit stops token guessing, not projectors.
      access: PUBLIC,
      limits: [perAddress('display-qr', 240)],
      summary: '大屏：当前签到二维码、活动名称与实时签到人数（凭大屏令牌）',
      params: z.object({ displayToken: oneLine(z.string().max(200)) }),
      response: { 200: ZDisplayQr },
    },
    async (request, reply) => {
      reply.headers(noStore)
      return displayQr(app.db, request.params.displayToken, app.clock())
    },
  )

  write(
    'POST',
    '/api/v1/sign-ins',
    {
      access: SIGNED_IN,
      summary:
        '扫码签到：201 签到成功；200 已签到（返回首次记录）；4xx QR_INVALID / QR_EXPIRED / NOT_IN_AUDIENCE / OUTSIDE_WINDOW / LOCATION_REQUIRED / OUT_OF_RANGE',
      body: ZSignInBody,
      response: { 200: ZSignInResult, 201: ZSignInResult },
      action: 'sign_in.scan',
    },
    (request, trx) => signInWithPayload(trx, requireAuth(request), request.body, app.clock(), rules),
    (request, db, key) => signInAtOnce(db, requireAuth(request), request.body, app.clock(), rules, key),
  )

  write(
    'POST',
    '/api/v1/events/:eventId/sign-ins/proxy',
    {
      access: organisers,
      summary: '组织者代签（记录代签人与原因）',
      params: ZEventParams,
      body: ZProxySignInBody,
      response: { 200: ZSignInResult, 201: ZSignInResult },
      action: 'sign_in.proxy',
    },
    (request, trx) =>
      proxySignIn(trx, requireAuth(request), eventOf(request).event, request.body, app.clock(), app.dialect),
  )

  /** The organisers' lists of an event's people, a page at a time. */
  const peopleList = <T extends z.ZodType>(
    list: string,
    summary: string,
    answer: T,
    page: (db: DbOrTrx, event: EventRow, query: TAttendanceQuery) => Promise<z.output<T>>,
  ) =>
    route(
      'GET',
      `/api/v1/events/:eventId/${list}`,
      {
        access: organisers,
        summary,
        params: ZEventParams,
        querystring: ZAttendanceQuery,
        response: { 200: answer },
      },
      async (request) => page(app.db, eventOf(request).event, request.query),
    )

  peopleList(
    'attendance',
    '已签到名单（分页，最早签到在前；手机号脱敏，含签到方式、代签人与标记；已取消的活动照常可查）',
    ZAttendance,
    attendance,
  )
  peopleList('absentees', '未签到名单（分页：参加企业已加入、尚未签到的人员，按企业）', ZAbsentees, absentees)

  route(
    'GET',
    '/api/v1/events/:eventId/attendance.xlsx',
    { access: organisers, summary: '导出签到表（Excel：签到名单、未签到、活动信息）', params: ZEventParams },
    async (request, reply) => {
      const event = eventOf(request).event
      const now = app.clock()
      // In line with the other exports, in a worker thread (core/exports).
      const { content } = await app.exporter.run(attendanceExport, event, now)
      const organiser = (await organiserNames(app.db, [event]))(event.organiser_kind, event.organiser_id)
      return sendAttachment(reply, {
        name: exportFileName({
          organisation: organiser,
          title: `${event.title}-签到表`,
          at: event.starts_at,
          ext: 'xlsx',
        }),
        asciiName: `event-${event.id}-attendance-${shanghaiDate(Date.parse(event.starts_at))}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        content,
      })
    },
  )

  route(
    'GET',
    '/api/v1/enterprises/:enterpriseId/attendance-rate',
    {
      access: rateViewers,
      summary: '企业参加活动的应到、实到与到会率',
      params: ZEnterpriseParams,
      response: { 200: ZAttendanceRate },
    },
    async (request) => attendanceRate(app.db, request.params.enterpriseId, app.clock()),
  )
}
export default eventRoutes
