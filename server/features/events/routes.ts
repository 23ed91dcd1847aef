import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZAttendance,
  ZAttendanceRate,
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
import { ZId } from '../../../src/models/org'
import { ZOk } from '../../../src/models/common'
import { PUBLIC, SIGNED_IN, type Access } from '../../core/access'
import { ENTERPRISE_LEAD_ROLES, EVENT_ORGANISER_ROLES } from '../../../src/models/roles'
import { requireAuth } from '../../core/auth'
import { eventOf } from './access'
import { attendance, attendanceRate, attendanceWorkbook } from './attendance'
import { createDisplayLink, currentQr, displayQr, listDisplayLinks, revokeDisplayLink } from './displayLinks'
import { createEvent, eventView, listEvents } from './events'
import { proxySignIn, signInWithPayload } from './signIn'
import { performWrite } from '../../core/writes'
import { errorResponses, sendAttachment, XLSX_CONTENT_TYPE } from '../../core/http'

const ZEventParams = z.object({ eventId: ZId })

/** Enterprise events are organised by the liaison or a branch secretary. */
const enterpriseOrganisers: Access = {
  kind: 'enterprise',
  param: 'enterpriseId',
  roles: EVENT_ORGANISER_ROLES.enterprise,
}
/** County events: a supervisor (or the office) of the organising department. */
const departmentOrganisers: Access = {
  kind: 'department',
  param: 'departmentId',
  roles: EVENT_ORGANISER_ROLES.department,
}
const organisers: Access = { kind: 'event', param: 'eventId' }
const organisersAndAudience: Access = { kind: 'event', param: 'eventId', audience: true }
/** Attendance rates: the enterprise's own leads, its supervising departments and the office. */
const rateViewers: Access = {
  kind: 'enterprise',
  param: 'enterpriseId',
  roles: ENTERPRISE_LEAD_ROLES,
  supervisor: true,
  office: true,
}

export interface EventRoutesOptions {
  maxOfflineDelayMs: number
}

const eventRoutes: FastifyPluginAsyncZod<EventRoutesOptions> = async (app, opts) => {
  const rules = { maxOfflineDelayMs: opts.maxOfflineDelayMs }
  const noStore = { 'cache-control': 'no-store' }

  app.post(
    '/api/v1/enterprises/:enterpriseId/events',
    {
      config: { access: enterpriseOrganisers },
      schema: {
        tags: ['events'],
        summary: '企业发起清廉文化活动（参加对象：本企业）',
        params: z.object({ enterpriseId: ZId }),
        body: ZEnterpriseEventCreate,
        response: { 201: ZEvent, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'event.create',
        status: 201,
        run: (trx) =>
          createEvent(
            trx,
            requireAuth(request),
            { kind: 'enterprise', id: request.params.enterpriseId },
            request.body,
            [request.params.enterpriseId],
            app.clock(),
          ),
      }),
  )

  app.post(
    '/api/v1/departments/:departmentId/events',
    {
      config: { access: departmentOrganisers },
      schema: {
        tags: ['events'],
        summary: '监管部门发起全县活动（参加对象：所选监管企业）',
        params: z.object({ departmentId: ZId }),
        body: ZCountyEventCreate,
        response: { 201: ZEvent, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'event.create',
        status: 201,
        run: (trx) =>
          createEvent(
            trx,
            requireAuth(request),
            { kind: 'department', id: request.params.departmentId },
            request.body,
            request.body.audienceEnterpriseIds,
            app.clock(),
          ),
      }),
  )

  app.get(
    '/api/v1/events',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['events'],
        summary: '我的活动：作为参加者或组织者，即将进行（含进行中）或已结束',
        querystring: ZEventListQuery,
        response: { 200: z.object({ events: z.array(ZEventSummary) }), ...errorResponses },
      },
    },
    async (request) => ({
      events: await listEvents(app.db, requireAuth(request), request.query, app.clock()),
    }),
  )

  app.get(
    '/api/v1/events/:eventId',
    {
      config: { access: organisersAndAudience },
      schema: {
        tags: ['events'],
        summary: '活动详情（含本人签到情况）',
        params: ZEventParams,
        response: { 200: ZEvent, ...errorResponses },
      },
    },
    async (request) => eventView(app.db, requireAuth(request), eventOf(request).event, app.clock()),
  )

  app.get(
    '/api/v1/events/:eventId/qr',
    {
      config: { access: organisers },
      schema: {
        tags: ['events'],
        summary: '当前签到二维码（每15秒更换，仅组织者）',
        params: ZEventParams,
        response: { 200: ZQr, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.headers(noStore)
      return currentQr(eventOf(request).event, app.clock())
    },
  )

  app.get(
    '/api/v1/events/:eventId/display-links',
    {
      config: { access: organisers },
      schema: {
        tags: ['events'],
        summary: '大屏链接（不含令牌本身）',
        params: ZEventParams,
        response: { 200: z.object({ links: z.array(ZDisplayLink) }), ...errorResponses },
      },
    },
    async (request) => ({ links: await listDisplayLinks(app.db, request.params.eventId) }),
  )

  app.post(
    '/api/v1/events/:eventId/display-links',
    {
      config: { access: organisers },
      schema: {
        tags: ['events'],
        summary: '生成大屏链接（令牌只在此处返回一次）',
        params: ZEventParams,
        response: { 201: ZDisplayLink, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'event.display_link.create',
        status: 201,
        run: (trx) => createDisplayLink(trx, requireAuth(request), eventOf(request).event, app.clock()),
      }),
  )

  app.delete(
    '/api/v1/events/:eventId/display-links/:linkId',
    {
      config: { access: organisers },
      schema: {
        tags: ['events'],
        summary: '撤销大屏链接',
        params: ZEventParams.extend({ linkId: ZId }),
        response: { 200: ZOk, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'event.display_link.revoke',
        run: (trx) =>
          revokeDisplayLink(
            trx,
            requireAuth(request),
            request.params.eventId,
            request.params.linkId,
            app.clock(),
          ),
      }),
  )

  app.get(
    '/api/v1/display/:displayToken/qr',
    {
      // The unguessable token is the permission; revoked or expired tokens answer like unknown ones. A screen
      // polls every 3 s; the limit stops token guessing, not projectors.
      config: { access: PUBLIC, rateLimit: { max: 240, timeWindow: 60_000 } },
      schema: {
        tags: ['events'],
        summary: '大屏：当前签到二维码、活动名称与实时签到人数（凭大屏令牌）',
        params: z.object({ displayToken: z.string().max(200) }),
        response: { 200: ZDisplayQr, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.headers(noStore)
      return displayQr(app.db, request.params.displayToken, app.clock())
    },
  )

  app.post(
    '/api/v1/sign-ins',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['events'],
        summary:
          '扫码签到：201 签到成功；200 已签到（返回首次记录）；4xx QR_INVALID / QR_EXPIRED / NOT_IN_AUDIENCE / OUTSIDE_WINDOW / LOCATION_REQUIRED / OUT_OF_RANGE',
        body: ZSignInBody,
        response: { 200: ZSignInResult, 201: ZSignInResult, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'sign_in.scan',
        status: 201,
        run: (trx) => signInWithPayload(trx, requireAuth(request), request.body, app.clock(), rules),
      }),
  )

  app.post(
    '/api/v1/events/:eventId/sign-ins/proxy',
    {
      config: { access: organisers },
      schema: {
        tags: ['events'],
        summary: '组织者代签（记录代签人与原因）',
        params: ZEventParams,
        body: ZProxySignInBody,
        response: { 200: ZSignInResult, 201: ZSignInResult, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'sign_in.proxy',
        status: 201,
        run: (trx) =>
          proxySignIn(trx, requireAuth(request), eventOf(request).event, request.body, app.clock()),
      }),
  )

  app.get(
    '/api/v1/events/:eventId/attendance',
    {
      config: { access: organisers },
      schema: {
        tags: ['events'],
        summary: '签到名单（手机号脱敏，含签到方式与标记）',
        params: ZEventParams,
        response: { 200: ZAttendance, ...errorResponses },
      },
    },
    async (request) => attendance(app.db, eventOf(request).event),
  )

  app.get(
    '/api/v1/events/:eventId/attendance.xlsx',
    {
      config: { access: organisers },
      schema: {
        tags: ['events'],
        summary: '导出签到名单（Excel）',
        params: ZEventParams,
      },
    },
    async (request, reply) => {
      const event = eventOf(request).event
      const content = await attendanceWorkbook(app.db, event)
      return sendAttachment(reply, {
        name: `${event.title}-签到名单.xlsx`,
        asciiName: `event-${event.id}-attendance.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        content,
      })
    },
  )

  app.get(
    '/api/v1/enterprises/:enterpriseId/attendance-rate',
    {
      config: { access: rateViewers },
      schema: {
        tags: ['events'],
        summary: '企业参加活动的应到、实到与到会率',
        params: z.object({ enterpriseId: ZId }),
        response: { 200: ZAttendanceRate, ...errorResponses },
      },
    },
    async (request) => attendanceRate(app.db, request.params.enterpriseId, app.clock()),
  )
}
export default eventRoutes
