import fs from 'node:fs'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZAcceptBody,
  ZAnswersSave,
  ZAssessment,
  ZAssessmentSummary,
  ZCampaign,
  ZCampaignCreate,
  ZEvidenceFile,
  ZRectification,
  ZRectificationNotice,
  ZRectificationRespond,
  ZRectificationVerify,
  ZReturnBody,
  ZSupervisionOverview,
} from '../../src/models/assessment'
import { ENTERPRISE_ROLES, ZId } from '../../src/models/org'
import { OFFICE, PUBLIC, SIGNED_IN, SUPERVISORS, type Access } from '../lib/access'
import { AppError, notFound } from '../lib/errors'
import { receiveUpload } from '../lib/files'
import { requireAuth } from '../plugins/auth'
import {
  acceptAssessment,
  assessmentView,
  createCampaign,
  listCampaigns,
  listEnterpriseAssessments,
  loadAssessment,
  returnAssessment,
  saveAnswers,
  submitAssessment,
} from '../services/assessments'
import {
  listRectifications,
  rectificationView,
  issueRectificationNotice,
  respondToRectification,
  verifyRectification,
} from '../services/rectifications'
import { performWrite } from '../services/writes'
import { supervisionOverview } from '../services/supervision'
import { supervisionLedger } from '../services/ledger'
import { errorResponses, sendAttachment, XLSX_CONTENT_TYPE } from './common'

const ZEnterpriseParams = z.object({ enterpriseId: ZId })
const ZAssessmentParams = z.object({ enterpriseId: ZId, assessmentId: ZId })
const ZRectificationParams = z.object({ enterpriseId: ZId, rectificationId: ZId })

const viewers: Access = {
  kind: 'enterprise',
  param: 'enterpriseId',
  roles: ENTERPRISE_ROLES,
  supervisor: true,
  office: true,
}
const liaison: Access = { kind: 'enterprise', param: 'enterpriseId', roles: ['liaison'] }
// The enterprise never reviews itself: only its supervising departments and the office.
const reviewers: Access = {
  kind: 'enterprise',
  param: 'enterpriseId',
  roles: [],
  supervisor: true,
  office: true,
}

const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = app.fileLinks
  const store = app.fileStore

  /** Reads the one uploaded file, checks its size and real type, stores it; the caller records it. */
  /**
   * Receives the file, then records it in one write (audit + Idempotency-Key, keyed on the file's hash);
   * the stored bytes are removed again if the record is not written. A 整改's evidence is attached to it
   * when the liaison responds.
   */
  async function uploadEvidence(
    request: FastifyRequest,
    reply: FastifyReply,
    target: {
      enterpriseId: number
      assessmentId: number | null
      itemCode: string | null
      rectificationId: number | null
    },
  ) {
    const file = await receiveUpload(request, store, app.uploadMaxBytes)
    try {
      return await performWrite(request, reply, {
        action: 'evidence.upload',
        status: 201,
        fingerprint: { ...target, sha256: file.sha256 },
        run: async (trx) => {
          const inserted = await trx
            .insertInto('evidence_files')
            .values({
              enterprise_id: target.enterpriseId,
              assessment_id: target.assessmentId,
              item_code: target.itemCode,
              rectification_id: null,
              filename: file.filename,
              mime: file.mime,
              size: file.size,
              sha256: file.sha256,
              storage_key: file.storageKey,
              uploaded_by: requireAuth(request).user.id,
              deleted_at: null,
              created_at: new Date().toISOString(),
            })
            .returningAll()
            .executeTakeFirstOrThrow()
          return {
            result: {
              id: inserted.id,
              itemCode: target.itemCode ?? '',
              filename: inserted.filename,
              mime: inserted.mime,
              size: inserted.size,
              sha256: inserted.sha256,
              url: links.link(inserted.id),
              createdAt: inserted.created_at,
            },
            entityType: 'evidence_file',
            entityId: inserted.id,
            detail: { ...target, sha256: inserted.sha256 },
          }
        },
      })
    } catch (error) {
      await store.remove(file.storageKey)
      throw error
    }
  }

  app.post(
    '/api/v1/campaigns',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['assessments'],
        summary: '发起自查期次',
        body: ZCampaignCreate,
        response: { 201: ZCampaign, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'campaign.create',
        status: 201,
        run: (trx) => createCampaign(trx, requireAuth(request), request.body),
      }),
  )

  app.get(
    '/api/v1/campaigns',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['assessments'],
        summary: '自查期次',
        response: { 200: z.object({ campaigns: z.array(ZCampaign) }), ...errorResponses },
      },
    },
    async (request) => ({ campaigns: await listCampaigns(app.db, requireAuth(request)) }),
  )

  app.get(
    '/api/v1/enterprises/:enterpriseId/assessments',
    {
      config: { access: viewers },
      schema: {
        tags: ['assessments'],
        summary: '企业历次自查',
        params: ZEnterpriseParams,
        response: { 200: z.object({ assessments: z.array(ZAssessmentSummary) }), ...errorResponses },
      },
    },
    async (request) => ({
      assessments: await listEnterpriseAssessments(app.db, request.params.enterpriseId),
    }),
  )

  app.get(
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId',
    {
      config: { access: viewers },
      schema: {
        tags: ['assessments'],
        summary: '自查表（适用项、答案、佐证、得分、历史）',
        params: ZAssessmentParams,
        response: { 200: ZAssessment, ...errorResponses },
      },
    },
    async (request) =>
      assessmentView(app.db, links, request.params.enterpriseId, request.params.assessmentId),
  )

  app.put(
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/answers',
    {
      config: { access: liaison },
      schema: {
        tags: ['assessments'],
        summary: '保存答案（草稿，可反复保存）',
        params: ZAssessmentParams,
        body: ZAnswersSave,
        response: {
          200: z.object({
            saved: z.number().int(),
            answeredCount: z.number().int(),
            applicableCount: z.number().int(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'assessment.answers',
        run: (trx) =>
          saveAnswers(
            trx,
            requireAuth(request),
            request.params.enterpriseId,
            request.params.assessmentId,
            request.body.answers,
          ),
      }),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/evidence',
    {
      config: { access: liaison },
      schema: {
        tags: ['assessments'],
        summary: '上传佐证材料（图片或 PDF，multipart 字段 file）',
        params: ZAssessmentParams,
        querystring: z.object({ itemCode: z.string().min(1).max(16) }),
        response: {
          201: ZEvidenceFile,
          ...errorResponses,
          413: errorResponses[400],
          415: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const { enterpriseId, assessmentId } = request.params
      const { row, items } = await loadAssessment(app.db, enterpriseId, assessmentId)
      if (row.status !== 'draft' && row.status !== 'returned') throw new AppError(409, 'ASSESSMENT_LOCKED')
      if (!items.some((i) => i.code === request.query.itemCode))
        throw new AppError(400, 'UNKNOWN_ITEM', undefined, [
          { path: 'itemCode', message: `自查项 ${request.query.itemCode} 不存在或不适用于本企业` },
        ])
      return uploadEvidence(request, reply, {
        enterpriseId,
        assessmentId,
        itemCode: request.query.itemCode,
        rectificationId: null,
      })
    },
  )

  app.delete(
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/evidence/:fileId',
    {
      config: { access: liaison },
      schema: {
        tags: ['assessments'],
        summary: '撤下佐证材料（记录保留）',
        params: ZAssessmentParams.extend({ fileId: ZId }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enterpriseId, assessmentId, fileId } = request.params
      const { row } = await loadAssessment(app.db, enterpriseId, assessmentId)
      if (row.status !== 'draft' && row.status !== 'returned') throw new AppError(409, 'ASSESSMENT_LOCKED')
      return performWrite(request, reply, {
        action: 'evidence.remove',
        run: async (trx) => {
          const removed = await trx
            .updateTable('evidence_files')
            .set({ deleted_at: new Date().toISOString() })
            .where('id', '=', fileId)
            .where('assessment_id', '=', assessmentId)
            .where('deleted_at', 'is', null)
            .executeTakeFirst()
          if (Number(removed.numUpdatedRows) !== 1) throw notFound()
          return { result: { ok: true as const }, entityType: 'evidence_file', entityId: fileId }
        },
      })
    },
  )

  app.get(
    '/api/v1/files/:fileId',
    {
      // The signed link is the permission: it was handed out only to someone allowed to see the record.
      config: { access: PUBLIC },
      schema: {
        tags: ['assessments'],
        summary: '查看佐证文件（签名链接）',
        params: z.object({ fileId: ZId }),
        querystring: z.object({ expires: z.coerce.number().int(), sig: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      const { fileId } = request.params
      if (!links.verify(fileId, request.query.expires, request.query.sig)) throw notFound()
      const file = await app.db
        .selectFrom('evidence_files')
        .selectAll()
        .where('id', '=', fileId)
        .executeTakeFirst()
      if (!file) throw notFound()
      reply.header('content-type', file.mime)
      reply.header('cache-control', 'private, max-age=600')
      reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      return reply.send(fs.createReadStream(store.resolve(file.storage_key)))
    },
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/submit',
    {
      config: { access: liaison },
      schema: {
        tags: ['assessments'],
        summary: '提交自查（校验完整性，计算得分，生成整改项）',
        params: ZAssessmentParams,
        response: { 200: ZAssessment, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'assessment.submit',
        run: (trx) =>
          submitAssessment(
            trx,
            links,
            requireAuth(request),
            request.params.enterpriseId,
            request.params.assessmentId,
          ),
      }),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/accept',
    {
      config: { access: reviewers },
      schema: {
        tags: ['assessments'],
        summary: '审核通过',
        params: ZAssessmentParams,
        body: ZAcceptBody,
        response: { 200: ZAssessment, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'assessment.accept',
        run: (trx) =>
          acceptAssessment(
            trx,
            links,
            requireAuth(request),
            request.params.enterpriseId,
            request.params.assessmentId,
            request.body.comment ?? null,
          ),
      }),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/return',
    {
      config: { access: reviewers },
      schema: {
        tags: ['assessments'],
        summary: '退回修改（逐项意见）',
        params: ZAssessmentParams,
        body: ZReturnBody,
        response: { 200: ZAssessment, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'assessment.return',
        run: (trx) =>
          returnAssessment(
            trx,
            links,
            requireAuth(request),
            request.params.enterpriseId,
            request.params.assessmentId,
            request.body,
          ),
      }),
  )

  app.get(
    '/api/v1/supervision/overview',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['supervision'],
        summary: '所监管企业的自查状态、各维度得分与整改情况',
        querystring: z.object({ campaignId: ZId.optional() }),
        response: { 200: ZSupervisionOverview, ...errorResponses },
      },
    },
    async (request) => supervisionOverview(app.db, requireAuth(request), request.query.campaignId),
  )

  app.get(
    '/api/v1/supervision/ledger.xlsx',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['supervision'],
        summary: '导出工作台账（Excel）：所监管企业的自查得分、整改与活动到会率',
        querystring: z.object({ campaignId: ZId.optional() }),
      },
    },
    async (request, reply) => {
      const { content, campaignName } = await supervisionLedger(
        app.db,
        requireAuth(request),
        request.query.campaignId,
        app.clock(),
      )
      return sendAttachment(reply, {
        name: `清廉企业建设工作台账${campaignName ? `-${campaignName}` : ''}.xlsx`,
        asciiName: 'ledger.xlsx',
        contentType: XLSX_CONTENT_TYPE,
        content,
      })
    },
  )

  app.get(
    '/api/v1/enterprises/:enterpriseId/rectifications',
    {
      config: { access: viewers },
      schema: {
        tags: ['rectifications'],
        summary: '整改事项',
        params: ZEnterpriseParams,
        response: { 200: z.object({ rectifications: z.array(ZRectification) }), ...errorResponses },
      },
    },
    async (request) => ({
      rectifications: await listRectifications(app.db, links, request.params.enterpriseId),
    }),
  )

  app.get(
    '/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId',
    {
      config: { access: viewers },
      schema: {
        tags: ['rectifications'],
        summary: '整改事项详情',
        params: ZRectificationParams,
        response: { 200: ZRectification, ...errorResponses },
      },
    },
    async (request) =>
      rectificationView(app.db, links, request.params.enterpriseId, request.params.rectificationId),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/rectifications',
    {
      config: { access: reviewers },
      schema: {
        tags: ['rectifications'],
        summary: '下发整改通知（监管部门或办公室）',
        params: ZEnterpriseParams,
        body: ZRectificationNotice,
        response: { 201: ZRectification, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'rectification.notice',
        status: 201,
        run: (trx) =>
          issueRectificationNotice(
            trx,
            links,
            requireAuth(request),
            request.params.enterpriseId,
            request.body,
            app.clock(),
          ),
      }),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId/evidence',
    {
      config: { access: liaison },
      schema: {
        tags: ['rectifications'],
        summary: '上传整改佐证（multipart 字段 file）',
        params: ZRectificationParams,
        response: {
          201: ZEvidenceFile,
          ...errorResponses,
          413: errorResponses[400],
          415: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const { enterpriseId, rectificationId } = request.params
      await rectificationView(app.db, links, enterpriseId, rectificationId)
      return uploadEvidence(request, reply, {
        enterpriseId,
        assessmentId: null,
        itemCode: null,
        rectificationId,
      })
    },
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId/respond',
    {
      config: { access: liaison },
      schema: {
        tags: ['rectifications'],
        summary: '报送整改情况（→ 待核验）',
        params: ZRectificationParams,
        body: ZRectificationRespond,
        response: { 200: ZRectification, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'rectification.respond',
        run: (trx) =>
          respondToRectification(
            trx,
            links,
            requireAuth(request),
            request.params.enterpriseId,
            request.params.rectificationId,
            request.body,
          ),
      }),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId/verify',
    {
      config: { access: reviewers },
      schema: {
        tags: ['rectifications'],
        summary: '核验整改（销号或退回）',
        params: ZRectificationParams,
        body: ZRectificationVerify,
        response: { 200: ZRectification, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'rectification.verify',
        run: (trx) =>
          verifyRectification(
            trx,
            links,
            requireAuth(request),
            request.params.enterpriseId,
            request.params.rectificationId,
            request.body,
          ),
      }),
  )
}
export default assessmentRoutes
