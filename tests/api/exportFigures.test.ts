import ExcelJS from 'exceljs'
import { LEDGER_COLUMNS, SCORE_COLUMNS } from '../../server/features/supervision/ledger'
import { ATTENDANCE_SHEET_COLUMNS } from '../../server/features/events/attendance'
import { misprintedNumbers } from './support/sheets'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'

const MINUTE = 60_000

/**
 * The figures of every table export as a clerk prints them (real numeric cells, right-aligned or centred,
 * a rate printed 85.0%), and the 签到表's times as the other printed documents write them, in 北京时间.
 */
describe(`exports' figures and times [${TEST_DB}]`, () => {
  let t: TestApp
  // 09:00 北京时间 on 2 December (01:00 UTC).
  let now = Date.parse('2026-12-02T01:00:00Z')
  let office: string
  let liaison: string
  let secretary: string
  let privateId: number

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[office, liaison, secretary] = await Promise.all(
      ['demo-office', 'demo-liaison-private', 'demo-secretary-private'].map((o) => loginAs(t.app, o)),
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
  })
  afterAll(() => t.close())

  const workbookOf = async (url: string, token: string) => {
    const res = await call(t.app, token, { method: 'GET', url })
    expect(res.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    return workbook
  }
  /** The data cells (under the header, row 3) of a column found by its header. */
  const columnCells = (sheet: ExcelJS.Worksheet, header: string) => {
    const col = (sheet.getRow(3).values as unknown[]).indexOf(header)
    expect(col).toBeGreaterThan(0)
    const cells: ExcelJS.Cell[] = []
    sheet.eachRow((row, n) => n > 3 && cells.push(row.getCell(col)))
    return cells
  }

  it('签到表: times as 2026年12月2日 09:01:05 under a header saying 北京时间, every figure a number', async () => {
    const created = await call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/events`,
      payload: {
        kind: 'integrity_lecture',
        title: '廉政党课（时间）',
        startsAt: new Date(now + 10 * MINUTE).toISOString(),
        endsAt: new Date(now + 120 * MINUTE).toISOString(),
        signInOpensAt: new Date(now - 10 * MINUTE).toISOString(),
      },
    })
    expect(created.statusCode).toBe(201)
    const event = created.json()
    const { id: head } = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-head-private')
      .executeTakeFirstOrThrow()
    now += MINUTE + 5_000
    const proxied = await call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/events/${event.id}/sign-ins/proxy`,
      payload: { userId: head, reason: '手机没电，现场核实' },
    })
    expect(proxied.statusCode).toBe(201)

    const workbook = await workbookOf(`/api/v1/events/${event.id}/attendance.xlsx`, liaison)
    const list = workbook.getWorksheet('签到名单')!
    expect(list.getCell('E3').value).toBe('签到时间（北京时间）')
    expect(ATTENDANCE_SHEET_COLUMNS[4]).toBe('签到时间（北京时间）')
    expect(list.getCell('E4').value).toBe('2026年12月2日 09:01:05')
    const subtitle = String(list.getCell('A2').value)
    expect(subtitle).toContain('活动时间：2026年12月2日 09:10 至 2026年12月2日 11:00（北京时间）')
    expect(subtitle).toContain('导出时间：2026年12月2日 09:01（北京时间）')
    expect(subtitle).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    const info = new Map<string, string>()
    workbook.getWorksheet('活动信息')!.eachRow((row, n) => {
      if (n > 3) info.set(String(row.getCell(1).value), String(row.getCell(2).value))
    })
    expect(info.get('开始时间（北京时间）')).toBe('2026年12月2日 09:10')
    expect(info.get('签到时间（北京时间）')).toBe('2026年12月2日 08:50 至 2026年12月2日 11:00')
    expect([...info.values()].join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(misprintedNumbers(workbook)).toEqual([])
  })

  it('工作台账: scores, counts and rates are numbers, right-aligned, a rate printed as a percentage', async () => {
    const workbook = await workbookOf('/api/v1/supervision/ledger.xlsx', office)
    const sheet = workbook.getWorksheet('工作台账')!
    // The demo's figures: some scores and counts to print.
    const figures = ['综合得分', '活动应到人次', '党支部数'].flatMap((h) =>
      columnCells(sheet, h).filter((c) => typeof c.value === 'number'),
    )
    expect(figures.length).toBeGreaterThan(3)
    for (const cell of figures) expect(cell.alignment.horizontal).toBe('right')
    const rates = columnCells(sheet, '个人廉洁承诺签署率').filter((c) => typeof c.value === 'number')
    expect(rates.length).toBeGreaterThan(0)
    for (const cell of rates) expect([cell.numFmt, cell.alignment.horizontal]).toEqual(['0.0%', 'right'])
    expect(LEDGER_COLUMNS).toContain('个人廉洁承诺签署率')
    // Scores to one decimal place (56.0 beside 85.7), whichever enterprise has one.
    expect(SCORE_COLUMNS).toEqual(expect.arrayContaining(['清廉政治', '规定动作', '综合得分']))
    for (const header of SCORE_COLUMNS)
      for (const cell of columnCells(sheet, header)) expect([header, cell.numFmt]).toEqual([header, '0.0'])
    expect(misprintedNumbers(workbook)).toEqual([])
  })

  it('三会一课台账: 应到, 实到 and 完成率 are numbers, centred as the sheet centres its counts', async () => {
    const { id: branchId } = await t.app.db
      .selectFrom('party_branches')
      .select('id')
      .where('enterprise_id', '=', privateId)
      .executeTakeFirstOrThrow()
    const workbook = await workbookOf(
      `/api/v1/enterprises/${privateId}/party-branches/${branchId}/year.xlsx`,
      secretary,
    )
    const rates = columnCells(workbook.getWorksheet('完成情况')!, '完成率')
    expect(rates.length).toBeGreaterThan(0)
    for (const cell of rates) {
      expect(typeof cell.value).toBe('number')
      expect([cell.numFmt, cell.alignment.horizontal]).toEqual(['0.0%', 'center'])
    }
    expect(misprintedNumbers(workbook)).toEqual([])
  })

  it('操作日志: 序号 a number, centred', async () => {
    const workbook = await workbookOf('/api/v1/audit-log.xlsx', office)
    const numbers = columnCells(workbook.getWorksheet('操作日志')!, '序号')
    expect(numbers.length).toBeGreaterThan(0)
    expect(misprintedNumbers(workbook)).toEqual([])
  })
})
