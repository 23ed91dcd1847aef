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
import {
  type Figures,
  supervisionEnterprises,
  supervisionFigures,
  supervisionMeetingFigures,
  supervisionRiskFigures,
} from './figures'
import {
  ZEnterpriseListPage,
  ZEnterpriseListQuery,
  ZFiguresQuery,
  ZMeetingFigures,
  ZRiskFigures,
  ZSupervisionFigures,
} from '../../../src/models/supervisionOverview'
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

  // The figures and their drill-down list: each computed over the caller's scope, as of the clock.
  const figuresRoute = <Q, R>(
    path: string,
    summary: string,
    querystring: z.ZodType<Q>,
    response: z.ZodType<R>,
    figures: Figures<Q, R>,
  ) =>
    route(
      'GET',
      path,
      { access: SUPERVISORS, summary, querystring, response: { 200: response } },
      async (request) => figures(app.db, app.dialect, requireAuth(request), request.query, app.clock()),
    )

  figuresRoute(
    '/api/v1/supervision/figures',
    '监管总览数字：所有制、党组织、自查进度、各维度得分分布、整改、承诺覆盖、到会率、实施步骤',
    ZFiguresQuery,
    ZSupervisionFigures,
    supervisionFigures,
  )
  figuresRoute(
    '/api/v1/supervision/figures/meetings',
    '监管总览数字：三会一课完成率（本年度，按企业分档）',
    ZFiguresQuery,
    ZMeetingFigures,
    supervisionMeetingFigures,
  )
  figuresRoute(
    '/api/v1/supervision/figures/risks',
    '监管总览数字：廉洁风险点（有效）按等级、领域，逾期未复核，含高风险点的企业',
    ZFiguresQuery,
    ZRiskFigures,
    supervisionRiskFigures,
  )
  figuresRoute(
    '/api/v1/supervision/enterprises',
    '监管总览下钻：按数字筛选的企业列表（搜索、筛选、分页，可对比两期得分）',
    ZEnterpriseListQuery,
    ZEnterpriseListPage,
    supervisionEnterprises,
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
