import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZSupervisionOverview } from '../../../src/models/assessment'
import { ZId } from '../../../src/models/org'
import { SUPERVISORS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { errorResponses, sendAttachment, XLSX_CONTENT_TYPE } from '../../core/http'
import { supervisionLedger } from './ledger'
import { supervisionOverview } from './overview'

/** A department's view of the enterprises it supervises, and the 工作台账 export. */
const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
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
    async (request) =>
      supervisionOverview(app.db, requireAuth(request), request.query.campaignId, app.clock()),
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
}
export default supervisionRoutes
