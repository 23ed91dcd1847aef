import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZRectification,
  ZRectificationNotice,
  ZRectificationRespond,
  ZRectificationVerify,
  type TRectification,
} from '../../../src/models/rectification'
import { ZId } from '../../../src/models/org'
import { ENTERPRISE_LIAISON, ENTERPRISE_REVIEWERS, ENTERPRISE_VIEWERS, type Access } from '../../core/access'
import type { WriteOutcome } from '../../core/writes'
import { featureRoutes, ZEnterpriseParams } from '../../core/routes'
import { evidenceUploadRoute, evidenceWrite, uploadEvidence, type EvidenceWrite } from '../files/service'
import {
  issueRectificationNotice,
  listRectifications,
  rectificationView,
  respondToRectification,
  verifyRectification,
} from './service'

const ZRectificationParams = z.object({ enterpriseId: ZId, rectificationId: ZId })
const viewers = ENTERPRISE_VIEWERS
const liaison = ENTERPRISE_LIAISON
const reviewers = ENTERPRISE_REVIEWERS

/** 整改: listed to the enterprise and its supervisors, answered by the liaison, verified by the reviewers. */
const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = app.fileLinks
  const { route, write } = featureRoutes(app, 'rectifications')

  route(
    'GET',
    '/api/v1/enterprises/:enterpriseId/rectifications',
    {
      access: viewers,
      summary: '整改事项',
      params: ZEnterpriseParams,
      response: { 200: z.object({ rectifications: z.array(ZRectification) }) },
    },
    async (request) => ({
      rectifications: await listRectifications(app.db, links, request.params.enterpriseId, app.clock()),
    }),
  )

  route(
    'GET',
    '/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId',
    {
      access: viewers,
      summary: '整改事项详情',
      params: ZRectificationParams,
      response: { 200: ZRectification },
    },
    async (request) => {
      const { enterpriseId, rectificationId } = request.params
      return rectificationView(app.db, links, enterpriseId, rectificationId, app.clock())
    },
  )

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/rectifications',
    {
      access: reviewers,
      summary: '下发整改通知（监管部门或办公室）',
      params: ZEnterpriseParams,
      body: ZRectificationNotice,
      response: { 201: ZRectification },
      action: 'rectification.notice',
    },
    (request, trx) => issueRectificationNotice(evidenceWrite(request, trx), request.body),
  )

  route(
    'POST',
    '/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId/evidence',
    evidenceUploadRoute(liaison, '上传整改佐证（multipart 字段 file）', ZRectificationParams),
    async (request, reply) => {
      const { enterpriseId, rectificationId } = request.params
      await rectificationView(app.db, links, enterpriseId, rectificationId, app.clock())
      return uploadEvidence(request, reply, {
        action: 'evidence.upload',
        owner: { kind: 'rectification', enterpriseId, rectificationId },
        target: { enterpriseId, assessmentId: null, itemCode: null, rectificationId },
      })
    },
  )

  /** A step of one 整改 (`rectification.<step>` in the audit log), answered with the 整改 as it now stands. */
  const step = <I>(
    name: 'respond' | 'verify',
    access: Access,
    summary: string,
    body: z.ZodType<I>,
    run: (w: EvidenceWrite, id: number, input: I) => Promise<WriteOutcome<TRectification>>,
  ) =>
    write(
      'POST',
      `/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId/${name}`,
      {
        access,
        summary,
        params: ZRectificationParams,
        body,
        response: { 200: ZRectification },
        action: `rectification.${name}`,
      },
      (request, trx) => run(evidenceWrite(request, trx), request.params.rectificationId, request.body),
    )

  step('respond', liaison, '报送整改情况（→ 待核验）', ZRectificationRespond, respondToRectification)
  step('verify', reviewers, '核验整改（销号或退回）', ZRectificationVerify, verifyRectification)
}
export default rectificationRoutes
