import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { LEDGER_COLUMNS } from '../../server/features/supervision/ledger'
import { convertWithLibreOffice, hasLibreOffice, hasPoppler, pdfText } from './support/libreoffice'
import { createTestApp, TEST_DB, call, loginAs, type TestApp } from './support/testApp'

/** The 工作台账 as a clerk prints it: A4 pages across, rows tall enough for their wrapped text, 无记录. */
describe(`工作台账 printed (${TEST_DB})`, () => {
  let t: TestApp
  let workbook: ExcelJS.Workbook
  let file: Buffer

  beforeAll(async () => {
    t = await createTestApp()
    const office = await loginAs(t.app, 'demo-office')
    const res = await call(t.app, office, { method: 'GET', url: '/api/v1/supervision/ledger.xlsx' })
    expect(res.statusCode).toBe(200)
    // LEDGER_XLSX=/tmp/x.xlsx keeps the file, to look at through LibreOffice → PDF.
    if (process.env.LEDGER_XLSX) fs.writeFileSync(process.env.LEDGER_XLSX, res.rawPayload)
    file = res.rawPayload
    workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  })
  afterAll(() => t.close())

  it('prints its 33 columns on A4 landscape three pages across, names and header repeated', () => {
    const sheet = workbook.getWorksheet('工作台账')!
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 3,
      fitToHeight: 0,
      pageOrder: 'overThenDown',
      printTitlesRow: '3:3',
      printTitlesColumn: 'A:B',
    })
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 2 })
    // The title starts on the first page rather than centred over all three.
    expect(sheet.getCell('A1').alignment.horizontal).toBe('left')
  })

  it('prints from the header row down, the title heading every page: no cut title in the repeated names', () => {
    const sheet = workbook.getWorksheet('工作台账')!
    // The repeated 序号/企业名称 would carry rows 1–2 (the merged title) onto pages 2 and 3: they are not printed.
    expect(sheet.pageSetup.printArea).toBe(
      `A3:${sheet.getColumn(LEDGER_COLUMNS.length).letter}${sheet.rowCount}`,
    )
    expect(sheet.headerFooter.oddHeader).toContain(String(sheet.getCell('A1').value))
    expect(sheet.headerFooter.oddHeader).toContain('自查期次')
    // On screen the title rows stay.
    expect(String(sheet.getCell('A1').value)).toMatch(/清廉企业建设工作台账$/)
  })

  it('makes a row tall enough for the text that wraps in it', () => {
    const sheet = workbook.getWorksheet('工作台账')!
    const departments = LEDGER_COLUMNS.indexOf('监管部门') + 1
    const width = sheet.getColumn(departments).width!
    const rows: ExcelJS.Row[] = []
    sheet.eachRow((row, n) => n > 3 && rows.push(row))
    // Two or more supervising departments overflow their column (a CJK character is two units wide).
    const wrapped = rows.filter((r) => String(r.getCell(departments).value).length * 2 > width)
    expect(wrapped.length).toBeGreaterThan(0)
    for (const row of wrapped) expect(row.height).toBeGreaterThanOrEqual(30)
    for (const row of rows) expect(row.height).toBeGreaterThan(15)
  })

  it('wraps 政商双边承诺（已生效） before its bracket when printed, not leaving a bracket alone on a line', () => {
    if (!hasLibreOffice() || !hasPoppler()) {
      console.warn(
        'LibreOffice or poppler is not installed: the printed header check of the 工作台账 is skipped',
      )
      return
    }
    const text = pdfText(convertWithLibreOffice(file, 'xlsx', 'pdf'))
    expect(text).toMatch(/政商双边承诺$/m)
    expect(text).toMatch(/^（已生效）$/m)
  }, 120_000)

  it('says 无记录 on a sheet with nothing to list', () => {
    for (const name of ['整改事项', '廉洁风险点']) {
      const sheet = workbook.getWorksheet(name)!
      expect(sheet.rowCount).toBe(4)
      expect(sheet.getCell('B4').value).toBe('无记录')
    }
  })

  it('gives the office the liaisons’ phones in full', async () => {
    const sheet = workbook.getWorksheet('工作台账')!
    const phone = LEDGER_COLUMNS.indexOf('联络员电话') + 1
    const liaison = await t.app.db
      .selectFrom('users')
      .select('phone')
      .where('openid', '=', 'demo-liaison-private')
      .executeTakeFirstOrThrow()
    const phones: string[] = []
    sheet.eachRow((row, n) => n > 3 && phones.push(String(row.getCell(phone).value)))
    expect(phones).toContain(liaison.phone)
    expect(phones.join('')).not.toContain('*')
  })
})
