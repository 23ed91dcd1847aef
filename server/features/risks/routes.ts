import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZRectification } from '../../../src/models/rectification'
import { ZIdParam } from '../../../src/models/common'
import {
  ZRiskCreate,
  ZRiskDetail,
  ZRiskList,
  ZRiskListQuery,
  ZRiskRectify,
  ZRiskReviewBody,
  ZRiskUpdate,
} from '../../../src/models/risk'
import { ENTERPRISE_REVIEWERS, ENTERPRISE_SUPERVISORS, enterpriseAccess, OUTSIDERS } from '../../core/access'
import { featureRoutes, sharedDeclaration, ZEnterpriseParams } from '../../core/routes'
import {
  evidenceUploadRoute,
  evidenceWrite,
  removeFile,
  uploadEvidence,
  type OwnerChange,
} from '../files/service'
import { AppError, notFound } from '../../core/errors'
import { risksRepository } from './repository'
import { acknowledgeAlert } from './alertService'
import { createRisk, listRisks, raiseRectification, reviewRisk, riskDetail, updateRisk } from './service'

const ZRiskParams = z.object({ enterpriseId: ZIdParam, riskId: ZIdParam })
/** The register is kept by the enterprise's liaison and head, read by its supervising departments and the office. */
const keepers = enterpriseAccess(['liaison', 'head'])
const readers = enterpriseAccess(['liaison', 'head'], OUTSIDERS)

const riskRoutes: FastifyPluginAsyncZod = async (app) => {
  /**
   * A risk's attachments change only while it is 有效 (已整改 / 已关闭 keep theirs): checked under the risk's
   * row, so a status change at the same moment waits or wins.
   */
  const whileActive =
    (enterpriseId: number, riskId: number): OwnerChange =>
    async (trx, change) => {
      const at = new Date(app.clock()).toISOString()
      if (!(await risksRepository.touchActive(trx, enterpriseId, riskId, at)))
        throw new AppError(409, 'RISK_ATTACHMENT_LOCKED')
      await change()
      return { riskId }
    }
  const { route, write } = featureRoutes(app, 'risks')
  const base = '/api/v1/enterprises/:enterpriseId/risks'

  route(
    'GET',
    base,
    {
      access: readers,
      summary: '廉洁风险点台账',
      params: ZEnterpriseParams,
      querystring: ZRiskListQuery,
      response: { 200: ZRiskList },
    },
    async (request) => listRisks(app.db, request.params.enterpriseId, request.query, app.clock()),
  )

  route(
    'GET',
    `${base}/:riskId`,
    { access: readers, summary: '廉洁风险点详情', params: ZRiskParams, response: { 200: ZRiskDetail } },
    async (request) => riskDetail(evidenceWrite(request, app.db), request.params.riskId),
  )

  write(
    'POST',
    base,
    {
      access: keepers,
      summary: '登记廉洁风险点',
      params: ZEnterpriseParams,
      body: ZRiskCreate,
      response: { 201: ZRiskDetail },
      action: 'risk.create',
    },
    (request, trx) => createRisk(evidenceWrite(request, trx), request.body),
  )

  /** The keepers' writes on one risk, answered with it as it now stands. */
  const riskEdit = sharedDeclaration({ access: keepers, params: ZRiskParams, response: { 200: ZRiskDetail } })

  write(
    'PUT',
    `${base}/:riskId`,
    riskEdit({
      summary: '修改廉洁风险点（带版本号，过期 409 RISK_STALE）',
      body: ZRiskUpdate,
      action: 'risk.update',
    }),
    (request, trx) => updateRisk(evidenceWrite(request, trx), request.params.riskId, request.body),
  )

  write(
    'POST',
    `${base}/:riskId/reviews`,
    riskEdit({
      summary: '复核廉洁风险点（记录复核情况和新的风险等级）',
      body: ZRiskReviewBody,
      action: 'risk.review',
    }),
    (request, trx) => reviewRisk(evidenceWrite(request, trx), request.params.riskId, request.body),
  )

  write(
    'POST',
    `${base}/:riskId/rectification`,
    {
      access: ENTERPRISE_REVIEWERS,
      summary: '将廉洁风险点转为整改（监管部门或办公室）',
      params: ZRiskParams,
      body: ZRiskRectify,
      response: { 201: ZRectification },
      action: 'risk.rectify',
    },
    (request, trx) => raiseRectification(evidenceWrite(request, trx), request.params.riskId, request.body),
  )

  write(
    'POST',
    `${base}/:riskId/alerts/:occasion/acknowledgements`,
    {
      access: ENTERPRISE_SUPERVISORS,
      summary: '监管部门阅知廉洁风险预警（有效的高风险，按预警轮次；重复阅知不重复记录）',
      params: ZRiskParams.extend({ occasion: ZIdParam }),
      response: { 200: ZRiskDetail },
      action: 'risk.acknowledge',
    },
    (request, trx) =>
      acknowledgeAlert(evidenceWrite(request, trx), request.params.riskId, request.params.occasion),
  )

  route(
    'POST',
    `${base}/:riskId/attachments`,
    evidenceUploadRoute(keepers, '上传廉洁风险点附件（multipart 字段 file；风险点有效时）', ZRiskParams),
    async (request, reply) => {
      const { enterpriseId, riskId } = request.params
      await riskDetail(evidenceWrite(request, app.db), riskId)
      const owner = { kind: 'risk', enterpriseId, riskId } as const
      return uploadEvidence(request, reply, {
        action: 'risk.attach',
        owner,
        target: { enterpriseId, riskId },
        within: whileActive(enterpriseId, riskId),
      })
    },
  )

  route(
    'DELETE',
    `${base}/:riskId/attachments/:fileId`,
    {
      access: keepers,
      summary: '撤下廉洁风险点附件（风险点有效时；记录保留）',
      params: ZRiskParams.extend({ fileId: ZIdParam }),
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    async (request, reply) => {
      const { enterpriseId, riskId, fileId } = request.params
      // Another enterprise's risk: the 404 of a missing one.
      const risk = await risksRepository.find(app.db, enterpriseId, riskId)
      if (!risk) throw notFound()
      if (risk.status !== 'active') throw new AppError(409, 'RISK_ATTACHMENT_LOCKED')
      return removeFile(request, reply, {
        action: 'risk.detach',
        fileId,
        from: { riskId },
        within: whileActive(enterpriseId, riskId),
      })
    },
  )
}
export default riskRoutes
