import ExcelJS from 'exceljs'
import { setUpCounty } from '../../server/features/setup/service'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'
import { enterpriseRow, upload, waitReady, workbook } from './support/importFiles'
import { sheetRows } from './support/sheets'

/**
 * The county-wide 领导小组与实施方案完成期限: a county switching on after 2022-06-15 sets one later date for all
 * its enterprises; an enterprise's own date still wins; every view and count of the milestones follows it.
 */
describe(`county-wide milestone deadline [${TEST_DB}]`, () => {
  let t: TestApp
  const now = Date.parse('2026-12-02T02:00:00Z') // 2026-12-02 10:00 北京时间
  let office: string
  let liaison: string // 陈静, 县恒达食品有限公司
  let united: string // 县委统战部 监管员
  let hengda: number
  let imported: number
  const COUNTY = '/api/v1/milestones/county-deadline'
  const milestones = (eid: number, token = office) =>
    call(t.app, token, { method: 'GET', url: `/api/v1/enterprises/${eid}/milestones` })
  const putCounty = (deadline: unknown, token = office) =>
    call(t.app, token, { method: 'PUT', url: COUNTY, payload: { deadline } })
  const getCounty = (token = office) => call(t.app, token, { method: 'GET', url: COUNTY })
  const overviewRow = async (eid: number) => {
    const res = await call(t.app, office, { method: 'GET', url: '/api/v1/supervision/overview' })
    return (res.json().enterprises as { enterpriseId: number; milestones: unknown }[]).find(
      (e) => e.enterpriseId === eid,
    )!.milestones
  }
  const listed = async (filter: string) => {
    const res = await call(t.app, office, {
      method: 'GET',
      url: `/api/v1/supervision/enterprises?pageSize=200&milestone=${filter}`,
    })
    expect(res.statusCode).toBe(200)
    return (res.json().items as { enterpriseId: number }[]).map((e) => e.enterpriseId)
  }
  const figures = async () =>
    (await call(t.app, office, { method: 'GET', url: '/api/v1/supervision/figures' })).json().milestones

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[office, liaison, united] = await Promise.all(
      ['demo-office', 'demo-liaison-private', 'demo-supervisor-united'].map((o) => loginAs(t.app, o)),
    )
    hengda = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    // The county imports an enterprise: it has nothing recorded.
    const res = await upload(t.app, office, await workbook([enterpriseRow(9301)]))
    expect(res.statusCode).toBe(202)
    const view = await waitReady(t.app, office, res.json().id)
    const commit = await call(t.app, office, { method: 'POST', url: `/api/v1/imports/${view.id}/commit` })
    expect(commit.json()).toMatchObject({ created: 1 })
    imported = await idOf(t.app, 'enterprises', '县第9301测试有限公司')
    // 恒达's 领导小组 set up last week: late against 2022-06-15.
    const group = await call(t.app, liaison, {
      method: 'PUT',
      url: `/api/v1/enterprises/${hengda}/milestones/leading-group`,
      payload: {
        setUpDate: '2026-11-25',
        members: [{ name: '刘恒达', title: '总经理', groupRole: 'leader' }],
      },
    })
    expect(group.statusCode).toBe(200)
  })
  afterAll(() => t.close())

  it('starts unset: an imported enterprise is 未报 past the programme’s date, 恒达 逾期', async () => {
    expect((await getCounty()).json()).toEqual({
      deadline: null,
      programme: '2022-06-15',
      updatedAt: null,
      updatedByName: null,
      ownDeadlines: 0,
    })
    expect((await milestones(imported)).json()).toMatchObject({
      deadline: '2022-06-15',
      deadlineSource: 'programme',
      leadingGroup: { status: 'missing', overdue: true },
      plan: { status: 'missing', overdue: true },
    })
    expect((await milestones(hengda)).json().leadingGroup).toMatchObject({ status: 'late' })
    expect(await listed('leadingGroup.late')).toContain(hengda)
  })

  it('the office sets the county date: read back, audited, and every view and count follows it', async () => {
    const before = await figures()
    const res = await putCounty('2027-03-31')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      deadline: '2027-03-31',
      programme: '2022-06-15',
      updatedByName: '覃秀',
    })
    expect((await getCounty()).json()).toMatchObject({
      deadline: '2027-03-31',
      updatedAt: new Date(now).toISOString(),
    })
    const audit = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'milestones.county_deadline.set')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entity_type: 'county_setting', entity_id: '1' })
    expect(JSON.parse(audit[0].detail!)).toEqual({ deadline: '2027-03-31', programme: '2022-06-15' })

    // the imported enterprise is not overdue any more: 未报, the deadline still ahead
    expect((await milestones(imported)).json()).toMatchObject({
      deadline: '2027-03-31',
      deadlineSource: 'county',
      programmeDeadline: true,
      leadingGroup: { status: 'missing', overdue: false },
      plan: { status: 'missing', overdue: false },
    })
    expect(await overviewRow(imported)).toMatchObject({
      deadline: '2027-03-31',
      leadingGroup: { overdue: false },
    })
    // 恒达's 领导小组 is on time now, in its view, the lists and the figures (SQL) alike
    expect((await milestones(hengda, liaison)).json().leadingGroup).toMatchObject({ status: 'on_time' })
    expect(await listed('leadingGroup.on_time')).toContain(hengda)
    expect(await listed('leadingGroup.late')).not.toContain(hengda)
    const after = await figures()
    expect(after.leadingGroup.on_time).toBe(before.leadingGroup.on_time + 1)
    expect(after.leadingGroup.late).toBe(before.leadingGroup.late - 1)
    // the 工作台账: the imported enterprise is 未报 without 已过截止日, and 说明 names the county's date
    const ledger = await call(t.app, office, { method: 'GET', url: '/api/v1/supervision/ledger.xlsx' })
    expect(ledger.statusCode).toBe(200)
    const [header, ...rows] = await sheetRows(ledger.rawPayload, '工作台账', 3)
    const row = rows.find((r) => r.includes('县第9301测试有限公司'))!
    expect(row[header.indexOf('领导小组')]).toBe('未报')
    expect(row[header.indexOf('实施方案')]).toBe('未报')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer)
    const notes: string[] = []
    book.getWorksheet('说明')!.eachRow((r) => notes.push(String(r.values)))
    expect(notes.find((n) => n.includes('领导小组、实施方案'))).toContain(
      '截止 2027年3月31日（领导小组办公室全县统一设定，实施方案原定 2022年6月15日',
    )
  })

  it('an enterprise’s own date still wins over the county’s; clearing it goes back to the county’s', async () => {
    const own = (deadline: string | null) =>
      call(t.app, office, {
        method: 'PUT',
        url: `/api/v1/enterprises/${imported}/milestones/deadline`,
        payload: { deadline },
      })
    expect((await own('2026-12-31')).json()).toEqual({
      deadline: '2026-12-31',
      programmeDeadline: false,
      deadlineSource: 'enterprise',
    })
    expect((await milestones(imported)).json()).toMatchObject({
      deadline: '2026-12-31',
      deadlineSource: 'enterprise',
    })
    expect((await getCounty()).json().ownDeadlines).toBe(1)
    // an own date before today wins too: overdue again
    await own('2026-12-01')
    expect((await milestones(imported)).json().leadingGroup).toMatchObject({ overdue: true })
    expect((await own(null)).json()).toEqual({
      deadline: '2027-03-31',
      programmeDeadline: true,
      deadlineSource: 'county',
    })
    expect((await milestones(imported)).json().leadingGroup).toMatchObject({ overdue: false })
  })

  it('refuses anyone but the office, in Chinese', async () => {
    const declared = t.app.routeAccessTable.filter((r) => r.url === COUNTY)
    expect(declared.map((r) => `${r.method} ${r.description}`).sort()).toEqual(['GET office', 'PUT office'])
    for (const token of [liaison, united]) {
      for (const res of [await putCounty('2027-12-31', token), await getCounty(token)]) {
        expect(res.statusCode).toBe(403)
        expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', message: '没有权限执行此操作' })
      }
    }
    expect((await call(t.app, null, { method: 'GET', url: COUNTY })).statusCode).toBe(401)
    expect((await getCounty()).json().deadline).toBe('2027-03-31')
  })

  it('refuses a date before the programme’s or an invalid one with 400, a stable code and a Chinese message', async () => {
    const early = await putCounty('2022-06-14')
    expect(early.statusCode).toBe(400)
    expect(early.json().error).toMatchObject({
      code: 'DEADLINE_BEFORE_PROGRAMME',
      message: '完成期限不能早于实施方案规定的 2022年6月15日',
      fields: [{ path: 'deadline', message: '不能早于实施方案规定的 2022年6月15日' }],
    })
    for (const bad of ['2027-02-30', '31/12/2027', '2027-3-1', '', 20270331, 'none']) {
      const res = await putCounty(bad)
      expect({ bad, status: res.statusCode, code: res.json().error.code }).toEqual({
        bad,
        status: 400,
        code: 'VALIDATION_FAILED',
      })
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect((await call(t.app, office, { method: 'PUT', url: COUNTY, payload: {} })).statusCode).toBe(400)
    // the programme's own date is allowed, and nothing refused changed the setting
    expect((await getCounty()).json().deadline).toBe('2027-03-31')
    expect((await putCounty('2022-06-15')).json().deadline).toBe('2022-06-15')
  })

  it('null goes back to the programme’s date', async () => {
    expect((await putCounty(null)).json()).toMatchObject({ deadline: null })
    expect((await milestones(imported)).json()).toMatchObject({
      deadline: '2022-06-15',
      deadlineSource: 'programme',
      leadingGroup: { overdue: true },
    })
  })

  it('`npm run setup` sets it (audited without a user), keeps it when not given, refuses an early date', async () => {
    const setup = (milestoneDeadline?: string | null) =>
      t.database.db
        .transaction()
        .execute((trx) =>
          setUpCounty(trx, '测试县', now, milestoneDeadline === undefined ? {} : { milestoneDeadline }),
        )
    expect((await setup('2027-06-30')).milestoneDeadline).toBe('2027-06-30')
    expect((await getCounty()).json()).toMatchObject({ deadline: '2027-06-30', updatedByName: null })
    const rows = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'milestones.county_deadline.set')
      .where('user_id', 'is', null)
      .execute()
    expect(rows.map((r) => JSON.parse(r.detail!))).toEqual([
      { deadline: '2027-06-30', programme: '2022-06-15', via: 'npm run setup' },
    ])
    expect((await setup()).milestoneDeadline).toBe('2027-06-30')
    await expect(setup('2021-12-31')).rejects.toMatchObject({ code: 'DEADLINE_BEFORE_PROGRAMME' })
    expect((await getCounty()).json().deadline).toBe('2027-06-30')
    expect((await milestones(imported)).json()).toMatchObject({
      deadline: '2027-06-30',
      deadlineSource: 'county',
    })
  })
})
