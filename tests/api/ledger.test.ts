import ExcelJS from 'exceljs'
import { LEDGER_COLUMNS } from '../../server/features/supervision/ledger'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { sheetRows } from './support/sheets'

async function workbookOf(payload: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(payload as unknown as ArrayBuffer)
  return workbook
}

async function titleOf(payload: Buffer, name: string): Promise<string> {
  return String((await workbookOf(payload)).getWorksheet(name)!.getCell('A1').value)
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
    expect(name).toMatch(/^县委统战部-清廉企业建设工作台账-.+-\d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(await titleOf(res.rawPayload, '工作台账')).toBe('县委统战部清廉企业建设工作台账')

    const rows = await sheetRows(res.rawPayload, '工作台账', 3)
    expect(rows[0]).toEqual([...LEDGER_COLUMNS])
    // 县委统战部 supervises the two 民营 enterprises, not the state-owned ones.
    const names = rows.slice(1).map((r) => r[1])
    expect(names.sort()).toEqual(['县恒达食品有限公司', '县顺通物流有限公司'])
    const hengda = rows.find((r) => r[1] === '县恒达食品有限公司')!
    const col = (header: (typeof LEDGER_COLUMNS)[number]) => hengda[LEDGER_COLUMNS.indexOf(header)]
    expect(col('所有制')).toBe('民营')
    expect(col('统一社会信用代码')).toMatch(/^[0-9A-Z]{18}$/)
    expect(col('监管部门')).toContain('县委统战部')
    expect(col('联络员')).toBe('陈静')
    // In full: the supervising department calls the liaison.
    expect(col('联络员电话')).toMatch(/^1\d{10}$/)
    expect(LEDGER_COLUMNS).toContain('规定动作')
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

  it('lists each 整改 of the supervised enterprises on its own sheet, overdue ones marked', async () => {
    const hengda = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    const issued = await call(t.app, supervisor, {
      method: 'POST',
      url: `/api/v1/enterprises/${hengda}/rectifications`,
      payload: {
        title: '台账测试：廉洁风险点排查不全面',
        detail: '补充排查采购岗位风险点',
        deadline: '2099-12-31',
      },
    })
    expect(issued.statusCode).toBe(201)
    // One already past its deadline, straight in the table (a notice cannot be issued for a past day).
    await t.app.db
      .insertInto('rectifications')
      .values({
        enterprise_id: hengda,
        source: 'notice',
        assessment_id: null,
        item_code: null,
        title: '台账测试：逾期未整改',
        detail: null,
        deadline: '2020-01-31',
        status: 'open',
        response: null,
        created_by: null,
        created_at: '2020-01-01T00:00:00.000Z',
        updated_at: '2020-01-01T00:00:00.000Z',
      })
      .execute()
    const res = await call(t.app, supervisor, { method: 'GET', url })
    const rows = await sheetRows(res.rawPayload, '整改事项')
    expect(rows[0]).toEqual(expect.arrayContaining(['企业名称', '整改事项', '整改期限', '状态', '是否逾期']))
    const open = rows.find((r) => r[4] === '台账测试：廉洁风险点排查不全面')!
    expect(open).toEqual(
      expect.arrayContaining([
        '县恒达食品有限公司',
        '整改通知',
        '补充排查采购岗位风险点',
        '2099年12月31日',
        '待整改',
      ]),
    )
    const late = rows.find((r) => r[4] === '台账测试：逾期未整改')!
    expect(late[8]).toBe('逾期')
    // 下达时间, 最近更新: 北京时间 as every export writes a time (2020-01-01 00:00 UTC is 08:00 in Beijing)
    expect(late.slice(-2)).toEqual(['2020年1月1日 08:00', '2020年1月1日 08:00'])
    // The other department's supervisor does not see them.
    const finance = await loginAs(t.app, 'demo-supervisor-finance')
    const theirs = await sheetRows(
      (await call(t.app, finance, { method: 'GET', url })).rawPayload,
      '整改事项',
    )
    expect(theirs.flat()).not.toContain('台账测试：逾期未整改')
  })

  it('lists each 廉洁风险点 on its own sheet, a review past its date (北京时间) marked 逾期', async () => {
    const hengda = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    const recorded = await call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/enterprises/${hengda}/risks`,
      payload: {
        area: 'material_purchase',
        post: '台账测试：采购部 · 供应商选择',
        description: '供应商选择环节存在利益输送风险',
        likelihood: 3,
        impact: 3,
        measures: '三方比价，采购与验收分离',
        owner: '王采购',
        reviewCycle: 1,
        nextReviewDate: '2099-01-31',
      },
    })
    expect(recorded.statusCode).toBe(201)
    // One whose review date has passed, straight in the table (the form takes today or later).
    await t.app.db
      .updateTable('risks')
      .set({ next_review_date: '2020-01-31' })
      .where('id', '=', recorded.json().id)
      .execute()
    const res = await call(t.app, supervisor, { method: 'GET', url })
    const rows = await sheetRows(res.rawPayload, '廉洁风险点')
    expect(rows[0]).toEqual([
      '序号',
      '企业名称',
      '风险领域',
      '岗位/环节',
      '风险等级',
      '防控措施',
      '责任人',
      '下次复核',
      '状态',
      '复核逾期',
    ])
    const mine = rows.find((r) => r[3] === '台账测试：采购部 · 供应商选择')!
    expect(mine.slice(1)).toEqual([
      '县恒达食品有限公司',
      '物资采购',
      '台账测试：采购部 · 供应商选择',
      '高',
      '三方比价，采购与验收分离',
      '王采购',
      '2020年1月31日',
      '有效',
      '逾期',
    ])
    expect(await titleOf(res.rawPayload, '廉洁风险点')).toContain('廉洁风险点台账')
    const finance = await loginAs(t.app, 'demo-supervisor-finance')
    const theirs = await sheetRows(
      (await call(t.app, finance, { method: 'GET', url })).rawPayload,
      '廉洁风险点',
    )
    expect(theirs.flat()).not.toContain('台账测试：采购部 · 供应商选择')
  })

  it('gives the office every enterprise and refuses enterprise staff and anonymous callers', async () => {
    // 恒达's draft handed in (01:30 UTC is 09:30 北京时间), for its 提交时间
    const hengda = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    await t.app.db
      .updateTable('assessments')
      .set({ status: 'submitted', submitted_at: '2026-03-02T01:30:00.000Z' })
      .where('enterprise_id', '=', hengda)
      .where('status', '=', 'draft')
      .execute()
    const all = await call(t.app, office, { method: 'GET', url })
    const officeRows = await sheetRows(all.rawPayload, '工作台账', 3)
    const soeRow = officeRows.find((r) => r[1] === '县城市建设投资集团有限公司')!
    const mixedRow = officeRows.find((r) => r[1] === '县园区水务发展有限公司')!
    const at = (row: unknown[], header: (typeof LEDGER_COLUMNS)[number]) =>
      row[LEDGER_COLUMNS.indexOf(header)]
    expect([
      at(soeRow, '领导小组成立日期'),
      at(soeRow, '领导小组'),
      at(soeRow, '实施方案报送日期'),
      at(soeRow, '实施方案'),
    ]).toEqual(['2022年6月10日', '按时', '2022年6月14日', '按时'])
    expect([at(mixedRow, '实施方案报送日期'), at(mixedRow, '实施方案')]).toEqual(['2022年6月20日', '逾期'])
    // 提交时间 and 说明's 导出时间 in 北京时间, written as the other exports write a time
    const hengdaRow = officeRows.find((r) => r[1] === '县恒达食品有限公司')!
    expect(at(hengdaRow, '提交时间')).toBe('2026年3月2日 09:30')
    const about = await workbookOf(all.rawPayload)
    const facts = about.getWorksheet('说明')!.getSheetValues() as unknown[][]
    const exported = facts.find((r) => r?.[1] === '导出时间')
    expect(exported?.[2]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（北京时间）$/)
    expect(all.statusCode).toBe(200)
    expect((await sheetRows(all.rawPayload, '工作台账', 3)).length).toBe(1 + 4)
    expect((await call(t.app, liaison, { method: 'GET', url })).statusCode).toBe(403)
    expect((await call(t.app, null, { method: 'GET', url })).statusCode).toBe(401)
  })

  it('builds one export at a time with four in line, and refuses more with 429 EXPORT_BUSY', async () => {
    const answers = await Promise.all(
      Array.from({ length: 7 }, () => call(t.app, office, { method: 'GET', url })),
    )
    const statuses = answers.map((a) => a.statusCode).sort()
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
    const refused = answers.find((a) => a.statusCode === 429)!
    expect(refused.json()).toEqual({
      error: { code: 'EXPORT_BUSY', message: '正在生成的导出文件较多，请稍后再试', fields: [] },
    })
    // Five workbooks one after another, each in a fresh worker thread: a minute on a shared machine.
  }, 180_000)

  it('refuses a malformed campaign id with a stable code', async () => {
    const bad = await call(t.app, supervisor, { method: 'GET', url: `${url}?campaignId=abc` })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')
  })
})
