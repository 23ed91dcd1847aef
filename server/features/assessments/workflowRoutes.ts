import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ZAcceptBody, ZAssessment, ZReturnBody } from '../../../src/models/assessment'
import { ENTERPRISE_LIAISON, ENTERPRISE_REVIEWERS } from '../../core/access'
import { featureRoutes, sharedDeclaration } from '../../core/routes'
import { evidenceWrite } from '../files/service'
import { ZAssessmentParams } from './routes'
import { acceptAssessment, returnAssessment, submitAssessment } from './workflow'

const liaison = ENTERPRISE_LIAISON
const reviewers = ENTERPRISE_REVIEWERS

/** An assessment's transitions: the liaison submits, a supervising department or the office accepts or returns it. */
const assessmentWorkflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const { write } = featureRoutes(app, 'assessments')
  /** Each transition answers the assessment as it now stands. */
  const transition = sharedDeclaration({ params: ZAssessmentParams, response: { 200: ZAssessment } })

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/submit',
    transition({
      access: liaison,
      summary: '提交自查（校验完整性，计算得分，生成整改项）',
      action: 'assessment.submit',
    }),
    (request, trx) => submitAssessment(evidenceWrite(request, trx), request.params.assessmentId),
  )

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/accept',
    transition({
      access: reviewers,
      summary: '审核通过',
      body: ZAcceptBody,
      action: 'assessment.accept',
    }),
    (request, trx) =>
      acceptAssessment(
        evidenceWrite(request, trx),
        request.params.assessmentId,
        request.body.comment ?? null,
      ),
  )

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/assessments/:assessmentId/return',
    transition({
      access: reviewers,
      summary: '退回修改（逐项意见）',
      body: ZReturnBody,
      action: 'assessment.return',
    }),
    (request, trx) =>
      returnAssessment(evidenceWrite(request, trx), request.params.assessmentId, request.body),
  )
}
export default assessmentWorkflowRoutes
