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
