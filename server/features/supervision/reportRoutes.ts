import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  ZReport,
  ZReportCreate,
  ZReportEdit,
  ZReportFinalise,
  ZReportListQuery,
  ZReportPage,
  ZReportParams,
  ZReportRefresh,
} from '../../../src/models/supervisionReport'
import { exportFileName } from '../../../src/models/exportName'
import { SUPERVISORS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { sendAttachment } from '../../core/http'
import { featureRoutes, sharedDeclaration } from '../../core/routes'
import {
  createReport,
  editReport,
  finaliseReport,
  getReport,
  refreshReport,
  reportPage,
} from './reportService'

const BASE = '/api/v1/supervision/reports'

/** 督查专报: the office's (all enterprises) or a department's (its own), drafted, edited, finalised, .docx. */
const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'supervision')

  route(
    'GET',
    BASE,
    {
      access: SUPERVISORS,
      summary: '督查专报列表（最新在前，分页）：办公室为全部，监管部门为本部门的',
      querystring: ZReportListQuery,
      response: { 200: ZReportPage },
    },
    async (request) => reportPage(app.db, requireAuth(request), request.query),
  )

  write(
    'POST',
    BASE,
    {
      access: SUPERVISORS,
      summary: '生成督查专报草稿：按当前监管总览数字留存快照，并拟出各部分正文',
      body: ZReportCreate,
      response: { 201: ZReport },
      action: 'supervision_report.create',
    },
    async (request, trx) => createReport(trx, app.dialect, requireAuth(request), request.body, app.clock()),
  )

  route(
    'GET',
    `${BASE}/:reportId`,
    {
      access: SUPERVISORS,
      summary: '一份督查专报：正文各部分与生成时的数字',
      params: ZReportParams,
      response: { 200: ZReport },
    },
    async (request) => getReport(app.db, requireAuth(request), request.params.reportId),
  )

  /** The writes on one report, answered with it as it now stands. */
  const reportWrite = sharedDeclaration({
    access: SUPERVISORS,
    params: ZReportParams,
    response: { 200: ZReport },
  })

  write(
    'PATCH',
    `${BASE}/:reportId`,
    reportWrite({
      summary: '修改督查专报草稿的标题或正文（带上读取时的版本号；已被他人修改时 409 REPORT_STALE）',
      body: ZReportEdit,
      action: 'supervision_report.edit',
    }),
    async (request, trx) =>
      editReport(trx, requireAuth(request), request.params.reportId, request.body, app.clock()),
  )

  write(
    'POST',
    `${BASE}/:reportId/finalise`,
    reportWrite({
      summary: '督查专报定稿：此后不能再修改',
      body: ZReportFinalise,
      action: 'supervision_report.finalise',
    }),
    async (request, trx) =>
      finaliseReport(trx, requireAuth(request), request.params.reportId, request.body.version, app.clock()),
  )

  write(
    'POST',
    `${BASE}/:reportId/refresh`,
    reportWrite({
      summary:
        '更新督查专报草稿的数据：按当前数字重新留存快照，未修改过的正文随之重拟，已修改的保留（带上读取时的版本号）',
      body: ZReportRefresh,
      action: 'supervision_report.refresh',
    }),
    async (request, trx) =>
      refreshReport(
        trx,
        app.dialect,
        requireAuth(request),
        request.params.reportId,
        request.body.version,
        app.clock(),
      ),
  )

  route(
    'GET',
    `${BASE}/:reportId/report.docx`,
    {
      access: SUPERVISORS,
      summary: '下载督查专报（Word .docx，可直接打印）',
      params: ZReportParams,
    },
    async (request, reply) => {
      const report = await getReport(app.db, requireAuth(request), request.params.reportId)
      // Laid out in the export worker, in line with the other exports (core/exports).
      const content = await app.exporter.document('reportDocx', report)
      return sendAttachment(reply, {
        name: exportFileName({
          organisation: report.snapshot.issuer,
          title: `${report.title}${report.status === 'draft' ? '（草稿）' : ''}`,
          at: report.finalisedAt ?? report.snapshot.generatedAt,
          ext: 'docx',
        }),
        asciiName: `supervision-report-${report.id}.docx`,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        content,
      })
    },
  )
}
export default reportRoutes
