import ExcelJS from 'exceljs'
import { LEDGER_COLUMNS } from '../../server/features/supervision/ledger'
import { createTestApp, TEST_DB, call, loginAs, type TestApp } from './support/testApp'

async function sheetRows(payload: Buffer, name: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(payload as unknown as ArrayBuffer)
  const sheet = workbook.getWorksheet(name)
  if (!sheet) throw new Error(`no sheet ${name}`)
  // getSheetValues() is 1-based: drop the empty slot 0 of every row.
  return (sheet.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1))
}

describe(`工作台账 export (${TEST_DB})`, () => {
  let t: TestApp
  let office: string
  let supervisor: string
  let liaison: string
  const url = '/api/v1/supervision/ledger.xlsx'

  beforeAll(async () => {
    t = await createTestApp()
    ;[office, supervisor, liaison] = await Promise.all(
      ['demo-office', 'demo-supervisor-united', 'demo-liaison-private'].map((o) => loginAs(t.app, o)),
    )
  })
  afterAll(() => t.close())

  it('gives a supervisor its own enterprises only, with status, scores, 整改 and attendance', async () => {
    // 陈静 signs 王小军 in to her enterprise's demo event (代签), so attendance has something to count.
    const events = (
      await call(t.app, liaison, { method: 'GET', url: '/api/v1/events?as=organiser&when=upcoming' })
    ).json().events as { id: number; title: string }[]
    const lecture = events.find((e) => e.title.startsWith('廉政主题党课'))
    expect(lecture).toBeDefined()
    const employee = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-employee-private')
      .executeTakeFirstOrThrow()
    const proxy = await call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/events/${lecture!.id}/sign-ins/proxy`,
      payload: { userId: employee.id, reason: '台账测试代签' },
    })
    expect(proxy.statusCode).toBe(201)

    const res = await call(t.app, supervisor, { method: 'GET', url })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(res.headers['cache-control']).toBe('no-store')
    const name = decodeURIComponent(String(res.headers['content-disposition']).split("filename*=UTF-8''")[1])
    expect(name).toMatch(/^清廉企业建设工作台账-.+\.xlsx$/)

    const rows = await sheetRows(res.rawPayload, '工作台账')
    expect(rows[0]).toEqual([...LEDGER_COLUMNS])
    // 县委统战部 supervises the two 民营 enterprises, not the state-owned ones.
    const names = rows.slice(1).map((r) => r[1])
    expect(names.sort()).toEqual(['县恒达食品有限公司', '县顺通物流有限公司'])
    const hengda = rows.find((r) => r[1] === '县恒达食品有限公司')!
    const col = (header: (typeof LEDGER_COLUMNS)[number]) => hengda[LEDGER_COLUMNS.indexOf(header)]
    expect(col('所有制')).toBe('民营')
    expect(col('自查状态')).toBe('草稿')
    expect(col('活动实到人次')).toBe(1)
    expect(Number(col('活动应到人次'))).toBeGreaterThanOrEqual(4)
    expect(Number(col('活动到会率'))).toBeCloseTo(1 / Number(col('活动应到人次')), 3)
    // 廉洁承诺 and 三会一课 of the same enterprise.
    expect(col('国企领导人员承诺')).toBe('不适用')
    expect(['已签署', '未签署']).toContain(col('企业诚信守法经营承诺'))
    expect(Number(col('个人廉洁承诺签署率'))).toBeGreaterThanOrEqual(0)
    expect(col('党支部数')).toBe(1)
    expect(Number(col('三会一课完成率'))).toBeGreaterThan(0)
    // 实施步骤: nothing recorded for 恒达 (past the programme deadline).
    expect(col('领导小组')).toBe('未报（已过截止日）')
    expect(col('实施方案')).toBe('未报（已过截止日）')
    expect(col('领导小组成立日期') ?? '').toBe('')
    const shuntong = rows.find((r) => r[1] === '县顺通物流有限公司')!
    expect(shuntong[LEDGER_COLUMNS.indexOf('党支部数')]).toBe(0)
  })

  it('gives the office every enterprise and refuses enterprise staff and anonymous callers', async () => {
    const all = await call(t.app, office, { method: 'GET', url })
    const officeRows = await sheetRows(all.rawPayload, '工作台账')
    const soeRow = officeRows.find((r) => r[1] === '县城市建设投资集团有限公司')!
    const mixedRow = officeRows.find((r) => r[1] === '县园区水务发展有限公司')!
    const at = (row: unknown[], header: (typeof LEDGER_COLUMNS)[number]) =>
      row[LEDGER_COLUMNS.indexOf(header)]
    expect([
      at(soeRow, '领导小组成立日期'),
      at(soeRow, '领导小组'),
      at(soeRow, '实施方案报送日期'),
      at(soeRow, '实施方案'),
    ]).toEqual(['2022-06-10', '按时', '2022-06-14', '按时'])
    expect([at(mixedRow, '实施方案报送日期'), at(mixedRow, '实施方案')]).toEqual(['2022-06-20', '逾期'])
    expect(all.statusCode).toBe(200)
    expect((await sheetRows(all.rawPayload, '工作台账')).length).toBe(1 + 4)
    expect((await call(t.app, liaison, { method: 'GET', url })).statusCode).toBe(403)
    expect((await call(t.app, null, { method: 'GET', url })).statusCode).toBe(401)
  })

  it('refuses a malformed campaign id with a stable code', async () => {
    const bad = await call(t.app, supervisor, { method: 'GET', url: `${url}?campaignId=abc` })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')
  })
})
