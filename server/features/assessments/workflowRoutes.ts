import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ZAcceptBody, ZAssessment, ZReturnBody } from '../../../src/models/assessment'
import { ENTERPRISE_LIAISON, ENTERPRISE_REVIEWERS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { errorResponses } from '../../core/http'
import { performWrite } from '../../core/writes'
import { ZAssessmentParams } from './routes'
import { acceptAssessment, returnAssessment, submitAssessment } from './workflow'

const liaison = ENTERPRISE_LIAISON
const reviewers = ENTERPRISE_REVIEWERS

/** An assessment's transitions: the liaison submits, a supervising department or the office accepts or returns it. */
const assessmentWorkflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = app.fileLinks

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
            app.clock(),
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
            app.clock(),
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
            app.clock(),
          ),
      }),
  )
}
export default assessmentWorkflowRoutes
