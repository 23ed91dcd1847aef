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
import {
  addInfoSheet,
  addTable,
  applyPrintSetup,
  fittedHeight,
  FONT,
  HEADER_FILL,
  newWorkbook,
  THIN_BORDER,
  workbookBuffer,
} from '../../core/workbook'

/**
 * The import workbook: the template the office downloads, reading a filled one, and the result copy
 * (the same workbook with 结果 and 原因). ExcelJS only, no database: runs in the import worker.
 */
export const SHEET_NAME = '企业名单'
export const RESULT_HEADER = '结果'
export const REASON_HEADER = '原因'
const VALIDATED_ROWS = IMPORT_MAX_ROWS + 1
const EXAMPLE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
export const REFUSED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } }

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

/**
 * 监管部门 offered from a drop-down of the county's departments (a hidden sheet, as a list written into the
 * rule is limited to 255 characters). Only a note when the cell holds something else: several departments
 * joined by 、 are allowed, and a name the county does not have is refused by the check anyway. The walk's
 * clerk typed 县统战部 for 县委统战部 and found out only after uploading.
 */
function departmentList(
  workbook: ExcelJS.Workbook,
  validations: { add(a: string, v: ExcelJS.DataValidation): void },
  range: string,
  names: string[],
) {
  const sheet = workbook.addWorksheet(DEPARTMENT_SHEET, { state: 'hidden' })
  names.forEach((name, i) => (sheet.getCell(`A${i + 1}`).value = name))
  validations.add(range, {
    type: 'list',
    allowBlank: true,
    formulae: [`'${DEPARTMENT_SHEET}'!$A$1:$A$${names.length}`],
    showErrorMessage: true,
    errorStyle: 'information',
    errorTitle: '监管部门',
    error: '这不是系统中已有的部门名称，导入时会被拒绝；多个部门用顿号“、”分隔时不必理会此提示。',
    showInputMessage: true,
    promptTitle: '监管部门',
    prompt: '从下拉列表选择；多个部门用顿号“、”分隔',
  })
}
const DEPARTMENT_SHEET = '部门名称'

/** The template's title row and note row sit above its header (row 3); the reader finds the header anywhere in the first rows. */
const TEMPLATE_HEADER_ROW = 3
const HEADER_SEARCH_ROWS = 10

/** The template a county clerk fills as it is: title, headers, one example row, lists, widths, print setup. */
export async function buildTemplate(departmentNames: string[], office: string, now: number): Promise<Buffer> {
  const workbook = newWorkbook(now)
  const table = addTable(workbook, SHEET_NAME, {
    title: `${office}清廉企业名单导入模板`,
    subtitle: `第${TEMPLATE_HEADER_ROW}行表头不要修改，红字列必填；灰色“${IMPORT_EXAMPLE_PREFIX}”行是示例，不会导入；一次最多 ${IMPORT_MAX_ROWS} 行。详见“填写说明”。`,
    columns: IMPORT_COLUMNS.map((c) => ({
      header: c.header,
      width: c.width,
      ...(c.key === 'creditCode' || c.key === 'liaisonPhone' ? { numFmt: '@' } : {}),
    })),
  })
  const { sheet, headerRow } = table
  sheet.getRow(headerRow).eachCell((cell, col) => {
    const required = IMPORT_COLUMNS[col - 1].required
    cell.font = { ...FONT, bold: true, color: { argb: required ? 'FFC00000' : 'FF000000' } }
    cell.fill = HEADER_FILL
    cell.note = required ? '必填' : '选填'
  })
  const example = table.add([
    `${IMPORT_EXAMPLE_PREFIX}某某县某某有限公司`,
    exampleCreditCode(),
    OWNERSHIP_LABELS.private,
    PARTY_ORG_LABELS.branch,
    '制造业',
    departmentNames.slice(0, 1).join('、') || '县委统战部',
    '张三',
    '13800138000',
  ])
  example.eachCell((cell) => {
    cell.fill = EXAMPLE_FILL
    cell.font = { ...FONT, italic: true, color: { argb: 'FF7F7F7F' } }
  })
  const [first, last] = [headerRow + 1, headerRow + VALIDATED_ROWS - 1]
  const validations = (
    sheet as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations
  validations.add(
    `C${first}:C${last}`,
    listValidation(
      OWNERSHIPS.map((o) => OWNERSHIP_LABELS[o]),
      '所有制',
    ),
  )
  validations.add(
    `D${first}:D${last}`,
    listValidation(
      PARTY_ORGS.map((p) => PARTY_ORG_LABELS[p]),
      '党组织',
    ),
  )

  addInfoSheet(workbook, '填写说明', '企业名单导入模板 填写说明', [
    [
      '每行一家企业',
      `第${TEMPLATE_HEADER_ROW}行表头不要修改；灰色的“${IMPORT_EXAMPLE_PREFIX}”行是示例，不会导入，可保留或删除。一次最多 ${IMPORT_MAX_ROWS} 行。`,
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
    ['监管部门', '填写系统中已有的部门名称（可下拉选择），多个部门用顿号“、”分隔。'],
    ['联络员手机', '11位手机号。导入后为每家新企业生成联络员邀请码，可打印发放。'],
    ['系统中已有的部门', departmentNames.join('、') || '（尚未建立部门，请先在“监管部门”中新建）'],
  ])
  if (departmentNames.length) departmentList(workbook, validations, `F${first}:F${last}`, departmentNames)
  return workbookBuffer(workbook)
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
  /** The header's row number (3 in the template, 1 in a sheet of the clerk's own). */
  headerRow: number
  /** Column number of each template column. */
  columns: Record<keyof TImportCells, number>
  /** Data rows (not empty), in order; the example row included, flagged. */
  rows: { rowNo: number; cells: TImportCells; example: boolean }[]
}

/** The template as an export worker builds it (core/exports/documents.ts). */
export function importTemplate(data: {
  departmentNames: string[]
  office: string
  now: number
}): Promise<Buffer> {
  return buildTemplate(data.departmentNames, data.office, data.now)
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
  // The template's header is row 3 (under its title); a sheet of the clerk's own may start at row 1.
  const headerOf = (rowNo: number) => {
    const found = new Map<string, number>()
    sheet.getRow(rowNo).eachCell((cell, col) => {
      const text = cellText(cell).replace(/\s/g, '')
      if (text && !found.has(text)) found.set(text, col)
    })
    return found
  }
  let headerRow = 1
  let found = headerOf(1)
  for (let rowNo = 1; rowNo <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); rowNo++) {
    const candidate = headerOf(rowNo)
    if (candidate.has(IMPORT_COLUMNS[0].header)) {
      headerRow = rowNo
      found = candidate
      break
    }
  }
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
  if (last - headerRow > IMPORT_MAX_ROWS + 1) throw new AppError(400, 'IMPORT_TOO_MANY_ROWS')
  for (let rowNo = headerRow + 1; rowNo <= last; rowNo++) {
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
  return { workbook, layout: { sheet, headerRow, columns, rows } }
}

/** The same workbook with 结果 and 原因 (reused when the clerk uploads a result copy again); refused rows red. */
export async function writeResult(
  workbook: ExcelJS.Workbook,
  layout: SheetLayout,
  outcomes: Map<number, { label: string; reason: string; refused: boolean }>,
): Promise<Buffer> {
  const { sheet, headerRow } = layout
  const header = sheet.getRow(headerRow)
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
  // A clerk's own sheet may have narrow columns: each template column gets at least the template's width,
  // so no name or code prints cut off.
  for (const c of IMPORT_COLUMNS) {
    const column = sheet.getColumn(layout.columns[c.key])
    column.width = Math.max(column.width ?? 0, c.width)
  }
  for (const [col, text, width] of [
    [resultCol, RESULT_HEADER, 10],
    [reasonCol, REASON_HEADER, 48],
  ] as const) {
    header.getCell(col).value = text
    sheet.getColumn(col).width = width
  }
  // Every header cell as the template's (a sheet of the clerk's own has them plain); the template's own
  // keep their font (required columns red).
  for (let col = 1; col <= lastCol; col++) {
    const cell = header.getCell(col)
    cell.style = {
      ...cell.style,
      font: cell.font?.bold ? cell.font : { ...FONT, bold: true },
      fill: HEADER_FILL,
      border: THIN_BORDER,
      alignment: { horizontal: 'center', vertical: 'middle' },
    }
  }
  for (const { rowNo } of layout.rows) {
    const outcome = outcomes.get(rowNo)
    const row = sheet.getRow(rowNo)
    row.getCell(resultCol).value = outcome?.label ?? '—'
    row.getCell(reasonCol).value = outcome?.reason ?? ''
    // LibreOffice does not grow a row to its wrapped text on opening: a long reason gets the height it needs.
    if (outcome?.reason) row.height = Math.max(row.height ?? 0, fittedHeight([outcome.reason], [48]))
    for (let col = 1; col <= lastCol; col++) {
      const cell = row.getCell(col)
      // A row corrected since the last result loses its red. The cell gets a style of its own: ExcelJS
      // shares one style object among the cells of a read column, and painting it would paint them all.
      cell.style = {
        ...cell.style,
        fill: outcome?.refused ? REFUSED_FILL : { type: 'pattern', pattern: 'none' },
        border: THIN_BORDER,
        ...(col === resultCol
          ? { font: outcome?.refused ? { ...FONT, bold: true, color: { argb: 'FF9C0006' } } : {} }
          : {}),
        ...(col === reasonCol ? { alignment: { wrapText: true, vertical: 'top' } } : {}),
      }
    }
  }
  // The title and its note, merged across the template's columns, span 结果 and 原因 too (centred over all).
  for (let r = 1; r < headerRow; r++) {
    if (!sheet.getCell(r, 1).isMerged) continue
    sheet.unMergeCells(r, 1, r, lastCol)
    sheet.mergeCells(r, 1, r, lastCol)
  }
  // The template's title says what this copy is (once, however often it comes back).
  const title = headerRow > 1 ? cellText(sheet.getCell('A1')).replace(/（检查结果）$/, '') : ''
  if (title) sheet.getCell('A1').value = `${title}（检查结果）`
  applyPrintSetup(sheet, { headerRow, title: title ? `${title}（检查结果）` : '企业名单导入检查结果' })
  return workbookBuffer(workbook)
}
