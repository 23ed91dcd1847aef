import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { LEDGER_COLUMNS } from '../../server/features/supervision/ledger'
import { addLedgerEnterprises } from './support/bulkEnterprises'
import { createTestApp, TEST_DB, call, loginAs, type TestApp } from './support/testApp'

/** Past the old 5,000-row cut of the pledge columns, every column filled on every row. */
const ENTERPRISES = 6_000

describe(`工作台账 at ${ENTERPRISES} enterprises (${TEST_DB})`, () => {
  let t: TestApp
  // A SQLite file rather than memory: the export's worker opens the database itself, as in production.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-ledger-'))
  beforeAll(async () => {
    t = await createTestApp(TEST_DB === 'sqlite' ? { SQLITE_FILE: path.join(dir, 'ledger.db') } : {})
    await addLedgerEnterprises(t.app.db, ENTERPRISES)
    // Seconds on a busy machine: thousands of rows in a few dozen inserts.
  }, 120_000)
  afterAll(async () => {
    await t.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('fills every column of every row of the added enterprises', async () => {
    const office = await loginAs(t.app, 'demo-office')
    const res = await call(t.app, office, { method: 'GET', url: '/api/v1/supervision/ledger.xlsx' })
    expect(res.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('工作台账')!
    const headerRow = 3
    const added = (sheet.getSheetValues().slice(headerRow + 1) as unknown[][])
      .filter(Boolean)
      .map((r) => r.slice(1))
      .filter((r) => String(r[1]).startsWith('县台账测试'))
    expect(added.length).toBe(ENTERPRISES)
    // Non-empty cells per column: 0 counts (a count of nothing), '' and missing do not.
    const filled = Object.fromEntries(
      LEDGER_COLUMNS.map((header, i) => [
        header,
        added.filter((r) => r[i] !== undefined && r[i] !== null && r[i] !== '').length,
      ]),
    )
    expect(filled).toEqual(Object.fromEntries(LEDGER_COLUMNS.map((h) => [h, ENTERPRISES])))
    // The last row too has its pledges (the old query stopped at 5,000 enterprises).
    const last = added[added.length - 1]
    expect(last[LEDGER_COLUMNS.indexOf('个人廉洁承诺签署率')]).toBe(1)
    expect(last[LEDGER_COLUMNS.indexOf('企业诚信守法经营承诺')]).toBe('已签署')
    expect(sheet.rowCount).toBe(headerRow + 4 + ENTERPRISES)
    // The export and reading it back: tens of seconds when the machine is shared.
  }, 120_000)
})
