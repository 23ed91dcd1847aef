import type ExcelJS from 'exceljs'

/** The sheet an export ends with: what it is about, one fact a row (项目 | 内容). */
export function addInfoSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  facts: (string | number)[][],
  layout: { width: number; boldHeader?: true } = { width: 50 },
) {
  const info = workbook.addWorksheet(name)
  info.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: layout.width },
  ]
  if (layout.boldHeader) info.getRow(1).font = { bold: true }
  info.addRows(facts)
}

/** A rate as a percentage with one decimal, or a dash when there was nothing to count. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`
}
