import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZAttachmentKind,
  ZBranchDetail,
  ZBranchSummary,
  ZCompliance,
  ZComplianceQuery,
  ZDueItem,
  ZMeeting,
  ZMeetingAttachment,
  ZMeetingListQuery,
  ZMeetingSave,
  ZMeetingSummary,
  ZMeetingTemplate,
  ZMeetingType,
  ZPartyGroup,
  ZPartyGroupCreate,
  ZPartyMember,
  ZPartyMemberCreate,
  ZPartyMemberUpdate,
  ZPartySupervision,
  ZReminderRun,
  ZSubscribeConsent,
  ZSubscribeStatus,
  type TMeetingSaveData,
} from '../../src/models/meeting'
import { ENTERPRISE_ROLES, ZId } from '../../src/models/org'
import { ZOk } from '../../src/models/common'
import { shanghaiDate, shanghaiParts } from '../../src/models/meetingCompliance'
import { OFFICE, SIGNED_IN, SUPERVISORS, type Access } from '../lib/access'
import { AppError, notFound } from '../lib/errors'
import { receiveUpload } from '../lib/files'
import { meetingDocx, recordTitle } from '../lib/docxMeeting'
import { SubscribeMessageSender, type SubscribeConfig } from '../lib/subscribeMessages'
import { requireAuth } from '../plugins/auth'
import {
  addGroup,
  addMember,
  branchCompliance,
  branchDetail,
  dueForUser,
  listMeetings,
  loadBranch,
  loadMeeting,
  meetingTemplate,
  meetingView,
  myBranches,
  openSignInSession,
  partySupervision,
  saveMeeting,
  updateMember,
  yearWorkbook,
} from '../services/meetings'
import { recordConsent, sendMeetingReminders, subscribeStatus } from '../services/meetingReminders'
import { performWrite } from '../services/writes'
import { errorResponses, sendAttachment, XLSX_CONTENT_TYPE } from './common'

const ZBranchParams = z.object({ enterpriseId: ZId, branchId: ZId })
const ZMeetingParams = ZBranchParams.extend({ meetingId: ZId })
const BRANCH = '/api/v1/enterprises/:enterpriseId/party-branches/:branchId'

/**
 * Reading: the enterprise's members (the service narrows this to the branch's own members and the
 * enterprise's leads), its supervising departments and the office. Writing: members of the enterprise
 * only; the service admits the branch's secretary and committee and tells everyone else 403.
 */
const readers: Access = {
  kind: 'enterprise',
  param: 'enterpriseId',
  roles: ENTERPRISE_ROLES,
  supervisor: true,
  office: true,
}
const writers: Access = { kind: 'enterprise', param: 'enterpriseId', roles: ENTERPRISE_ROLES }

export interface MeetingRoutesOptions {
  subscribe: SubscribeConfig
  /** How often reminders are sent (0: never by timer). */
  reminderIntervalMs: number
}

const meetingRoutes: FastifyPluginAsyncZod<MeetingRoutesOptions> = async (app, opts) => {
  const links = app.fileLinks
  const store = app.fileStore
  const sender = new SubscribeMessageSender(opts.subscribe, () => app.clock())

  if (opts.reminderIntervalMs > 0 && sender.configured) {
    let timer: NodeJS.Timeout | null = null
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        sendMeetingReminders(app.db, sender, app.clock()).catch((error) =>
          app.log.error({ err: error }, 'meeting reminders failed'),
        )
      }, opts.reminderIntervalMs)
      timer.unref()
    })
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer)
    })
  }

  // ---------- the caller's own ----------

  app.get(
    '/api/v1/party/branches',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['party'],
        summary: '我的党支部（书记、支委、党员，或企业联络员、负责人）',
        response: { 200: z.object({ branches: z.array(ZBranchSummary) }), ...errorResponses },
      },
    },
    async (request) => ({ branches: await myBranches(app.db, requireAuth(request)) }),
  )

  app.get(
    '/api/v1/party/due',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['party'],
        summary: '7天内到期的三会一课（本人填写记录的支部）',
        response: { 200: z.object({ items: z.array(ZDueItem) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await dueForUser(app.db, requireAuth(request), app.clock()) }),
  )

  app.get(
    '/api/v1/party/subscriptions',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['party'],
        summary: '订阅消息：可申请的模板与本人尚未使用的同意次数',
        response: { 200: ZSubscribeStatus, ...errorResponses },
      },
    },
    async (request) => subscribeStatus(app.db, requireAuth(request), sender),
  )

  app.post(
    '/api/v1/party/subscriptions',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['party'],
        summary: '记录用户在小程序中对订阅消息的选择（每次同意可发送一条提醒）',
        body: ZSubscribeConsent,
        response: {
          201: ZSubscribeStatus.extend({ recorded: z.number().int() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'subscribe.consent',
        status: 201,
        run: (trx) => recordConsent(trx, requireAuth(request), request.body, app.clock()),
      }),
  )

  app.post(
    '/api/v1/party/reminders/send',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['party'],
        summary: '立即发送三会一课到期提醒（订阅消息）',
        response: { 200: ZReminderRun, ...errorResponses },
      },
    },
    async () => sendMeetingReminders(app.db, sender, app.clock()),
  )

  app.get(
    '/api/v1/supervision/party',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['party'],
        summary: '监管：所监管企业各党支部本月是否报送、年度完成率（未报送在前）',
        response: { 200: ZPartySupervision, ...errorResponses },
      },
    },
    async (request) => partySupervision(app.db, requireAuth(request), app.clock()),
  )

  // ---------- a branch ----------

  app.get(
    BRANCH,
    {
      config: { access: readers },
      schema: {
        tags: ['party'],
        summary: '党支部：书记、党员名册、党小组',
        params: ZBranchParams,
        response: { 200: ZBranchDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { enterpriseId, branchId } = request.params
      const ctx = await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'read')
      return branchDetail(app.db, ctx)
    },
  )

  app.post(
    `${BRANCH}/members`,
    {
      config: { access: writers },
      schema: {
        tags: ['party'],
        summary: '添加党员（可关联本企业成员账号）',
        params: ZBranchParams,
        body: ZPartyMemberCreate,
        response: { 201: ZPartyMember, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId } = request.params
      const ctx = await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'write')
      return performWrite(request, reply, {
        action: 'party_member.create',
        status: 201,
        run: (trx) => addMember(trx, ctx, request.body, app.clock()),
      })
    },
  )

  app.patch(
    `${BRANCH}/members/:memberId`,
    {
      config: { access: writers },
      schema: {
        tags: ['party'],
        summary: '修改党员信息（职务、党小组、转出）',
        params: ZBranchParams.extend({ memberId: ZId }),
        body: ZPartyMemberUpdate,
        response: { 200: ZPartyMember, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId, memberId } = request.params
      const ctx = await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'write')
      return performWrite(request, reply, {
        action: 'party_member.update',
        run: (trx) => updateMember(trx, ctx, memberId, request.body, app.clock()),
      })
    },
  )

  app.post(
    `${BRANCH}/groups`,
    {
      config: { access: writers },
      schema: {
        tags: ['party'],
        summary: '新增党小组',
        params: ZBranchParams,
        body: ZPartyGroupCreate,
        response: { 201: ZPartyGroup, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId } = request.params
      const ctx = await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'write')
      return performWrite(request, reply, {
        action: 'party_group.create',
        status: 201,
        run: (trx) => addGroup(trx, ctx, request.body.name, app.clock()),
      })
    },
  )

  app.get(
    `${BRANCH}/compliance`,
    {
      config: { access: readers },
      schema: {
        tags: ['party'],
        summary: '三会一课日历：各类型每月/每季度 已完成 / 待开展 / 已逾期，年度完成率',
        params: ZBranchParams,
        querystring: ZComplianceQuery,
        response: { 200: ZCompliance, ...errorResponses },
      },
    },
    async (request) => {
      const { enterpriseId, branchId } = request.params
      const ctx = await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'read')
      const now = app.clock()
      return branchCompliance(app.db, ctx.branch, request.query.year ?? shanghaiParts(now).year, now)
    },
  )

  app.get(
    `${BRANCH}/year.xlsx`,
    {
      config: { access: readers },
      schema: {
        tags: ['party'],
        summary: '导出支部年度三会一课台账（Excel）',
        params: ZBranchParams,
        querystring: ZComplianceQuery,
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId } = request.params
      const ctx = await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'read')
      const now = app.clock()
      const year = request.query.year ?? shanghaiParts(now).year
      const content = await yearWorkbook(app.db, ctx.branch, year, now)
      return sendAttachment(reply, {
        name: `${ctx.branch.name}-${year}年三会一课台账.xlsx`,
        asciiName: `branch-${branchId}-${year}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        content,
      })
    },
  )

  // ---------- meeting records ----------

  app.get(
    `${BRANCH}/meetings`,
    {
      config: { access: readers },
      schema: {
        tags: ['party'],
        summary: '会议记录列表（按年度、类型）',
        params: ZBranchParams,
        querystring: ZMeetingListQuery,
        response: { 200: z.object({ meetings: z.array(ZMeetingSummary) }), ...errorResponses },
      },
    },
    async (request) => {
      const { enterpriseId, branchId } = request.params
      await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'read')
      return { meetings: await listMeetings(app.db, branchId, request.query) }
    },
  )

  app.get(
    `${BRANCH}/meetings/template`,
    {
      config: { access: writers },
      schema: {
        tags: ['party'],
        summary: '以同类型上一次会议为模板开始新记录（议题、地点、主持人、记录人、列席）',
        params: ZBranchParams,
        querystring: z.object({ type: ZMeetingType }),
        response: { 200: ZMeetingTemplate, ...errorResponses },
      },
    },
    async (request) => {
      const { enterpriseId, branchId } = request.params
      await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'write')
      return meetingTemplate(app.db, branchId, request.query.type)
    },
  )

  app.post(
    `${BRANCH}/meetings`,
    {
      config: { access: writers },
      schema: {
        tags: ['party'],
        summary: '新建会议记录（草稿；submit=true 时同时提交）',
        params: ZBranchParams,
        body: ZMeetingSave,
        response: { 201: ZMeeting, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId } = request.params
      const auth = requireAuth(request)
      const ctx = await loadBranch(app.db, auth, enterpriseId, branchId, 'write')
      return performWrite(request, reply, {
        action: 'meeting.create',
        status: 201,
        run: (trx) => saveMeeting(trx, links, auth, ctx, null, request.body, app.clock()),
      })
    },
  )

  app.get(
    `${BRANCH}/meetings/:meetingId`,
    {
      config: { access: readers },
      schema: {
        tags: ['party'],
        summary: '会议记录（含出缺席、附件与更正历史）',
        params: ZMeetingParams,
        response: { 200: ZMeeting, ...errorResponses },
      },
    },
    async (request) => {
      const { enterpriseId, branchId, meetingId } = request.params
      const ctx = await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'read')
      return meetingView(app.db, links, ctx, await loadMeeting(app.db, branchId, meetingId))
    },
  )

  app.put(
    `${BRANCH}/meetings/:meetingId`,
    {
      config: { access: writers },
      schema: {
        tags: ['party'],
        summary: '修改会议记录（已提交的须填写更正原因，原内容保留在更正历史中）',
        params: ZMeetingParams,
        body: ZMeetingSave,
        response: { 200: ZMeeting, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId, meetingId } = request.params
      const auth = requireAuth(request)
      const ctx = await loadBranch(app.db, auth, enterpriseId, branchId, 'write')
      return performWrite(request, reply, {
        action: 'meeting.update',
        run: async (trx) => {
          const existing = await loadMeeting(trx, branchId, meetingId)
          return saveMeeting(trx, links, auth, ctx, existing, request.body, app.clock())
        },
      })
    },
  )

  app.post(
    `${BRANCH}/meetings/:meetingId/submit`,
    {
      config: { access: writers },
      schema: {
        tags: ['party'],
        summary: '提交会议记录（草稿 → 已提交，校验完整性）',
        params: ZMeetingParams,
        response: { 200: ZMeeting, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId, meetingId } = request.params
      const auth = requireAuth(request)
      const ctx = await loadBranch(app.db, auth, enterpriseId, branchId, 'write')
      return performWrite(request, reply, {
        action: 'meeting.submit',
        run: async (trx) => {
          const existing = await loadMeeting(trx, branchId, meetingId)
          if (existing.status === 'submitted')
            return {
              result: await meetingView(trx, links, ctx, existing),
              entityType: 'meeting',
              entityId: existing.id,
              detail: { repeat: true },
            }
          const view = await meetingView(trx, links, ctx, existing)
          const data: TMeetingSaveData = {
            type: view.type,
            groupId: view.groupId,
            topic: view.topic,
            startsAt: view.startsAt,
            place: view.place,
            host: view.host,
            recorder: view.recorder,
            attendance: view.attendance.map((a) => ({
              memberId: a.memberId,
              status: a.status,
              reason: a.reason,
            })),
            nonMemberAttendees: view.nonMemberAttendees,
            minutes: view.minutes,
            decisions: view.decisions,
            submit: true,
          }
          return saveMeeting(trx, links, auth, ctx, existing, data, app.clock())
        },
      })
    },
  )

  app.post(
    `${BRANCH}/meetings/:meetingId/sign-in-session`,
    {
      config: { access: writers },
      schema: {
        tags: ['party'],
        summary: '开启扫码签到（活动的滚动二维码；本支部党员扫码即计为出席）',
        params: ZMeetingParams,
        response: { 200: ZMeeting, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId, meetingId } = request.params
      const auth = requireAuth(request)
      const ctx = await loadBranch(app.db, auth, enterpriseId, branchId, 'write')
      return performWrite(request, reply, {
        action: 'meeting.sign_in_session',
        run: async (trx) =>
          openSignInSession(trx, links, auth, ctx, await loadMeeting(trx, branchId, meetingId), app.clock()),
      })
    },
  )

  app.post(
    `${BRANCH}/meetings/:meetingId/attachments`,
    {
      config: { access: writers },
      schema: {
        tags: ['party'],
        summary: '上传会议附件：签到表、现场照片（图片或 PDF，multipart 字段 file）',
        params: ZMeetingParams,
        querystring: z.object({ kind: ZAttachmentKind.default('photo') }),
        response: { 201: ZMeetingAttachment, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId, meetingId } = request.params
      const auth = requireAuth(request)
      await loadBranch(app.db, auth, enterpriseId, branchId, 'write')
      await loadMeeting(app.db, branchId, meetingId)
      const file = await receiveUpload(request, store, app.uploadMaxBytes)
      const kind = request.query.kind
      try {
        return await performWrite(request, reply, {
          action: 'meeting.attachment.upload',
          status: 201,
          fingerprint: { meetingId, kind, sha256: file.sha256 },
          run: async (trx) => {
            const inserted = await trx
              .insertInto('evidence_files')
              .values({
                enterprise_id: enterpriseId,
                assessment_id: null,
                item_code: null,
                rectification_id: null,
                meeting_id: meetingId,
                attachment_kind: kind,
                filename: file.filename,
                mime: file.mime,
                size: file.size,
                sha256: file.sha256,
                storage_key: file.storageKey,
                uploaded_by: auth.user.id,
                deleted_at: null,
                created_at: new Date(app.clock()).toISOString(),
              })
              .returningAll()
              .executeTakeFirstOrThrow()
            return {
              result: {
                id: inserted.id,
                kind,
                filename: inserted.filename,
                mime: inserted.mime,
                size: inserted.size,
                sha256: inserted.sha256,
                url: links.link(inserted.id),
                createdAt: inserted.created_at,
              },
              entityType: 'evidence_file',
              entityId: inserted.id,
              detail: { meetingId, kind, sha256: inserted.sha256 },
            }
          },
        })
      } catch (error) {
        await store.remove(file.storageKey)
        throw error
      }
    },
  )

  app.delete(
    `${BRANCH}/meetings/:meetingId/attachments/:fileId`,
    {
      config: { access: writers },
      schema: {
        tags: ['party'],
        summary: '撤下草稿的附件（文件记录保留）',
        params: ZMeetingParams.extend({ fileId: ZId }),
        response: { 200: ZOk, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId, meetingId, fileId } = request.params
      await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'write')
      const meeting = await loadMeeting(app.db, branchId, meetingId)
      if (meeting.status === 'submitted') throw new AppError(409, 'MEETING_CORRECTION_REASON_REQUIRED')
      return performWrite(request, reply, {
        action: 'meeting.attachment.remove',
        run: async (trx) => {
          const removed = await trx
            .updateTable('evidence_files')
            .set({ deleted_at: new Date(app.clock()).toISOString() })
            .where('id', '=', fileId)
            .where('meeting_id', '=', meetingId)
            .where('deleted_at', 'is', null)
            .executeTakeFirst()
          if (Number(removed.numUpdatedRows) !== 1) throw notFound()
          return { result: { ok: true as const }, entityType: 'evidence_file', entityId: fileId }
        },
      })
    },
  )

  app.get(
    `${BRANCH}/meetings/:meetingId/record.docx`,
    {
      config: { access: readers },
      schema: {
        tags: ['party'],
        summary: '导出会议记录（Word .docx，会议记录格式）',
        params: ZMeetingParams,
      },
    },
    async (request, reply) => {
      const { enterpriseId, branchId, meetingId } = request.params
      const ctx = await loadBranch(app.db, requireAuth(request), enterpriseId, branchId, 'read')
      const meeting = await meetingView(app.db, links, ctx, await loadMeeting(app.db, branchId, meetingId))
      const content = await meetingDocx(meeting, app.clock())
      const date = shanghaiDate(Date.parse(meeting.startsAt))
      return sendAttachment(reply, {
        name: `${date}${recordTitle(meeting)}.docx`,
        asciiName: `meeting-${meeting.id}.docx`,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        content,
      })
    },
  )
}
export default meetingRoutes
