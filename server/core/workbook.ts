import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { chineseDateTime, formatShanghaiMinute } from '../../src/models/shanghaiTime'

/**
 * Every .xlsx the server hands out is laid out here, so that each prints as a county clerk files it: a title
 * row (what, which organisation, which period), a line under it (filters, counts, when it was exported in
 * 北京时间), one bold header row with borders, frozen on screen and repeated on every printed page, thin
 * borders on every cell, A4 landscape fitted to one page wide, the title and page numbers in the footer.
 */

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } }
/** Thin grey borders on all four sides of a cell. */
export const THIN_BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin }
/**
 * 宋体 (SimSun, GB2312 charset) on every cell the tables write, as a county's printed forms are set: Excel,
 * WPS and LibreOffice on a clerk's Windows all have it. ExcelJS's default (Calibri) has no Chinese, and each
 * reader would pick its own fallback for the CJK text (a font set without a name falls back further still).
 */
export const FONT = { name: '宋体', family: 3, charset: 134 } as const
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }

export interface Column {
  header: string
  /** In Excel's character units (a CJK character is about two). */
  width: number
  /** Centred (short labels, counts a sheet centres); else a number right, as a clerk reads figures, and text left. */
  center?: boolean
  numFmt?: string
}

export interface TableOptions {
  /** What the sheet is, for whom and when: `县恒达食品有限公司党支部 2026年三会一课台账`. */
  title: string
  /** One line under the title: the filter, the counts, the export time. */
  subtitle?: string
  columns: readonly Column[]
  /** Columns kept on screen when scrolling right (the name column). */
  xSplit?: number
  /**
   * Print on A4 landscape over this many pages across (not shrunk onto one): the `xSplit` columns repeat
   * on each, pages run across then down. For a table too wide to read on one page (the 工作台账).
   */
  pagesWide?: number
  /**
   * What a sheet with no rows says on a line of its own under the header (`暂无成绩`), not a bare header;
   * `暂无记录` unless told.
   */
  empty?: string
}

export interface Table {
  sheet: ExcelJS.Worksheet
  /** The row number of the header (data follows it). */
  headerRow: number
  /** Appends a row of values, bordered and wrapped. */
  add(values: ExcelJS.CellValue[]): ExcelJS.Row
  /** Ends the table: a table left without rows gets its `empty` line. */
  end(): void
}

export function newWorkbook(now: number): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '清廉企业'
  workbook.created = new Date(now)
  return workbook
}

export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * A workbook written as it is laid out (ExcelJS's WorkbookWriter): each row is turned into XML when it is
 * added and its objects let go, so a 20,000-row 台账 neither holds every cell in memory nor builds the
 * whole sheet's XML in one go at the end. Styles kept; strings inline (no shared-strings table to hold).
 */
export function streamingWorkbook(now: number): { workbook: ExcelJS.Workbook; finish(): Promise<Buffer> } {
  const chunks: Buffer[] = []
  const stream = new PassThrough()
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => stream.on('end', resolve).on('error', reject))
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  })
  workbook.creator = '清廉企业'
  workbook.created = new Date(now)
  return {
    workbook,
    async finish() {
      await workbook.commit()
      await ended
      return Buffer.concat(chunks)
    },
  }
}

/** `导出时间：2026年12月2日 05:30（北京时间）`, as the printed documents date themselves. */
export function exportedAt(now: number): string {
  return `导出时间：${chineseDateTime(formatShanghaiMinute(new Date(now).toISOString()))}（北京时间）`
}

/** A-Z, AA-AZ … of a 1-based column number. */
export function columnLetter(n: number): string {
  let s = ''
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s
  return s
}

/**
 * The print setup of a sheet whose header is row `headerRow`: A4 (A3 when `wide`) landscape, one page wide,
 * the header row repeated on every page and frozen on screen, the title and page numbers in the footer.
 */
export function applyPrintSetup(sheet: ExcelJS.Worksheet, options: PrintOptions): void {
  const setup = printSetup(options)
  sheet.views = setup.views
  // A loaded workbook's sheet may lack either object.
  sheet.pageSetup = { ...sheet.pageSetup, ...setup.pageSetup }
  sheet.headerFooter = { ...sheet.headerFooter, ...setup.headerFooter }
}

interface PrintOptions {
  headerRow: number
  title: string
  /** With `pagesWide`, printed in the page header beside the title. */
  subtitle?: string
  xSplit?: number
  wide?: boolean
  pagesWide?: number
}

/** The print setup as a new sheet's options: a streamed sheet takes it when it is added, not after. */
function printSetup(options: PrintOptions) {
  const { headerRow, xSplit, pagesWide } = options
  const views: Partial<ExcelJS.WorksheetView>[] = [
    { state: 'frozen', ySplit: headerRow, ...(xSplit ? { xSplit } : {}) },
  ]
  const pageSetup: Partial<ExcelJS.PageSetup> = {
    // A3 for a table too wide to read on A4 at one page wide (the 工作台账), else A4.
    paperSize: (options.wide ? 8 : 9) as ExcelJS.PaperSize,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${headerRow}:${headerRow}`,
    ...(pagesWide
      ? {
          paperSize: 9 as ExcelJS.PaperSize,
          fitToWidth: pagesWide,
          // A clerk lays a row's pages side by side: each page repeats the numbered names.
          pageOrder: 'overThenDown' as const,
          ...(xSplit ? { printTitlesColumn: `A:${columnLetter(xSplit)}` } : {}),
        }
      : {}),
    margins: { left: 0.3, right: 0.3, top: pagesWide ? 0.75 : 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  }
  // '&' starts a code in a header or footer: a literal one is doubled.
  const title = options.title.replace(/&/g, '&&')
  const headerFooter: Partial<ExcelJS.HeaderFooter> = {
    oddFooter: `&L${title}&R第 &P 页，共 &N 页`,
    // Pages across repeat the name columns on every row printed, the title rows' too: there the merged
    // title would print cut into them. The print area starts at the header row, and the title (and the
    // line under it) head every page instead.
    ...(pagesWide
      ? { oddHeader: `&L&"-,Bold"&12${title}&R&9${(options.subtitle ?? '').replace(/&/g, '&&')}` }
      : {}),
  }
  return { views: views as ExcelJS.WorksheetView[], pageSetup, headerFooter }
}

/** Borders, wrapping and alignment of the header row. */
export function styleHeaderRow(row: ExcelJS.Row, count: number): void {
  row.font = { ...FONT, bold: true }
  for (let col = 1; col <= count; col++) {
    const cell = row.getCell(col)
    cell.border = THIN_BORDER
    cell.fill = HEADER_FILL
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  }
}

/** How wide a text is in Excel's width units: a CJK or full-width character about two, others about one. */
function textWidth(text: string): number {
  let width = 0
  for (const ch of text) width += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 2 : 1.1
  return width
}

/**
 * The row height (points) that shows these texts wrapped in columns of these widths: LibreOffice does
 * not fit row heights to wrapped text when it opens a workbook, so each row carries its own.
 */
export function fittedHeight(texts: string[], widths: number[], lineHeight = 15): number {
  const lines = texts.map((t, i) =>
    t
      .split('\n')
      .reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / Math.max(widths[i] - 1.5, 1))), 0),
  )
  return lineHeight * Math.max(1, ...lines) + 5
}

/** A cell's alignment: its column's when centred, else a number (a real numeric cell) right, text left. */
function alignOf(column: Column, value: ExcelJS.CellValue): 'center' | 'right' | 'left' {
  if (column.center) return 'center'
  return typeof value === 'number' ? 'right' : 'left'
}

/** Columns wider than this in all (Excel units) print on A3: on A4 one page wide their text would be too small. */
const WIDE_TABLE = 200

/**
 * A titled, bordered, print-ready table on a new sheet. On a streaming workbook each added row is
 * committed (written out) at once: the caller styles a row before adding the next, never after.
 */
export function addTable(workbook: ExcelJS.Workbook, name: string, options: TableOptions): Table {
  const { columns } = options
  const streaming = workbook instanceof ExcelJS.stream.xlsx.WorkbookWriter
  const totalWidth = columns.reduce((sum, c) => sum + c.width, 0)
  const headerRow = options.subtitle !== undefined ? 3 : 2
  const sheet = workbook.addWorksheet(
    name,
    printSetup({
      headerRow,
      title: options.title,
      subtitle: options.subtitle,
      xSplit: options.xSplit,
      wide: totalWidth > WIDE_TABLE,
      pagesWide: options.pagesWide,
    }),
  )
  sheet.columns = columns.map((c, i) => ({
    key: `c${i}`,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }))
  const last = columnLetter(columns.length)

  sheet.mergeCells(`A1:${last}1`)
  const title = sheet.getCell('A1')
  title.value = options.title
  title.font = { ...FONT, bold: true, size: 16 }
  // Centred over several pages across, the title would land on the second: it starts on the first.
  title.alignment = { horizontal: options.pagesWide ? 'left' : 'center', vertical: 'middle', wrapText: true }
  sheet.getRow(1).height = fittedHeight([options.title], [totalWidth / 1.6], 24)

  if (options.subtitle !== undefined) {
    sheet.mergeCells(`A2:${last}2`)
    const sub = sheet.getCell('A2')
    sub.value = options.subtitle
    sub.font = { ...FONT, size: 10, color: { argb: 'FF555555' } }
    sub.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true }
    sheet.getRow(2).height = fittedHeight([options.subtitle], [totalWidth * 1.1], 14)
  }

  const header = sheet.getRow(headerRow)
  header.values = columns.map((c) => c.header)
  styleHeaderRow(header, columns.length)
  header.height = fittedHeight(
    columns.map((c) => c.header),
    columns.map((c) => c.width),
  )

  let rows = 0
  return {
    sheet,
    headerRow,
    end() {
      if (rows > 0) return
      const row = sheet.addRow([options.empty ?? '暂无记录'])
      sheet.mergeCells(`A${row.number}:${last}${row.number}`)
      const cell = row.getCell(1)
      cell.font = FONT
      cell.border = THIN_BORDER
      cell.alignment = { vertical: 'middle', horizontal: 'center' }
      row.height = 24
      if (streaming) row.commit()
    },
    add(values) {
      rows++
      const row = sheet.addRow(values)
      columns.forEach((c, i) => {
        const cell = row.getCell(i + 1)
        cell.font = FONT
        cell.border = THIN_BORDER
        cell.alignment = { vertical: 'middle', wrapText: true, horizontal: alignOf(c, values[i]) }
      })
      row.height = Math.max(
        20,
        fittedHeight(
          values.map((v) => (v === null || v === undefined ? '' : String(v))),
          columns.map((c) => c.width),
        ),
      )
      // Pages across print from the header row down to the last row (the title is in the page header).
      // (ExcelJS puts a `$` before each part: the `$` of the rows makes the reference absolute.)
      if (options.pagesWide) sheet.pageSetup.printArea = `A$${headerRow}:${last}$${row.number}`
      if (streaming) row.commit()
      return row
    },
  }
}

export const INFO_COLUMNS: readonly Column[] = [
  { header: '项目', width: 18 },
  { header: '内容', width: 80 },
]

/** The sheet an export ends with: what it is about, one fact a row (项目 | 内容). */
export function addInfoSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  facts: (string | number)[][],
): Table {
  const table = addTable(workbook, name, { title, columns: INFO_COLUMNS })
  for (const [k, v] of facts) table.add([k, String(v)])
  return table
}

/** A rate as a percentage with one decimal, or a dash when there was nothing to count. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`
}
