import type { TErrorCode } from '../../../src/models/errors'
import type {
  TExistingEnterprise,
  TImportCounts,
  TImportRowData,
  TImportStatus,
} from '../../../src/models/enterpriseImport'

/** Messages between the API thread and an import worker (structured-cloned; file bytes transferred). */
export interface PreviewTask {
  kind: 'preview'
  content: ArrayBuffer
  departments: [name: string, id: number][]
  existing: [creditCode: string, enterprise: TExistingEnterprise][]
}

export interface InviteSheet {
  name: string
  creditCode: string
  /** 联络员姓名 as the import registered it: whom the office hands this page to. */
  liaisonName?: string | null
  code: string
  link: string
  /** 北京时间, as printed */
  expiresAt: string
}

export type WorkerTask = PreviewTask

export interface PreviewRow {
  rowNo: number
  status: TImportStatus
  reason: string | null
  name: string | null
  creditCode: string | null
  data: TImportRowData | null
}

export type WorkerReply =
  | { type: 'started'; total: number }
  | { type: 'progress'; processed: number }
  | { type: 'rows'; rows: PreviewRow[] }
  | { type: 'done'; content: ArrayBuffer; counts?: TImportCounts }
  | { type: 'fail'; status: number; code: TErrorCode | 'INTERNAL'; message: string }
