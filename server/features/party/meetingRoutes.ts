import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZAttachmentKind,
  ZMeeting,
  ZMeetingAttachment,
  ZMeetingListQuery,
  ZMeetingSave,
  ZMeetingSummary,
  ZMeetingTemplate,
  ZMeetingType,
} from '../../../src/models/meeting'
import { ZId } from '../../../src/models/org'
import { ZOk } from '../../../src/models/common'
import { AppError } from '../../core/errors'
import { toMeetingAttachment } from '../files/repository'
import { removeFile, uploadFile } from '../files/service'
import { meetingDocx, recordTitle } from './docx'
import { requireAuth } from '../../core/auth'
import { listMeetings, loadMeeting, meetingTemplate, meetingView } from './meetings'
import { openSignInSession, saveMeeting, submitMeeting } from './meetingRecords'
import { BRANCH_READERS, BRANCH_WRITERS, branchOf } from './access'
import { performWrite } from '../../core/writes'
import { errorResponses, sendAttachment } from '../../core/http'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { BRANCH, ZBranchParams } from './routes'

const ZMeetingParams = ZBranchParams.extend({ meetingId: ZId })

/** A branch's meeting records: list, template, drafts, submission and corrections, QR sign-in, attachments, .docx. */
const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = app.fileLinks

  app.get(
    `${BRANCH}/meetings`,
    {
      config: { access: BRANCH_READERS },
      schema: {
        tags: ['party'],
        summary: '会议记录列表（按年度、类型）',
        params: ZBranchParams,
        querystring: ZMeetingListQuery,
        response: { 200: z.object({ meetings: z.array(ZMeetingSummary) }), ...errorResponses },
      },
    },
    async (request) => {
      const { branchId } = request.params
      return { meetings: await listMeetings(app.db, branchId, request.query) }
    },
  )

  app.get(
    `${BRANCH}/meetings/template`,
    {
      config: { access: BRANCH_WRITERS },
      schema: {
        tags: ['party'],
        summary: '以同类型上一次会议为模板开始新记录（议题、地点、主持人、记录人、列席）',
        params: ZBranchParams,
        querystring: z.object({ type: ZMeetingType }),
        response: { 200: ZMeetingTemplate, ...errorResponses },
      },
    },
    async (request) => {
      const { branchId } = request.params
      return meetingTemplate(app.db, branchId, request.query.type)
    },
  )

  app.post(
    `${BRANCH}/meetings`,
    {
      config: { access: BRANCH_WRITERS },
      schema: {
        tags: ['party'],
        summary: '新建会议记录（草稿；submit=true 时同时提交）',
        params: ZBranchParams,
        body: ZMeetingSave,
        response: { 201: ZMeeting, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request)
      const ctx = branchOf(request)
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
      config: { access: BRANCH_READERS },
      schema: {
        tags: ['party'],
        summary: '会议记录（含出缺席、附件与更正历史）',
        params: ZMeetingParams,
        response: { 200: ZMeeting, ...errorResponses },
      },
    },
    async (request) => {
      const { branchId, meetingId } = request.params
      const ctx = branchOf(request)
      return meetingView(app.db, links, ctx, await loadMeeting(app.db, branchId, meetingId))
    },
  )

  app.put(
    `${BRANCH}/meetings/:meetingId`,
    {
      config: { access: BRANCH_WRITERS },
      schema: {
        tags: ['party'],
        summary: '修改会议记录（已提交的须填写更正原因，原内容保留在更正历史中）',
        params: ZMeetingParams,
        body: ZMeetingSave,
        response: { 200: ZMeeting, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { branchId, meetingId } = request.params
      const auth = requireAuth(request)
      const ctx = branchOf(request)
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
      config: { access: BRANCH_WRITERS },
      schema: {
        tags: ['party'],
        summary: '提交会议记录（草稿 → 已提交，校验完整性）',
        params: ZMeetingParams,
        response: { 200: ZMeeting, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request)
      return performWrite(request, reply, {
        action: 'meeting.submit',
        run: (trx) =>
          submitMeeting(trx, links, auth, branchOf(request), request.params.meetingId, app.clock()),
      })
    },
  )

  app.post(
    `${BRANCH}/meetings/:meetingId/sign-in-session`,
    {
      config: { access: BRANCH_WRITERS },
      schema: {
        tags: ['party'],
        summary: '开启扫码签到（活动的滚动二维码；本支部党员扫码即计为出席）',
        params: ZMeetingParams,
        response: { 200: ZMeeting, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { branchId, meetingId } = request.params
      const auth = requireAuth(request)
      const ctx = branchOf(request)
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
      config: { access: BRANCH_WRITERS },
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
      await loadMeeting(app.db, branchId, meetingId)
      const kind = request.query.kind
      return uploadFile(request, reply, {
        action: 'meeting.attachment.upload',
        owner: { kind: 'meeting', enterpriseId, meetingId, attachmentKind: kind },
        target: { meetingId, kind },
        view: (row) => toMeetingAttachment(row, links),
      })
    },
  )

  app.delete(
    `${BRANCH}/meetings/:meetingId/attachments/:fileId`,
    {
      config: { access: BRANCH_WRITERS },
      schema: {
        tags: ['party'],
        summary: '撤下草稿的附件（文件记录保留）',
        params: ZMeetingParams.extend({ fileId: ZId }),
        response: { 200: ZOk, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { branchId, meetingId, fileId } = request.params
      const meeting = await loadMeeting(app.db, branchId, meetingId)
      if (meeting.status === 'submitted') throw new AppError(409, 'MEETING_CORRECTION_REASON_REQUIRED')
      return removeFile(request, reply, {
        action: 'meeting.attachment.remove',
        fileId,
        from: { meetingId },
      })
    },
  )

  app.get(
    `${BRANCH}/meetings/:meetingId/record.docx`,
    {
      config: { access: BRANCH_READERS },
      schema: {
        tags: ['party'],
        summary: '导出会议记录（Word .docx，会议记录格式）',
        params: ZMeetingParams,
      },
    },
    async (request, reply) => {
      const { branchId, meetingId } = request.params
      const ctx = branchOf(request)
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
