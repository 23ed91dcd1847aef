import { convertWithLibreOffice, hasLibreOffice, parseCsv } from './support/libreoffice'
import { currentTemplates, signAsEnterprise } from './support/pledges'
import { exportedAuditRows, proxySignIn } from './support/audit'
import { formatVerifyCode } from '../../src/models/pledgeVerification'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'

/** The office reads every write: filtered, paged newest first, exported as .xlsx. */
describe(`audit log [${TEST_DB}]`, () => {
  let t: TestApp
  let now = Date.parse('2026-12-01T10:00:00Z')
  let office: string
  let liaison: string
  let liaisonSoe: string
  let supervisor: string
  let hengda: number
  let soe: number
  let liaisonId: number
  const list = (token: string, query: Record<string, string | number> = {}) =>
    call(t.app, token, {
      method: 'GET',
      url: `/api/v1/audit-log?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`,
    })
  type Entry = {
    id: number
    at: string
    action: string
    actionLabel: string
    organisationName: string | null
    userName: string | null
  }

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[office, liaison, liaisonSoe, supervisor] = await Promise.all(
      ['demo-office', 'demo-liaison-private', 'demo-liaison-soe', 'demo-supervisor-united'].map((o) =>
        loginAs(t.app, o),
      ),
    )
    hengda = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soe = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    liaisonId = (
      await t.app.db
        .selectFrom('users')
        .select('id')
        .where('openid', '=', 'demo-liaison-private')
        .executeTakeFirstOrThrow()
    ).id
    // 23:59 北京时间 on 1 December, then 00:00 on 2 December.
    now = Date.parse('2026-12-01T15:59:00Z')
    const patch = (industry: string) =>
      call(t.app, liaison, { method: 'PATCH', url: `/api/v1/enterprises/${hengda}`, payload: { industry } })
    expect((await patch('食品加工')).statusCode).toBe(200)
    now = Date.parse('2026-12-01T16:00:00Z')
    const invite = await call(t.app, liaisonSoe, {
      method: 'POST',
      url: `/api/v1/enterprises/${soe}/invites`,
      payload: { role: 'employee' },
    })
    expect(invite.statusCode).toBe(201)
    const department = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/departments',
      payload: { name: '县统计局' },
    })
    expect(department.statusCode).toBe(201)
    // 25 more writes, several at the very same instant (ties are ordered by id).
    for (let i = 0; i < 25; i++) {
      now = Date.parse('2026-12-02T02:00:00Z') + Math.floor(i / 3) * 1000
      expect((await patch(`食品加工${i}`)).statusCode).toBe(200)
    }
  })
  afterAll(() => t.close())

  it('is for the office only', async () => {
    expect((await list(office)).statusCode).toBe(200)
    expect((await list(supervisor)).statusCode).toBe(403)
    expect((await list(liaison)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit-log' })).statusCode).toBe(401)
    expect((await call(t.app, supervisor, { method: 'GET', url: '/api/v1/audit-log.xlsx' })).statusCode).toBe(
      403,
    )
  })

  it('pages newest first, ties by id, without a row twice or missing', async () => {
    const all = (await list(office, { limit: 100, action: 'enterprise.update' })).json().entries as Entry[]
    expect(all).toHaveLength(26)
    const seen: Entry[] = []
    let cursor: string | null = null
    do {
      const res = await list(office, { limit: 7, action: 'enterprise.update', ...(cursor ? { cursor } : {}) })
      expect(res.statusCode).toBe(200)
      seen.push(...(res.json().entries as Entry[]))
      cursor = res.json().nextCursor
    } while (cursor)
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id))
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]]
      expect(a.at > b.at || (a.at === b.at && a.id > b.id)).toBe(true)
    }
    expect(seen[0]).toMatchObject({
      actionLabel: '修改企业资料',
      userName: '陈静',
      organisationName: '县恒达食品有限公司',
    })
  })

  it('filters by person, organisation, action and 北京时间 days', async () => {
    const byUser = (await list(office, { userId: liaisonId, limit: 100 })).json().entries as Entry[]
    expect(byUser.length).toBeGreaterThanOrEqual(26)
    expect(new Set(byUser.map((e) => e.userName))).toEqual(new Set(['陈静']))
    const byName = (await list(office, { person: '李', limit: 100 })).json().entries as Entry[]
    expect(byName.map((e) => e.action)).toContain('invite.create')
    expect(byName.every((e) => e.userName?.includes('李'))).toBe(true)
    // A LIKE wildcard in the name matches literally.
    expect((await list(office, { person: '%' })).json().entries).toEqual([])

    const ofSoe = (await list(office, { organisationKind: 'enterprise', organisationId: soe })).json()
      .entries as Entry[]
    expect(ofSoe.map((e) => e.action)).toEqual(['invite.create'])
    expect(ofSoe[0].organisationName).toBe('县城市建设投资集团有限公司')
    const statistics = await idOf(t.app, 'departments', '县统计局')
    const ofDepartment = (
      await list(office, { organisationKind: 'department', organisationId: statistics })
    ).json().entries as Entry[]
    expect(ofDepartment.map((e) => [e.action, e.organisationName])).toEqual([
      ['department.create', '县统计局'],
    ])

    const dec1 = (await list(office, { from: '2026-12-01', to: '2026-12-01', limit: 100 })).json()
      .entries as Entry[]
    expect(dec1.map((e) => e.action)).toContain('enterprise.update')
    expect(dec1.map((e) => e.action)).not.toContain('invite.create')
    const dec2 = (await list(office, { from: '2026-12-02', limit: 100 })).json().entries as Entry[]
    expect(dec2.map((e) => e.action)).toContain('invite.create')
    expect(dec2.filter((e) => e.action === 'enterprise.update')).toHaveLength(25)
  })

  it('refuses bad filters with 400', async () => {
    for (const query of [
      { organisationId: soe },
      { organisationKind: 'county' },
      { organisationKind: 'enterprise', organisationId: '4294967296' },
      { from: '2026-12-02', to: '2026-12-01' },
      { from: '12/01/2026' },
      { limit: 0 },
      { limit: 101 },
      { cursor: 'abc' },
      { action: 'DROP TABLE' },
      { userId: -1 },
    ] as Record<string, string | number>[]) {
      const res = await list(office, query)
      expect({ query, status: res.statusCode }).toEqual({ query, status: 400 })
    }
  })

  it('names the record each row is about in 对象: the person, unit or report, never a type code', async () => {
    const report = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/supervision/reports',
      payload: { title: '第四季度督查专报', periodStart: '2026-10-01', periodEnd: '2026-11-30' },
    })
    expect(report.statusCode).toBe(201)
    const unitReport = await call(t.app, supervisor, {
      method: 'POST',
      url: '/api/v1/supervision/reports',
      payload: { title: '统战部督查专报', periodStart: '2026-10-01', periodEnd: '2026-11-30' },
    })
    expect(unitReport.statusCode).toBe(201)
    await proxySignIn(t.app, supervisor, liaisonId, (at) => (now = at))
    const head = await loginAs(t.app, 'demo-head-private')
    const templates = await currentTemplates(t.app, head)
    const { id: headId } = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-head-private')
      .executeTakeFirstOrThrow()
    const pledge = await signAsEnterprise(t.app, head, templates.enterprise, {
      enterpriseId: hengda,
      signerId: headId,
    })
    const rows = await exportedAuditRows(t.app, office)
    const of = (action: string) => rows.filter((r) => r.action === action).map((r) => r.object)
    expect(of('生成督查专报')).toEqual(['督查专报：统战部督查专报', '督查专报：第四季度督查专报'])
    // 内容 names the records its ids refer to: the report's department by name, not 部门编号 3.
    const unitDetail = rows.find((r) => r.object === '督查专报：统战部督查专报')!.detail
    expect(unitDetail).toContain('；出具单位：县委统战部')
    expect(unitDetail).not.toContain('部门编号')
    expect(of('新建监管部门')).toEqual(['部门：县统计局'])
    // A pledge by its verification code, its kind in words (the 企业 pledge is not just “企业”).
    const signed = rows.filter((r) => r.action === '签署承诺')
    expect(signed.map((r) => r.object)).toEqual([`承诺书：核验码 ${formatVerifyCode(pledge.code)}`])
    expect(signed[0].detail).toMatch(/^类型：企业诚信守法经营承诺书；/)
    // …and in 内容 by the same grouped 核验码, not the raw code.
    expect(signed[0].detail).toContain(`；核验码：${formatVerifyCode(pledge.code)}；`)
    expect(signed[0].detail).not.toContain(pledge.code)
    // An enterprise's 资料 by their names (行业), not their field codes.
    expect(rows.find((r) => r.action === '修改企业资料')!.detail).toMatch(/^行业：食品加工\d+$/)
    // An organiser's 代签 names whom it signed in.
    expect(of('组织者代签')).toEqual(['签到：陈静'])
    // A login's record is the person who logged in.
    const logins = rows.filter((r) => r.action === '登录')
    expect(logins.length).toBeGreaterThan(3)
    for (const login of logins) expect(login.object).toBe(`用户：${login.person}`)
    // Every 对象 says what it is in Chinese first: no stored code such as supervision_report.
    expect(rows.filter((r) => !/^\p{Script=Han}/u.test(r.object))).toEqual([])
  })

  it('names the office in 单位 for its own writes filed under no organisation, in the list and the export', async () => {
    const officeName = '县清廉企业建设工作领导小组办公室（县财政局资产股）'
    const officeId = await idOf(t.app, 'departments', officeName)
    const logins = (await list(office, { action: 'auth.login', limit: 100 })).json().entries as Entry[]
    const unit = (name: string) => [
      ...new Set(logins.filter((e) => e.userName === name).map((e) => e.organisationName)),
    ]
    expect(unit('覃秀')).toEqual([officeName])
    // Anyone else's write filed under no organisation stays without one.
    expect(unit('陈静')).toEqual([null])
    // Listed under the office when filtered by it, as 单位 names it; not under another department.
    const ofOffice = (
      await list(office, { organisationKind: 'department', organisationId: officeId, limit: 100 })
    ).json().entries as Entry[]
    expect(ofOffice.filter((e) => e.action === 'auth.login').map((e) => e.userName)).toContain('覃秀')
    expect(ofOffice.every((e) => e.organisationName === officeName)).toBe(true)
    const statistics = await idOf(t.app, 'departments', '县统计局')
    const ofStatistics = (
      await list(office, { organisationKind: 'department', organisationId: statistics })
    ).json().entries as Entry[]
    expect(ofStatistics.map((e) => e.action)).toEqual(['department.create'])

    const units = (await exportedAuditRows(t.app, office, '?action=auth.login'))
      .filter((r) => r.person === '覃秀')
      .map((r) => r.unit)
    expect(units.length).toBeGreaterThan(0)
    expect(new Set(units)).toEqual(new Set([officeName]))
  })

  it('exports the same filters as .xlsx that LibreOffice opens: title, headers, rows in 北京时间', async () => {
    const res = await call(t.app, office, {
      method: 'GET',
      url: `/api/v1/audit-log.xlsx?organisationKind=enterprise&organisationId=${hengda}&from=2026-12-01&to=2026-12-01`,
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toMatch(
      /filename\*=UTF-8''县清廉企业建设工作领导小组办公室（县财政局资产股）-操作日志-\d{4}-\d{2}-\d{2}\.xlsx$/,
    )
    if (!hasLibreOffice()) {
      console.warn('LibreOffice is not installed: the .xlsx conversion check of the audit export is skipped')
      return
    }
    const rows = parseCsv(convertWithLibreOffice(res.rawPayload, 'xlsx', 'csv').toString('utf8'))
    expect(rows[0][0]).toBe(
      '县清廉企业建设工作领导小组办公室（县财政局资产股）清廉企业建设操作日志（2026-12-01 至 2026-12-01）',
    )
    expect(rows[1][0]).toContain('日期：2026-12-01 至 2026-12-01')
    expect(rows[1][0]).toContain('单位：县恒达食品有限公司')
    expect(rows[2]).toEqual(['序号', '时间（北京时间）', '操作人', '单位', '操作', '对象', '内容', 'IP'])
    const data = rows.slice(3).filter((r) => r.some((c) => c !== ''))
    expect(data).toHaveLength(1)
    expect(data[0].slice(0, 6)).toEqual([
      '1',
      '2026年12月1日 23:59:00',
      '陈静',
      '县恒达食品有限公司',
      '修改企业资料',
      '企业：县恒达食品有限公司',
    ])
  }, 180_000)
})
