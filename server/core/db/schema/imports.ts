import { autoId, num, text, textOrNull } from './columns'

/** The tables of `server/features/imports/`. */
export const importsColumns = {
  enterprise_imports: {
    id: autoId,
    created_by: num,
    filename: text,
    sha256: text,
    /** parsing → ready → committed, or failed */
    state: text,
    processed: num,
    total: num,
    /** JSON: rows per status */
    counts: textOrNull,
    error_message: textOrNull,
    /** The result workbook in the file store. */
    result_key: textOrNull,
    /** JSON: what the commit did (replayed to a second commit). */
    commit_result: textOrNull,
    created_at: text,
    updated_at: text,
    committed_at: textOrNull,
  },
  enterprise_import_rows: {
    import_id: num,
    /** The row's number in the worksheet (the header is row 1). */
    row_no: num,
    status: text,
    reason: textOrNull,
    name: textOrNull,
    credit_code: textOrNull,
    /** JSON: the row as checked (TImportRowData) */
    data: textOrNull,
  },
}
