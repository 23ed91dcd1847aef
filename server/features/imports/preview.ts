import { transferable } from '../../core/transfer'
import {
  IMPORT_STATUS_LABELS,
  checkImportRow,
  describeChanges,
  diffEnterprise,
  type TImportCounts,
} from '../../../src/models/enterpriseImport'
import { readWorkbook, writeResult } from './workbook'
import type { PreviewRow, PreviewTask, WorkerReply } from './workerProtocol'

const PROGRESS_EVERY = 500
const ROWS_PER_MESSAGE = 2000

/**
 * The preview of one uploaded workbook, in the worker: every row 新增 / 更新 / 无变化 / 拒绝 with its reason
 * (the row on its own, a credit code repeated in the file, the registered enterprise it would change),
 * then the result workbook. Progress is reported as rows are checked.
 */
export async function previewWorkbook(
  task: PreviewTask,
  send: (reply: WorkerReply, transfer?: ArrayBuffer[]) => void,
): Promise<void> {
  const { workbook, layout } = await readWorkbook(Buffer.from(task.content))
  const dataRows = layout.rows.filter((r) => !r.example)
  send({ type: 'started', total: dataRows.length })

  const departments = new Map(task.departments)
  const existing = new Map(task.existing)
  const firstRowOfCode = new Map<string, number>()
  const counts: TImportCounts = { create: 0, update: 0, unchanged: 0, refuse: 0 }
  const outcomes = new Map<number, { label: string; reason: string; refused: boolean }>()
  let batch: PreviewRow[] = []
  let processed = 0

  for (const { rowNo, cells, example } of layout.rows) {
    if (example) {
      outcomes.set(rowNo, { label: '—', reason: '示例行，不导入', refused: false })
      continue
    }
    const check = checkImportRow(cells, departments)
    let row: PreviewRow
    const code = cells.creditCode.toUpperCase().replace(/\s/g, '')
    const firstRow = code ? firstRowOfCode.get(code) : undefined
    if (code && firstRow === undefined) firstRowOfCode.set(code, rowNo)
    const reasons = check.ok ? [] : [...check.reasons]
    if (firstRow !== undefined) reasons.push(`与第${firstRow}行的统一社会信用代码重复`)
    if (!check.ok || reasons.length) {
      row = {
        rowNo,
        status: 'refuse',
        reason: reasons.join('；'),
        name: cells.name || null,
        creditCode: code || null,
        data: null,
      }
    } else {
      const data = check.data
      const registered = existing.get(data.creditCode)
      if (!registered) {
        row = { rowNo, status: 'create', reason: null, name: data.name, creditCode: data.creditCode, data }
      } else {
        const change = diffEnterprise(registered, data)
        const changed = change.fields.length > 0 || change.newDepartmentIds.length > 0
        row = {
          rowNo,
          status: changed ? 'update' : 'unchanged',
          reason: describeChanges(change),
          name: data.name,
          creditCode: data.creditCode,
          data,
        }
      }
    }
    counts[row.status]++
    outcomes.set(rowNo, {
      label: IMPORT_STATUS_LABELS[row.status],
      reason: row.reason ?? '',
      refused: row.status === 'refuse',
    })
    batch.push(row)
    processed++
    if (batch.length >= ROWS_PER_MESSAGE) {
      send({ type: 'rows', rows: batch })
      batch = []
    }
    if (processed % PROGRESS_EVERY === 0) send({ type: 'progress', processed })
  }
  if (batch.length) send({ type: 'rows', rows: batch })
  send({ type: 'progress', processed })

  const result = await writeResult(workbook, layout, outcomes)
  const bytes = transferable(result)
  send({ type: 'done', content: bytes, counts }, [bytes])
}
