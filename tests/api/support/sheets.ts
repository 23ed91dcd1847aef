import ExcelJS from 'exceljs'

/** The header row and the data rows of a sheet (under its title and the line under it). */
export async function sheetRows(payload: Buffer, name: string, pagesWide = 1): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(payload as unknown as ArrayBuffer)
  const sheet = workbook.getWorksheet(name)
  if (!sheet) throw new Error(`no sheet ${name}`)
  expect(sheet.pageSetup).toMatchObject({
    orientation: 'landscape',
    fitToWidth: pagesWide,
    printTitlesRow: '3:3',
  })
  // getSheetValues() is 1-based: drop the empty slot 0 of every row.
  return (sheet.getSheetValues().filter(Boolean) as unknown[][]).slice(2).map((r) => r.slice(1))
}

/** Columns of figures a clerk keeps as text: codes and phone numbers are read, never summed. */
const TEXT_DIGIT_HEADERS = new Set(['统一社会信用代码', '联络员电话', '手机号', '联络员手机'])

/**
 * What each table sheet of an export (not its 项目 | 内容 sheet) holds wrongly as a clerk prints it: a
 * number stored as text (`12`, `85.0%`), or a real number aligned left. `[]` when every figure is a
 * numeric cell, right-aligned or centred.
 */
export function misprintedNumbers(workbook: ExcelJS.Workbook, headerRow = 3): string[] {
  const found: string[] = []
  for (const sheet of workbook.worksheets) {
    // The 项目 | 内容 sheet (no line under its title: its header is row 2) states facts in words.
    if (sheet.getCell('A2').value === '项目') continue
    const headers = (sheet.getRow(headerRow).values as unknown[]).map((v) => String(v ?? ''))
    sheet.eachRow((row, n) => {
      if (n <= headerRow) return
      row.eachCell((cell, col) => {
        const where = `${sheet.name}!${cell.address} ${headers[col]}`
        if (typeof cell.value === 'number' && !['right', 'center'].includes(cell.alignment?.horizontal ?? ''))
          found.push(`${where}: ${cell.value} aligned ${cell.alignment?.horizontal ?? 'by default'}`)
        if (
          typeof cell.value === 'string' &&
          /^-?\d+(\.\d+)?%?$/.test(cell.value) &&
          !TEXT_DIGIT_HEADERS.has(headers[col])
        )
          found.push(`${where}: “${cell.value}” stored as text`)
      })
    })
  }
  return found
}
