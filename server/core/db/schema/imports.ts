import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

export interface EnterpriseImportTable {
  id: Generated<number>
  created_by: number
  filename: string
  sha256: string
  /** parsing → ready → committed, or failed */
  state: string
  processed: number
  total: number
  /** JSON: rows per status */
  counts: string | null
  error_message: string | null
  /** The result workbook in the file store. */
  result_key: string | null
  /** JSON: what the commit did (replayed to a second commit). */
  commit_result: string | null
  created_at: string
  updated_at: string
  committed_at: string | null
}

export interface EnterpriseImportRowTable {
  import_id: number
  /** The row's number in the worksheet (the header is row 1). */
  row_no: number
  status: string
  reason: string | null
  name: string | null
  credit_code: string | null
  /** JSON: the row as checked (TImportRowData) */
  data: string | null
}

/** The tables of `server/features/imports/`. */
export interface ImportsTables {
  enterprise_imports: EnterpriseImportTable
  enterprise_import_rows: EnterpriseImportRowTable
}

export const importsColumns = {
  enterprise_imports: {
    id: true,
    created_by: true,
    filename: true,
    sha256: true,
    state: true,
    processed: true,
    total: true,
    counts: true,
    error_message: true,
    result_key: true,
    commit_result: true,
    created_at: true,
    updated_at: true,
    committed_at: true,
  },
  enterprise_import_rows: {
    import_id: true,
    row_no: true,
    status: true,
    reason: true,
    name: true,
    credit_code: true,
    data: true,
  },
} as const satisfies SchemaColumns<ImportsTables>
