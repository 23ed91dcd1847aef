/** 企业批量导入 (the office): template, upload, progress and preview, result workbook, commit, invites. */
import { z } from 'zod'
import {
  ZImport,
  ZImportCommitResult,
  ZImportList,
  type TImport,
  type TImportCommitResult,
  type TImportList,
  type TImportStatus,
} from '@/models/enterpriseImport'
import { openApiFile } from './download'
import { newIdempotencyKey } from './idempotencyKey'
import { platformDocument } from './platform/document'
import { webOrigin } from './platform/env'
import type { PickedFile } from './platform/types'
import { request } from './request'
import { uploadFileTo } from './upload'

export const IMPORT_PAGE_SIZE = 20
/** Recent imports a page: a county imports a few batches a year. */
export const IMPORT_LIST_SIZE = 5

/** The office's imports, newest first. */
export function fetchImports(page = 1): Promise<TImportList> {
  return request({
    path: '/api/v1/imports',
    query: { page, pageSize: IMPORT_LIST_SIZE },
    schema: ZImportList,
  })
}

export function fetchImport(id: number, status?: TImportStatus, page = 1): Promise<TImport> {
  return request({
    path: `/api/v1/imports/${id}`,
    query: { status, page, pageSize: IMPORT_PAGE_SIZE },
    schema: ZImport,
  })
}

/** The filled .xlsx from the phone's chats (mini-program) or the computer (H5); null when cancelled. */
export function pickWorkbook(): Promise<PickedFile | null> {
  return platformDocument.pick(['xlsx'])
}

/** Sends the workbook; the server answers once it has read the header (202 with the import's id). */
export function uploadWorkbook(file: PickedFile): Promise<{ id: number }> {
  return uploadFileTo({ path: '/api/v1/imports', file }, z.object({ id: z.number().int() }))
}

/** One transaction on the server; a repeat answers what the first did. */
export function commitImport(id: number): Promise<TImportCommitResult> {
  return request({
    method: 'POST',
    path: `/api/v1/imports/${id}/commit`,
    headers: { 'Idempotency-Key': newIdempotencyKey() },
    schema: ZImportCommitResult,
    timeoutMs: 120_000,
  })
}

export const downloadTemplate = () => openApiFile('/api/v1/imports/template.xlsx', '企业导入模板.xlsx')
export const downloadResult = (id: number) =>
  openApiFile(`/api/v1/imports/${id}/result.xlsx`, `企业导入检查结果-${id}.xlsx`)
/** Part `part` (1-based) of the import's liaison invites: INVITES_PER_DOCUMENT enterprises per document. */
export function downloadInvites(id: number, part = 1) {
  const base = webOrigin()
  return openApiFile(
    `/api/v1/imports/${id}/invites.docx?part=${part}${base ? `&base=${encodeURIComponent(base)}` : ''}`,
    `联络员邀请函-${id}${part > 1 ? `-${part}` : ''}.docx`,
    'docx',
  )
}
