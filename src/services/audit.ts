/** 操作日志 (the office): pages of the audit log and its .xlsx export, with the same filters. */
import { ZAuditPage, type TAuditPage, type TAuditQuery } from '@/models/audit'
import { openApiFile } from './download'
import { buildUrl, request, type Query } from './request'

function filterQuery(filter: TAuditQuery): Query {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as Query
}

export function fetchAuditPage(filter: TAuditQuery, cursor: string | null, limit = 30): Promise<TAuditPage> {
  return request({
    path: '/api/v1/audit-log',
    query: { ...filterQuery(filter), limit, ...(cursor ? { cursor } : {}) },
    schema: ZAuditPage,
  })
}

/** 导出 .xlsx of what the filters select (a download on H5, wx.openDocument in the mini-program). */
export function openAuditExport(filter: TAuditQuery): Promise<void> {
  return openApiFile(buildUrl('', '/api/v1/audit-log.xlsx', filterQuery(filter)), '操作日志.xlsx')
}
