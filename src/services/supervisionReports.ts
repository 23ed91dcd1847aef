/** 督查专报 (supervisors, the office): list, generate, edit with the version read, finalise, .docx. */
import {
  ZReport,
  ZReportPage,
  type TReport,
  type TReportCreate,
  type TReportPage,
  type TReportSections,
} from '@/models/supervisionReport'
import { openApiFile } from './download'
import { newIdempotencyKey } from './idempotencyKey'
import { request } from './request'

const BASE = '/api/v1/supervision/reports'
export const REPORT_PAGE_SIZE = 20

export function fetchReports(page: number): Promise<TReportPage> {
  return request({
    path: BASE,
    query: { page: String(page), pageSize: String(REPORT_PAGE_SIZE) },
    schema: ZReportPage,
  })
}

export function fetchReport(id: number): Promise<TReport> {
  return request({ path: `${BASE}/${id}`, schema: ZReport })
}

/** 生成: the figures are taken now, on the server; a retried request makes one report. */
export function createReport(body: TReportCreate): Promise<TReport> {
  return request({
    method: 'POST',
    path: BASE,
    body,
    headers: { 'Idempotency-Key': newIdempotencyKey() },
    schema: ZReport,
  })
}

/** Saves the text over `version`; someone else's save in between answers 409 REPORT_STALE. */
export function saveReport(
  id: number,
  version: number,
  changes: { title?: string; sections?: Partial<TReportSections> },
): Promise<TReport> {
  return request({ method: 'PATCH', path: `${BASE}/${id}`, body: { version, ...changes }, schema: ZReport })
}

export function finaliseReport(id: number, version: number): Promise<TReport> {
  return request({ method: 'POST', path: `${BASE}/${id}/finalise`, body: { version }, schema: ZReport })
}

export function openReportDocx(report: Pick<TReport, 'id' | 'title'>): Promise<void> {
  return openApiFile(`${BASE}/${report.id}/report.docx`, `${report.title}.docx`, 'docx')
}

/** 更新数据: the figures retaken now over `version`; edited text kept, untouched text redrafted. */
export function refreshReport(id: number, version: number): Promise<TReport> {
  return request({ method: 'POST', path: `${BASE}/${id}/refresh`, body: { version }, schema: ZReport })
}
