import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZSupervisionOverview } from '../../../src/models/assessment'
import { ZId } from '../../../src/models/org'
import { SUPERVISORS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { sendAttachment, XLSX_CONTENT_TYPE } from '../../core/http'
import { exportFileName } from '../../../src/models/exportName'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { featureRoutes } from '../../core/routes'
import { ledgerExport } from './ledger'
import { supervisionOverview } from './overview'
import { anchorLine } from '../pledges/verify'

/** A department's view of the enterprises it supervises, and the 工作台账 export. */
const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route } = featureRoutes(app, 'supervision')
  const ZCampaignQuery = z.object({ campaignId: ZId.optional() })

  route(
    'GET',
    '/api/v1/supervision/overview',
    {
      access: SUPERVISORS,
      summary: '所监管企业的自查状态、各维度得分与整改情况',
      querystring: ZCampaignQuery,
      response: { 200: ZSupervisionOverview },
    },
    async (request) =>
      supervisionOverview(app.db, requireAuth(request), request.query.campaignId, app.clock()),
  )

  route(
    'GET',
    '/api/v1/supervision/ledger.xlsx',
    {
      access: SUPERVISORS,
      summary: '导出工作台账（Excel）：所监管企业的自查得分、整改与活动到会率',
      querystring: ZCampaignQuery,
    },
    async (request, reply) => {
      const auth = requireAuth(request)
      const now = app.clock()
      const anchor = await anchorLine(app.db, app.pledgeCheckpoints)
      // In line with the other exports, in a worker thread (core/exports).
      const { content, campaignName, organisation } = await app.exporter.run(
        ledgerExport,
        auth,
        request.query.campaignId,
        now,
        anchor,
      )
      return sendAttachment(reply, {
        name: exportFileName({
          organisation,
          title: `清廉企业建设工作台账${campaignName ? `-${campaignName}` : ''}`,
          at: now,
          ext: 'xlsx',
        }),
        asciiName: `ledger-${shanghaiDate(now)}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        content,
      })
    },
  )
}
export default supervisionRoutes
