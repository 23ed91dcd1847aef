import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
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
  ZCorrectionReason,
} from '../../../src/models/meeting'
import { ZId } from '../../../src/models/org'
import { ZOk } from '../../../src/models/common'
import { AppError } from '../../core/errors'
import { toMeetingAttachment } from '../files/repository'
import { removeFile, uploadFile } from '../files/service'
import { meetingImages, recordTitle } from './docx'
import { requireAuth } from '../../core/auth'
import { listMeetings, loadMeeting, meetingTemplate, meetingView } from './meetings'
import { openSignInSession, saveMeeting, submitMeeting, type MeetingWrite } from './meetingRecords'
import { attachmentChange, deleteDraft } from './meetingCorrections'
import { performWrite } from '../../core/writes'
import { BRANCH_READERS, BRANCH_WRITERS, branchOf } from './access'
import { featureRoutes } from '../../core/routes'
import { sendAttachment } from '../../core/http'
import { exportFileName } from '../../../src/models/exportName'
import type { DbOrTrx } from '../../core/db/database'
import type { Database } from '../../core/db/schema'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { BRANCH, ZBranchParams } from './routes'

const ZMeetingParams = ZBranchParams.extend({ meetingId: ZId })
type MeetingRequest = FastifyRequest & { params: { branchId: number; meetingId: number } }

/** A branch's meeting records: list, template, drafts, submission and corrections, QR sign-in, attachments, .docx. */
const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = app.fileLinks
  const { route, write } = featureRoutes(app, 'party')
  /** The branch the access check loaded, the caller and the time, for one write. */
  const actor = (request: FastifyRequest): Omit<MeetingWrite, 'trx'> => ({
    links,
    auth: requireAuth(request),
    ctx: branchOf(request),
    now: app.clock(),
  })
  const writer = (request: FastifyRequest, trx: Transaction<Database>): MeetingWrite => ({
    trx,
    ...actor(request),
  })
  /** The meeting of `:meetingId`, in that branch only (another branch's answers 404); `lock` for a write. */
  const meetingOf = (request: MeetingRequest, db: DbOrTrx, lock = false) =>
    loadMeeting(db, request.params.branchId, request.params.meetingId, lock)

  route(
    'GET',
    `${BRANCH}/meetings`,
    {
      access: BRANCH_READERS,
      summary: '会议记录列表（按年度、类型）',
      params: ZBranchParams,
      querystring: ZMeetingListQuery,
      response: { 200: z.object({ meetings: z.array(ZMeetingSummary) }) },
    },
    async (request) => ({ meetings: await listMeetings(app.db, request.params.branchId, request.query) }),
  )

  route(
    'GET',
    `${BRANCH}/meetings/template`,
    {
      access: BRANCH_WRITERS,
      summary: '以同类型上一次会议为模板开始新记录（议题、地点、主持人、记录人、列席）',
      params: ZBranchParams,
      querystring: z.object({ type: ZMeetingType }),
      response: { 200: ZMeetingTemplate },
    },
    async (request) => meetingTemplate(app.db, request.params.branchId, request.query.type),
  )

  write(
    'POST',
    `${BRANCH}/meetings`,
    {
      access: BRANCH_WRITERS,
      summary: '新建会议记录（草稿；submit=true 时同时提交）',
      params: ZBranchParams,
      body: ZMeetingSave,
      response: { 201: ZMeeting },
      action: 'meeting.create',
    },
    (request, trx) => saveMeeting(writer(request, trx), null, request.body),
  )

  route(
    'GET',
    `${BRANCH}/meetings/:meetingId`,
    {
      access: BRANCH_READERS,
      summary: '会议记录（含出缺席、附件与更正历史）',
      params: ZMeetingParams,
      response: { 200: ZMeeting },
    },
    async (request) => meetingView(app.db, links, branchOf(request), await meetingOf(request, app.db)),
  )

  write(
    'PUT',
    `${BRANCH}/meetings/:meetingId`,
    {
      access: BRANCH_WRITERS,
      summary: '修改会议记录（已提交的须填写更正原因，原内容保留在更正历史中）',
      params: ZMeetingParams,
      body: ZMeetingSave,
      response: { 200: ZMeeting },
      action: 'meeting.update',
    },
    async (request, trx) =>
      saveMeeting(writer(request, trx), await meetingOf(request, trx, true), request.body),
  )

  write(
    'POST',
    `${BRANCH}/meetings/:meetingId/submit`,
    {
      access: BRANCH_WRITERS,
      summary: '提交会议记录（草稿 → 已提交，校验完整性）',
      params: ZMeetingParams,
      response: { 200: ZMeeting },
      action: 'meeting.submit',
    },
    (request, trx) => submitMeeting(writer(request, trx), request.params.meetingId),
  )

  write(
    'POST',
    `${BRANCH}/meetings/:meetingId/sign-in-session`,
    {
      access: BRANCH_WRITERS,
      summary: '开启扫码签到（活动的滚动二维码；本支部党员扫码即计为出席）',
      params: ZMeetingParams,
      response: { 200: ZMeeting },
      action: 'meeting.sign_in_session',
    },
    async (request, trx) => openSignInSession(writer(request, trx), await meetingOf(request, trx, true)),
  )

  route(
    'DELETE',
    `${BRANCH}/meetings/:meetingId`,
    {
      access: BRANCH_WRITERS,
      summary: '删除草稿（仅草稿；附件一并撤下，已开启的扫码签到随之取消；已提交的记录只能更正）',
      params: ZMeetingParams,
      response: { 200: ZOk },
    },
    async (request, reply) => {
      let released: string[] = []
      const result = await performWrite(request, reply, {
        action: 'meeting.delete',
        run: async (trx) => {
          const { releasedKeys, ...outcome } = await deleteDraft(
            writer(request, trx),
            request.params.meetingId,
          )
          released = releasedKeys
          return outcome
        },
      })
      // The bytes go once the deletion is committed (a rolled-back one keeps them).
      await Promise.all(released.map((key) => app.fileStore.remove(key).catch(() => undefined)))
      return result
    },
  )

  /** A submitted record's attachments change only with a 更正 reason, and each change is a revision. */
  const ZAttachmentChange = z.object({ correctionReason: ZCorrectionReason.optional() })

  route(
    'POST',
    `${BRANCH}/meetings/:meetingId/attachments`,
    {
      access: BRANCH_WRITERS,
      summary:
        '上传会议附件：签到表、现场照片（图片或 PDF，multipart 字段 file）；已提交的记录须附更正原因（correctionReason），记入更正历史',
      params: ZMeetingParams,
      querystring: ZAttachmentChange.extend({ kind: ZAttachmentKind.default('photo') }),
      response: { 201: ZMeetingAttachment },
    },
    async (request, reply) => {
      const { enterpriseId, meetingId } = request.params
      const { kind, correctionReason } = request.query
      const meeting = await meetingOf(request, app.db)
      // Checked again under the record's lock; refused here before the file is received.
      if (meeting.status === 'submitted' && !correctionReason)
        throw new AppError(409, 'MEETING_CORRECTION_REASON_REQUIRED')
      return uploadFile(request, reply, {
        action: 'meeting.attachment.upload',
        owner: { kind: 'meeting', enterpriseId, meetingId, attachmentKind: kind },
        target: { meetingId, kind, ...(correctionReason ? { correctionReason } : {}) },
        view: (row) => toMeetingAttachment(row, links),
        within: attachmentChange(actor(request), meetingId, correctionReason),
      })
    },
  )

  route(
    'DELETE',
    `${BRANCH}/meetings/:meetingId/attachments/:fileId`,
    {
      access: BRANCH_WRITERS,
      summary: '撤下会议附件（文件记录保留）；已提交的记录须附更正原因（correctionReason），记入更正历史',
      params: ZMeetingParams.extend({ fileId: ZId }),
      querystring: ZAttachmentChange,
      response: { 200: ZOk },
    },
    async (request, reply) => {
      const { meetingId, fileId } = request.params
      const { correctionReason } = request.query
      const meeting = await meetingOf(request, app.db)
      if (meeting.status === 'submitted' && !correctionReason)
        throw new AppError(409, 'MEETING_CORRECTION_REASON_REQUIRED')
      return removeFile(request, reply, {
        action: 'meeting.attachment.remove',
        fileId,
        from: { meetingId },
        within: attachmentChange(actor(request), meetingId, correctionReason),
      })
    },
  )

  route(
    'GET',
    `${BRANCH}/meetings/:meetingId/record.docx`,
    {
      access: BRANCH_READERS,
      summary: '导出会议记录（Word .docx，会议记录格式）',
      params: ZMeetingParams,
    },
    async (request, reply) => {
      const meeting = await meetingView(app.db, links, branchOf(request), await meetingOf(request, app.db))
      const images = await meetingImages(app.db, app.fileStore, meeting.id)
      // Built in an export worker, in line with the other exports (core/exports).
      const content = await app.exporter.document('meetingRecord', { meeting, images: [...images] })
      // The meeting's own day in 北京时间 (a 05:30 meeting is not dated the day before).
      const date = shanghaiDate(Date.parse(meeting.startsAt))
      return sendAttachment(reply, {
        name: exportFileName({
          organisation: meeting.branchName,
          title: `${recordTitle(meeting)}${meeting.status === 'draft' ? '（草稿）' : ''}`,
          at: meeting.startsAt,
          ext: 'docx',
        }),
        asciiName: `meeting-${meeting.id}-${date}.docx`,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        content,
      })
    },
  )
}
export default meetingRoutes
