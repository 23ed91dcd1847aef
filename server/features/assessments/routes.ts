import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZAnswersSave,
  ZAssessment,
  ZAssessmentSummary,
  ZCampaign,
  ZCampaignCreate,
  ZCampaignUpdate,
} from '../../../src/models/assessment'
import { ZId } from '../../../src/models/org'
import { ENTERPRISE_LIAISON, ENTERPRISE_VIEWERS, OFFICE, SIGNED_IN } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { AppError } from '../../core/errors'
import { featureRoutes, sharedDeclaration, ZEnterpriseParams } from '../../core/routes'
import { evidenceUploadRoute, removeFile, uploadEvidence } from '../files/service'
import { closeCampaign, createCampaign, listCampaigns, updateCampaign } from './campaigns'
import {
  assessmentView,
  editableAssessment,
  listEnterpriseAssessments,
  saveAnswers,
  whileEditable,
} from './service'
import { oneLine } from '../../../src/models/textLimit'

export const ZAssessmentParams = z.object({ enterpriseId: ZId, assessmentId: ZId })
const viewers = ENTERPRISE_VIEWERS
const liaison = ENTERPRISE_LIAISON

/** Campaigns, and an enterprise's assessments: reading, answering, evidence. */
const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = app.fileLinks
  const { route, write } = featureRoutes(app, 'assessments')

  write(
    'POST',
    '/api/v1/campaigns',
    {
      access: OFFICE,
      summary: '发起自查期次',
      body: ZCampaignCreate,
      response: { 201: ZCampaign },
      action: 'campaign.create',
    },
    (request, trx) => createCampaign(trx, requireAuth(request), request.body, app.clock(), app.dialect),
  )

  /** The office's writes on one campaign, answered with it as it now stands. */
  const campaignWrite = sharedDeclaration({
    access: OFFICE,
    params: z.object({ campaignId: ZId }),
    response: { 200: ZCampaign },
  })

  write(
    'PATCH',
    '/api/v1/campaigns/:campaignId',
    campaignWrite({
      summary: '修改自查期次（名称、期间、截止日期；已结束的期次不能修改）',
      body: ZCampaignUpdate,
      action: 'campaign.update',
    }),
    (request, trx) => updateCampaign(trx, request.params.campaignId, request.body, app.clock()),
  )

  write(
    'POST',
    '/api/v1/campaigns/:campaignId/close',
    campaignWrite({
      summary: '结束自查期次（未提交的自查表不再列入待办，不能再提交）',
      action: 'campaign.close',
    }),
    (request, trx) => closeCampaign(trx, request.params.campaignId, app.clock()),
  )

  route(
    'GET',
    '/api/v1/campaigns',
    {
      access: SIGNED_IN,
      summary: '自查期次',
      response: { 200: z.object({ campaigns: z.array(ZCampaign) }) },
    },
    async (request) => ({ campaigns: await listCampaigns(app.db, requireAuth(request)) }),
  )

  route(
    'GET',
    '/api/v1/enterprises/:enterpriseId/assessments',
    {
      access: viewers,
      summary: '企业历次自查',
      params: ZEnterpriseParams,
      response: { 200: z.object({ assessments: z.array(ZAssessmentSummary) }) },
    },
    async (request) => ({
      assessments: await listEnterpriseAssessments(app.db, request.params.enterpriseId),
    }),
  )

  route(
    'GET',
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId',
    {
      access: viewers,
      summary: '自查表（适用项、答案、佐证、得分、历史）',
      params: ZAssessmentParams,
      response: { 200: ZAssessment },
    },
    async (request) =>
      assessmentView(app.db, links, request.params.enterpriseId, request.params.assessmentId),
  )

  write(
    'PUT',
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/answers',
    {
      access: liaison,
      summary: '保存答案（草稿，可反复保存）',
      params: ZAssessmentParams,
      body: ZAnswersSave,
      response: {
        200: z.object({
          saved: z.number().int(),
          answeredCount: z.number().int(),
          applicableCount: z.number().int(),
        }),
      },
      action: 'assessment.answers',
    },
    (request, trx) => {
      const { enterpriseId, assessmentId } = request.params
      const { answers } = request.body
      return saveAnswers(trx, requireAuth(request), enterpriseId, assessmentId, answers, app.clock())
    },
  )

  route(
    'POST',
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/evidence',
    {
      ...evidenceUploadRoute(liaison, '上传佐证材料（图片或 PDF，multipart 字段 file）', ZAssessmentParams),
      querystring: z.object({ itemCode: oneLine(z.string().min(1).max(16), '自查项编号') }),
    },
    async (request, reply) => {
      const { enterpriseId, assessmentId } = request.params
      // Refused before the upload is received; checked again under the assessment's lock (whileEditable).
      const { items } = await editableAssessment(app.db, enterpriseId, assessmentId)
      if (!items.some((i) => i.code === request.query.itemCode))
        throw new AppError(400, 'UNKNOWN_ITEM', undefined, [
          { path: 'itemCode', message: `自查项 ${request.query.itemCode} 不存在或不适用于本企业` },
        ])
      const itemCode = request.query.itemCode
      return uploadEvidence(request, reply, {
        action: 'evidence.upload',
        owner: { kind: 'assessment', enterpriseId, assessmentId, itemCode },
        target: { enterpriseId, assessmentId, itemCode, rectificationId: null },
        within: whileEditable(enterpriseId, assessmentId),
      })
    },
  )

  route(
    'DELETE',
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/evidence/:fileId',
    {
      access: liaison,
      summary: '撤下佐证材料（记录保留）',
      params: ZAssessmentParams.extend({ fileId: ZId }),
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    async (request, reply) => {
      const { enterpriseId, assessmentId, fileId } = request.params
      await editableAssessment(app.db, enterpriseId, assessmentId)
      return removeFile(request, reply, {
        action: 'evidence.remove',
        fileId,
        from: { assessmentId },
        within: whileEditable(enterpriseId, assessmentId),
      })
    },
  )
}
export default assessmentRoutes
