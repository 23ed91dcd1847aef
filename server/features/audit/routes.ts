import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { featureRoutes } from '../../core/routes'
import { ZAuditPage, ZAuditPageQuery, ZAuditQuery } from '../../../src/models/audit'
import { actingDepartmentName, OFFICE } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { exportFileName } from '../../../src/models/exportName'
import { sendAttachment, XLSX_CONTENT_TYPE } from '../../core/http'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { auditPage } from './service'
import { auditExport } from './workbook'

/** 操作日志 for the office: every write, filtered by person, organisation, action and 北京时间 days. */
const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route } = featureRoutes(app, 'audit')
  route(
    'GET',
    '/api/v1/audit-log',
    {
      access: OFFICE,
      summary: '操作日志（按人员、单位、操作、日期筛选；最新在前，游标分页）',
      querystring: ZAuditPageQuery,
      response: { 200: ZAuditPage },
    },
    async (request) => auditPage(app.db, request.query),
  )

  route(
    'GET',
    '/api/v1/audit-log.xlsx',
    { access: OFFICE, summary: '导出操作日志（Excel，筛选条件同列表）', querystring: ZAuditQuery },
    async (request, reply) => {
      const now = app.clock()
      const office = await actingDepartmentName(app.db, requireAuth(request))
      // In line with the other exports, in a worker thread (core/exports).
      const { content } = await app.exporter.run(auditExport, request.query, now, office)
      return sendAttachment(reply, {
        name: exportFileName({ organisation: office, title: '操作日志', at: now, ext: 'xlsx' }),
        asciiName: `audit-log-${shanghaiDate(now)}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        content,
      })
    },
  )
}
export default auditRoutes
