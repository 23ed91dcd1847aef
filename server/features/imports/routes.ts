import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { featureRoutes } from '../../core/routes'
import { z } from 'zod'
import {
  ZImport,
  ZImportCommitResult,
  ZImportList,
  ZImportListQuery,
  ZImportRowsQuery,
} from '../../../src/models/enterpriseImport'
import { ZId } from '../../../src/models/org'
import { actingDepartmentName, OFFICE } from '../../core/access'
import { exportFileName } from '../../../src/models/exportName'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { requireAuth } from '../../core/auth'
import { XLSX_CONTENT_TYPE, sendAttachment } from '../../core/http'
import { commitImport } from './commit'
import { importBatch, importList } from './history'
import {
  importView,
  invitesDocument,
  resultWorkbook,
  startImport,
  stopRunningImports,
  templateWorkbook,
} from './service'

const ZImportParams = z.object({ importId: ZId })
const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** 企业批量导入 (the office): template, upload → preview with progress, result workbook, commit, invites. */
const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'imports')
  app.addHook('onClose', async () => stopRunningImports())

  route(
    'GET',
    '/api/v1/imports/template.xlsx',
    { access: OFFICE, summary: '下载企业导入模板（.xlsx）' },
    async (request, reply) => {
      const office = await actingDepartmentName(app.db, requireAuth(request))
      const now = app.clock()
      return sendAttachment(reply, {
        name: exportFileName({ organisation: office, title: '企业导入模板', at: now, ext: 'xlsx' }),
        asciiName: `enterprise-import-template-${shanghaiDate(now)}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        content: await templateWorkbook(app, office),
      })
    },
  )

  route(
    'POST',
    '/api/v1/imports',
    {
      access: OFFICE,
      summary: '上传填好的企业名单（multipart，字段 file），开始检查',
      consumes: ['multipart/form-data'],
      response: { 202: z.object({ id: z.number().int() }) },
    },
    async (request, reply) => startImport(request, reply),
  )

  route(
    'GET',
    '/api/v1/imports',
    {
      access: OFFICE,
      summary: '最近的导入（新的在前，分页）：文件名、状态、各结果行数、批次',
      querystring: ZImportListQuery,
      response: { 200: ZImportList },
    },
    async (request) => importList(app, request.query),
  )

  route(
    'GET',
    '/api/v1/imports/:importId',
    {
      access: OFFICE,
      summary: '导入进度与预览（逐行结果分页，可按结果筛选）',
      params: ZImportParams,
      querystring: ZImportRowsQuery,
      response: { 200: ZImport },
    },
    async (request) => importView(app, request.params.importId, request.query),
  )

  route(
    'GET',
    '/api/v1/imports/:importId/result.xlsx',
    { access: OFFICE, summary: '下载检查结果（原表加“结果”“原因”两列）', params: ZImportParams },
    async (request, reply) => {
      const result = await resultWorkbook(app, request.params.importId)
      const now = app.clock()
      return sendAttachment(reply, {
        name: exportFileName({ title: `${result.filename}-检查结果`, at: now, ext: 'xlsx' }),
        asciiName: `import-${request.params.importId}-result-${shanghaiDate(now)}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        content: result.content,
      })
    },
  )

  write(
    'POST',
    '/api/v1/imports/:importId/commit',
    {
      access: OFFICE,
      summary: '确认导入：全部通过的行在一个事务中写入（按统一社会信用代码幂等）',
      params: ZImportParams,
      response: { 200: ZImportCommitResult },
      action: 'import.commit',
    },
    (request, trx) =>
      commitImport(trx, request.params.importId, requireAuth(request).user.id, app.clock(), app.dialect),
  )

  route(
    'GET',
    '/api/v1/imports/:importId/invites.docx',
    {
      access: OFFICE,
      summary: '下载本次导入新企业的联络员邀请函（.docx，每企业一页；每份至多1000家，part 指第几份）',
      params: ZImportParams,
      querystring: z.object({
        base: z.url().max(200).optional(),
        part: z.coerce.number().int().min(1).max(1000).default(1),
      }),
    },
    async (request, reply) => {
      const { importId } = request.params
      const { base, part } = request.query
      const now = app.clock()
      const office = await actingDepartmentName(app.db, requireAuth(request))
      const content = await invitesDocument(app, importId, base ?? '', part, office)
      const batch = await importBatch(app, importId)
      return sendAttachment(reply, {
        name: exportFileName({
          organisation: office,
          title: `联络员邀请函-第${batch}批${part > 1 ? `-${part}` : ''}`,
          at: now,
          ext: 'docx',
        }),
        asciiName: `import-${importId}-invites${part > 1 ? `-${part}` : ''}-${shanghaiDate(now)}.docx`,
        contentType: DOCX_CONTENT_TYPE,
        content,
      })
    },
  )
}
export default importRoutes
