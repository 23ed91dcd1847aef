import ExcelJS from 'exceljs'
import {
  IMPORT_COLUMNS,
  IMPORT_EXAMPLE_PREFIX,
  IMPORT_MAX_ROWS,
  cleanCell,
  type TImportCells,
} from '../../../src/models/enterpriseImport'
import { OWNERSHIPS, OWNERSHIP_LABELS, PARTY_ORGS, PARTY_ORG_LABELS } from '../../../src/models/org'
import { creditCodeCheckChar } from '../../../src/models/creditCode'
import { AppError } from '../../core/errors'

/**
 * The import workbook: the template the office downloads, reading a filled one, and the result copy
 * (the same workbook with 结果 and 原因). ExcelJS only, no database: runs in the import worker.
 */
export const SHEET_NAME = '企业名单'
export const RESULT_HEADER = '结果'
export const REASON_HEADER = '原因'
const VALIDATED_ROWS = IMPORT_MAX_ROWS + 1
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
const EXAMPLE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
export const REFUSED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } }
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } }

function exampleCreditCode(): string {
  const first17 = '91330100MA2B3C4D5'
  return first17 + creditCodeCheckChar(first17)
}

function listValidation(values: string[], title: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: `请从下拉列表中选择：${values.join('、')}`,
    showInputMessage: true,
    promptTitle: title,
    prompt: `请选择：${values.join('、')}`,
  }
}

/** The template a county clerk fills as it is: headers, one example row, lists, widths, print setup. */
export async function buildTemplate(departmentNames: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '清廉企业'
  const sheet = workbook.addWorksheet(SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 1, activeCell: 'A3' }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  })
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.key === 'creditCode' || c.key === 'liaisonPhone' ? { numFmt: '@' } : {},
  }))
  const header = sheet.getRow(1)
  header.height = 22
  header.eachCell((cell, col) => {
    cell.font = { bold: true, color: { argb: IMPORT_COLUMNS[col - 1].required ? 'FFC00000' : 'FF000000' } }
    cell.fill = HEADER_FILL
    cell.alignment = { vertical: 'middle', horizontal: 'center' }
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN }
    cell.note = IMPORT_COLUMNS[col - 1].required ? '必填' : '选填'
  })
  const example = sheet.addRow({
    name: `${IMPORT_EXAMPLE_PREFIX}某某县某某有限公司`,
    creditCode: exampleCreditCode(),
    ownership: OWNERSHIP_LABELS.private,
    partyOrg: PARTY_ORG_LABELS.branch,
    industry: '制造业',
    departments: departmentNames.slice(0, 1).join('、') || '县委统战部',
    liaisonName: '张三',
    liaisonPhone: '13800138000',
  })
  example.eachCell((cell) => {
    cell.fill = EXAMPLE_FILL
    cell.font = { italic: true, color: { argb: 'FF7F7F7F' } }
  })
  const validations = (
    sheet as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations
  validations.add(
    `C2:C${VALIDATED_ROWS}`,
    listValidation(
      OWNERSHIPS.map((o) => OWNERSHIP_LABELS[o]),
      '所有制',
    ),
  )
  validations.add(
    `D2:D${VALIDATED_ROWS}`,
    listValidation(
      PARTY_ORGS.map((p) => PARTY_ORG_LABELS[p]),
      '党组织',
    ),
  )

  const help = workbook.addWorksheet('填写说明', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  help.columns = [{ width: 16 }, { width: 80 }]
  const lines: [string, string][] = [
    ['填写说明', ''],
    [
      '每行一家企业',
      `第一行表头不要修改；灰色的“${IMPORT_EXAMPLE_PREFIX}”行是示例，不会导入，可保留或删除。一次最多 ${IMPORT_MAX_ROWS} 行。`,
    ],
    [
      '必填',
      '企业名称、统一社会信用代码、所有制、党组织、监管部门、联络员姓名、联络员手机（表头红字）；行业选填。',
    ],
    [
      '统一社会信用代码',
      '18位，按营业执照填写；系统按 GB 32100 校验位核对。同一代码已登记的企业将按本表更新。',
    ],
    ['所有制', OWNERSHIPS.map((o) => OWNERSHIP_LABELS[o]).join('、') + '（下拉选择）'],
    ['党组织', PARTY_ORGS.map((p) => PARTY_ORG_LABELS[p]).join('、') + '（下拉选择）'],
    ['监管部门', '填写系统中已有的部门名称，多个部门用顿号“、”分隔。'],
    ['联络员手机', '11位手机号。导入后为每家新企业生成联络员邀请码，可打印发放。'],
    ['', ''],
    ['系统中已有的部门', departmentNames.join('、') || '（尚未建立部门，请先在“监管部门”中新建）'],
  ]
  for (const line of lines) help.addRow(line)
  help.getCell('A1').font = { bold: true, size: 14 }
  help.getColumn(2).alignment = { wrapText: true, vertical: 'top' }
  help.getColumn(1).alignment = { vertical: 'top' }
  help.getColumn(1).font = { bold: true }

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A cell as the clerk sees it: rich text joined, formulas by their result, numbers without exponent. */
export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value)
  if (typeof value === 'string') return cleanCell(value)
  if (typeof value === 'object' && 'richText' in value)
    return cleanCell(value.richText.map((r) => r.text).join(''))
  if (typeof value === 'object' && 'formula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result
    if (result === undefined || result === null || typeof result === 'object') return ''
    return typeof result === 'number' && Number.isInteger(result)
      ? BigInt(result).toString()
      : cleanCell(String(result))
  }
  if (typeof value === 'object' && 'text' in value)
    return cleanCell(String((value as { text: unknown }).text))
  return cleanCell(cell.text ?? '')
}

export interface SheetLayout {
  sheet: ExcelJS.Worksheet
  /** Column number of each template column. */
  columns: Record<keyof TImportCells, number>
  /** Data rows (not empty), in order; the example row included, flagged. */
  rows: { rowNo: number; cells: TImportCells; example: boolean }[]
}

/** Loads a filled workbook and finds its header; refuses a file that is not the template's. */
export async function readWorkbook(
  content: Buffer,
): Promise<{ workbook: ExcelJS.Workbook; layout: SheetLayout }> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer)
  } catch {
    throw new AppError(400, 'IMPORT_FILE_INVALID')
  }
  if (workbook.worksheets.length === 0) throw new AppError(400, 'IMPORT_FILE_INVALID')
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets.find((s) => s.rowCount > 0)
  if (!sheet || sheet.rowCount === 0) throw new AppError(400, 'IMPORT_FILE_EMPTY')
  const headerRow = sheet.getRow(1)
  const found = new Map<string, number>()
  headerRow.eachCell((cell, col) => {
    const text = cellText(cell).replace(/\s/g, '')
    if (text && !found.has(text)) found.set(text, col)
  })
  const missing = IMPORT_COLUMNS.filter((c) => !found.has(c.header)).map((c) => c.header)
  if (missing.length) {
    throw new AppError(
      400,
      'IMPORT_HEADERS_INVALID',
      `表头与模板不一致：缺少“${missing.join('”“')}”列。请下载最新模板，保留第一行表头后填写`,
    )
  }
  const columns = Object.fromEntries(
    IMPORT_COLUMNS.map((c) => [c.key, found.get(c.header)!]),
  ) as SheetLayout['columns']
  const rows: SheetLayout['rows'] = []
  const last = sheet.rowCount
  if (last - 1 > IMPORT_MAX_ROWS + 1) throw new AppError(400, 'IMPORT_TOO_MANY_ROWS')
  for (let rowNo = 2; rowNo <= last; rowNo++) {
    const row = sheet.getRow(rowNo)
    if (!row.hasValues) continue
    const cells = Object.fromEntries(
      IMPORT_COLUMNS.map((c) => [c.key, cellText(row.getCell(columns[c.key]))]),
    ) as TImportCells
    if (IMPORT_COLUMNS.every((c) => !cells[c.key])) continue
    rows.push({ rowNo, cells, example: cells.name.startsWith(IMPORT_EXAMPLE_PREFIX) })
  }
  const dataRows = rows.filter((r) => !r.example).length
  if (dataRows === 0) throw new AppError(400, 'IMPORT_FILE_EMPTY')
  if (dataRows > IMPORT_MAX_ROWS) throw new AppError(400, 'IMPORT_TOO_MANY_ROWS')
  return { workbook, layout: { sheet, columns, rows } }
}

/** The same workbook with 结果 and 原因 (reused when the clerk uploads a result copy again); refused rows red. */
export async function writeResult(
  workbook: ExcelJS.Workbook,
  layout: SheetLayout,
  outcomes: Map<number, { label: string; reason: string; refused: boolean }>,
): Promise<Buffer> {
  const { sheet } = layout
  const header = sheet.getRow(1)
  let resultCol = 0
  let reasonCol = 0
  let lastCol = 0
  header.eachCell((cell, col) => {
    const text = cellText(cell)
    if (text === RESULT_HEADER) resultCol = col
    if (text === REASON_HEADER) reasonCol = col
    lastCol = Math.max(lastCol, col)
  })
  if (!resultCol) resultCol = ++lastCol
  if (!reasonCol) reasonCol = ++lastCol
  lastCol = Math.max(lastCol, resultCol, reasonCol)
  for (const [col, text, width] of [
    [resultCol, RESULT_HEADER, 10],
    [reasonCol, REASON_HEADER, 48],
  ] as const) {
    const cell = header.getCell(col)
    cell.value = text
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN }
    sheet.getColumn(col).width = width
  }
  for (const { rowNo } of layout.rows) {
    const outcome = outcomes.get(rowNo)
    const row = sheet.getRow(rowNo)
    row.getCell(resultCol).value = outcome?.label ?? '—'
    row.getCell(reasonCol).value = outcome?.reason ?? ''
    row.getCell(reasonCol).alignment = { wrapText: true, vertical: 'top' }
    for (let col = 1; col <= lastCol; col++) {
      // A row corrected since the last result loses its red.
      row.getCell(col).fill = outcome?.refused ? REFUSED_FILL : { type: 'pattern', pattern: 'none' }
    }
    if (outcome?.refused) row.getCell(resultCol).font = { bold: true, color: { argb: 'FF9C0006' } }
    else row.getCell(resultCol).font = {}
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
