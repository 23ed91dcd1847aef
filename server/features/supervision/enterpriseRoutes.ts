import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ENTERPRISE_REVIEWERS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { featureRoutes, ZEnterpriseParams } from '../../core/routes'
import {
  ZEnterpriseHistory,
  ZEnterpriseHistoryQuery,
  ZSupervisionEnterprise,
} from '../../../src/models/supervisionEnterprise'
import { enterpriseHistory, supervisionEnterprise } from './enterpriseService'

/**
 * One enterprise's page for its supervising departments and the office. Anyone else (a department that
 * does not, or no longer, supervises it) gets the 404 of a missing enterprise, checked on every request.
 */
const supervisionEnterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route } = featureRoutes(app, 'supervision')

  route(
    'GET',
    '/api/v1/supervision/enterprises/:enterpriseId',
    {
      access: ENTERPRISE_REVIEWERS,
      summary: '企业详情：概况、里程碑、历次自查得分、整改、三会一课、承诺、到会率与监管记录',
      params: ZEnterpriseParams,
      response: { 200: ZSupervisionEnterprise },
    },
    async (request) =>
      supervisionEnterprise(app.db, requireAuth(request), request.params.enterpriseId, app.clock()),
  )

  route(
    'GET',
    '/api/v1/supervision/enterprises/:enterpriseId/history',
    {
      access: ENTERPRISE_REVIEWERS,
      summary: '企业的监管记录（审核、整改通知、核验等），新的在前，分页',
      params: ZEnterpriseParams,
      querystring: ZEnterpriseHistoryQuery,
      response: { 200: ZEnterpriseHistory },
    },
    async (request) => enterpriseHistory(app.db, request.params.enterpriseId, request.query),
  )
}
export default supervisionEnterpriseRoutes
