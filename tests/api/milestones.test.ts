import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'
import { multipart, TINY_PDF, TINY_PNG } from './support/files'

/**
 * 实施步骤 milestones: the liaison records the 领导小组 and files the 实施方案 with a supervising department;
 * that department's 监管员 marks it 已收到 or returns it; the deadline decides 按时 / 逾期 / 未报.
 */
describe(`milestones [${TEST_DB}]`, () => {
  let t: TestApp
  let now = Date.parse('2026-12-02T02:00:00Z')
  let liaison: string // 陈静, 县恒达食品有限公司 (民营; supervised by 县委统战部 and 县市场监管局)
  let liaisonSoe: string
  let employee: string
  let united: string // 县委统战部 监管员
  let finance: string // 县财政局 监管员: does not supervise 恒达
  let office: string
  let hengda: number
  let soe: number
  let unitedId: number
  let marketId: number
  const base = (eid: number | string) => `/api/v1/enterprises/${eid}/milestones`

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[liaison, liaisonSoe, employee, united, finance, office] = await Promise.all(
      [
        'demo-liaison-private',
        'demo-liaison-soe',
        'demo-employee-private',
        'demo-supervisor-united',
        'demo-supervisor-finance',
        'demo-office',
      ].map((o) => loginAs(t.app, o)),
    )
    hengda = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soe = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    unitedId = await idOf(t.app, 'departments', '县委统战部')
    marketId = await idOf(t.app, 'departments', '县市场监管局')
  })
  afterAll(() => t.close())

  const view = (token: string, eid: number | string = hengda) =>
    call(t.app, token, { method: 'GET', url: base(eid) })
  const upload = (token: string, eid: number = hengda, content = TINY_PDF, name = '实施方案.pdf') =>
    call(t.app, token, {
      method: 'POST',
      url: `${base(eid)}/plan/files`,
      ...multipart('file', name, content),
    })
  const file = (token: string, body: unknown, eid: number = hengda) =>
    call(t.app, token, { method: 'POST', url: `${base(eid)}/plan/filings`, payload: body as object })
  const decide = (token: string, filingId: number | string, body: unknown, eid: number = hengda) =>
    call(t.app, token, {
      method: 'POST',
      url: `${base(eid)}/plan/filings/${filingId}/decision`,
      payload: body as object,
    })
  const group = {
    setUpDate: '2022-06-12',
    members: [
      { name: '刘恒达', title: '总经理', groupRole: 'leader' },
      { name: '梁红梅', title: '党支部书记', groupRole: 'deputy' },
      { name: '陈静', title: '行政主管', groupRole: 'member' },
    ],
  }

  it('starts 未报 (past the programme deadline) for an enterprise with nothing recorded; 按时 from the record', async () => {
    const res = await view(liaison)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      enterpriseName: '县恒达食品有限公司',
      deadline: '2022-06-15',
      programmeDeadline: true,
      deadlineSource: 'programme',
      leadingGroup: { status: 'missing', overdue: true, setUpDate: null, members: [] },
      plan: { status: 'missing', overdue: true, current: null, history: [], canFile: true },
    })
    expect(
      res
        .json()
        .departments.map((d: { name: string }) => d.name)
        .sort(),
    ).toEqual(['县委统战部', '县市场监管局'])
    const soeView = (await view(liaisonSoe, soe)).json()
    expect(soeView.leadingGroup).toMatchObject({ status: 'on_time', doneOn: '2022-06-10' })
    expect(soeView.leadingGroup.members[0]).toEqual({
      name: '张国栋',
      title: '党委书记、董事长',
      groupRole: 'leader',
    })
  })

  it('lets the liaison record the 领导小组 (whole list each time); not a future date, one 组长', async () => {
    const put = (token: string, body: unknown, eid: number | string = hengda) =>
      call(t.app, token, { method: 'PUT', url: `${base(eid)}/leading-group`, payload: body as object })
    expect((await put(liaison, group)).statusCode).toBe(200)
    const after = (await view(liaison)).json()
    expect(after.leadingGroup).toMatchObject({
      setUpDate: '2022-06-12',
      status: 'on_time',
      members: group.members,
    })
    expect((await put(liaison, { ...group, members: group.members.slice(1) })).statusCode).toBe(400)
    const future = await put(liaison, { ...group, setUpDate: '2026-12-03' })
    expect(future.statusCode).toBe(400)
    expect(future.json().error.fields[0]).toMatchObject({ path: 'setUpDate' })
    expect((await put(liaison, { ...group, setUpDate: '2022-13-01' })).statusCode).toBe(400)
    expect(
      (await put(liaison, { ...group, members: [{ name: '\u0000', title: 'x', groupRole: 'leader' }] }))
        .statusCode,
    ).toBe(400)
    // Not the liaison: an employee (403), a supervisor (403), another enterprise's liaison (404).
    expect((await put(employee, group)).statusCode).toBe(403)
    expect((await put(united, group)).statusCode).toBe(403)
    expect((await put(liaisonSoe, group)).statusCode).toBe(404)
    expect((await put(liaison, group, '4294967296')).statusCode).toBe(404)
    const audit = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'milestones.leading_group.save')
      .execute()
    expect(audit[0]).toMatchObject({ organisation_kind: 'enterprise', organisation_id: hengda })
  })

  it('answers another enterprise, a department that does not supervise it, and a stranger with 404', async () => {
    expect((await view(liaisonSoe)).statusCode).toBe(404)
    expect((await view(finance)).statusCode).toBe(404)
    expect((await view(united)).statusCode).toBe(200)
    expect((await view(office)).statusCode).toBe(200)
    expect((await view(employee)).statusCode).toBe(200)
    expect((await view(liaison, 999_999)).statusCode).toBe(404)
    expect((await view(liaison, '2147483648')).statusCode).toBe(404)
  })

  it('files the 实施方案 with a supervising department; only that department decides, once', async () => {
    const stored = await upload(liaison)
    expect(stored.statusCode).toBe(201)
    expect(stored.json()).toMatchObject({ filename: '实施方案.pdf', mime: 'application/pdf' })
    const fileId = stored.json().id as number
    // Bad input: a department that does not supervise it, another enterprise's file, no file, a text file.
    const financeId = await idOf(t.app, 'departments', '县财政局')
    expect((await file(liaison, { departmentId: financeId, fileIds: [fileId] })).statusCode).toBe(400)
    const soeFile = (await upload(liaisonSoe, soe)).json().id as number
    const foreign = await file(liaison, { departmentId: unitedId, fileIds: [soeFile] })
    expect(foreign.statusCode).toBe(400)
    expect(foreign.json().error.fields[0].path).toBe('fileIds.0')
    expect((await file(liaison, { departmentId: unitedId, fileIds: [] })).statusCode).toBe(400)
    expect((await file(liaison, { departmentId: unitedId, fileIds: [fileId, fileId] })).statusCode).toBe(400)
    expect((await upload(liaison, hengda, Buffer.from('plain text'), 'a.txt')).statusCode).toBe(415)
    expect((await upload(employee)).statusCode).toBe(403)
    expect((await upload(liaisonSoe, hengda)).statusCode).toBe(404)

    now = Date.parse('2026-12-02T16:30:00Z') // 2026-12-03 00:30 北京时间
    const filed = await file(liaison, { departmentId: unitedId, fileIds: [fileId] })
    expect(filed.statusCode).toBe(201)
    expect(filed.json()).toMatchObject({ revision: 1 })
    const filingId = filed.json().id as number
    const v = (await view(liaison)).json()
    expect(v.plan).toMatchObject({ doneOn: '2026-12-03', status: 'late', canFile: false })
    expect(v.plan.current).toMatchObject({
      status: 'submitted',
      departmentName: '县委统战部',
      submittedByName: '陈静',
    })
    expect(v.plan.current.files[0].url).toMatch(/^\/api\/v1\/files\//)
    // Filed already: no second filing while it waits.
    expect((await file(liaison, { departmentId: marketId, fileIds: [fileId] })).statusCode).toBe(409)

    // Who decides: 统战部 (the filing's department). The liaison, the office: 403; 财政局: 404.
    expect((await decide(liaison, filingId, { decision: 'receive' })).statusCode).toBe(403)
    expect((await decide(office, filingId, { decision: 'receive' })).statusCode).toBe(403)
    expect((await decide(finance, filingId, { decision: 'receive' })).statusCode).toBe(404)
    expect((await decide(united, filingId, { decision: 'return' })).statusCode).toBe(400)
    expect((await decide(united, filingId, { decision: 'return', reason: '缺\u0000页' })).statusCode).toBe(
      400,
    )
    expect((await decide(united, filingId, { decision: 'maybe' })).statusCode).toBe(400)
    expect((await decide(united, 999_999, { decision: 'receive' })).statusCode).toBe(404)
    expect((await decide(united, '2147483648', { decision: 'receive' })).statusCode).toBe(404)
    // Another enterprise's filing id under this enterprise: 404.
    const soeFiling = (await file(liaisonSoe, { departmentId: financeId, fileIds: [soeFile] }, soe)).json().id
    expect((await decide(united, soeFiling, { decision: 'receive' })).statusCode).toBe(404)

    const returned = await decide(united, filingId, {
      decision: 'return',
      reason: '未明确责任分工，请补充后重新报送',
    })
    expect(returned.statusCode).toBe(200)
    expect(returned.json()).toEqual({ id: filingId, status: 'returned' })
    expect((await decide(united, filingId, { decision: 'receive' })).statusCode).toBe(409)
    const afterReturn = (await view(liaison)).json()
    expect(afterReturn.plan).toMatchObject({ doneOn: null, status: 'missing', canFile: true })
    expect(afterReturn.plan.current).toMatchObject({
      status: 'returned',
      returnReason: '未明确责任分工，请补充后重新报送',
      decidedByName: '韦丽萍',
    })

    // Filed again (with the other department this time); that one marks it received.
    const second = (await upload(liaison, hengda, TINY_PNG, '实施方案（修改稿）.png')).json().id as number
    const refiled = await file(liaison, { departmentId: marketId, fileIds: [second] })
    expect(refiled.statusCode).toBe(201)
    expect(refiled.json().revision).toBe(2)
    expect((await decide(united, refiled.json().id, { decision: 'receive' })).statusCode).toBe(403)
    const audit = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'like', 'milestones.plan.%')
      .execute()
    expect(audit.every((a) => a.organisation_kind === 'enterprise')).toBe(true)
    const returnRow = audit.find((a) => a.action === 'milestones.plan.return')!
    expect(returnRow).toMatchObject({ organisation_id: hengda, entity_id: String(filingId) })
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['milestones.plan.upload', 'milestones.plan.file', 'milestones.plan.return']),
    )
  })

  it('lets the office set a later joiner’s deadline; the status follows it', async () => {
    const put = (token: string, deadline: string | null) =>
      call(t.app, token, { method: 'PUT', url: `${base(hengda)}/deadline`, payload: { deadline } })
    expect((await put(liaison, '2026-12-31')).statusCode).toBe(403)
    expect((await put(united, '2026-12-31')).statusCode).toBe(403)
    expect((await put(office, '31/12/2026')).statusCode).toBe(400)
    // Not before the programme's own date, as the county-wide one; nothing is stored.
    const early = await put(office, '2022-06-14')
    expect(early.statusCode).toBe(400)
    expect(early.json().error).toMatchObject({
      code: 'DEADLINE_BEFORE_PROGRAMME',
      message: '完成期限不能早于实施方案规定的 2022年6月15日',
      fields: [{ path: 'deadline', message: '不能早于实施方案规定的 2022年6月15日' }],
    })
    expect((await view(liaison)).json()).toMatchObject({
      deadline: '2022-06-15',
      deadlineSource: 'programme',
    })
    expect((await put(office, '2022-06-15')).statusCode).toBe(200)
    expect(
      (
        await call(t.app, office, {
          method: 'PUT',
          url: `${base(999_999)}/deadline`,
          payload: { deadline: null },
        })
      ).statusCode,
    ).toBe(404)
    const res = await put(office, '2026-12-31')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      deadline: '2026-12-31',
      programmeDeadline: false,
      deadlineSource: 'enterprise',
    })
    const v = (await view(liaison)).json()
    expect(v).toMatchObject({
      deadline: '2026-12-31',
      programmeDeadline: false,
      deadlineSource: 'enterprise',
    })
    expect(v.plan).toMatchObject({ status: 'on_time', doneOn: '2026-12-03' })
    expect((await put(office, null)).json()).toEqual({
      deadline: '2022-06-15',
      programmeDeadline: true,
      deadlineSource: 'programme',
    })
  })

  it('shows each enterprise’s milestones on the supervision overview', async () => {
    const rows = (await call(t.app, united, { method: 'GET', url: '/api/v1/supervision/overview' })).json()
      .enterprises as { enterpriseName: string; milestones: Record<string, Record<string, unknown>> }[]
    const row = rows.find((r) => r.enterpriseName === '县恒达食品有限公司')!
    expect(row.milestones).toMatchObject({
      deadline: '2022-06-15',
      leadingGroup: { status: 'on_time', doneOn: '2022-06-12' },
      plan: { status: 'late', doneOn: '2026-12-03', receipt: 'submitted' },
    })
  })

  it('has exactly one winner when decisions, or re-filings, race', async () => {
    const nopo = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    const liaisonNopo = await loginAs(t.app, 'demo-liaison-nopo')
    const fileId = (await upload(liaisonNopo, nopo)).json().id as number
    const first = await file(liaisonNopo, { departmentId: unitedId, fileIds: [fileId] }, nopo)
    expect(first.statusCode).toBe(201)
    // Six decisions at once (receive and return mixed): one 200, five 409.
    const decisions = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        decide(
          united,
          first.json().id,
          i % 2 ? { decision: 'receive' } : { decision: 'return', reason: '请补充' },
          nopo,
        ),
      ),
    )
    expect(decisions.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409])
    const won = decisions.find((r) => r.statusCode === 200)!.json().status
    if (won === 'received') {
      // Received: no filing again, however many try.
      const again = await Promise.all(
        Array.from({ length: 4 }, () =>
          file(liaisonNopo, { departmentId: unitedId, fileIds: [fileId] }, nopo),
        ),
      )
      expect(again.map((r) => r.statusCode)).toEqual([409, 409, 409, 409])
      return
    }
    // Returned: six re-filings at once make one filing number 2.
    const refilings = await Promise.all(
      Array.from({ length: 6 }, () => file(liaisonNopo, { departmentId: unitedId, fileIds: [fileId] }, nopo)),
    )
    expect(refilings.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409])
    const filings = await t.app.db
      .selectFrom('plan_filings')
      .select('revision')
      .where('enterprise_id', '=', nopo)
      .execute()
    expect(filings.map((f) => f.revision).sort()).toEqual([1, 2])
  })

  it('races a receive on the old filing against the re-filing after a return: the old one stays returned', async () => {
    const mixed = await idOf(t.app, 'enterprises', '县园区水务发展有限公司')
    const liaisonMixed = await loginAs(t.app, 'demo-liaison-mixed')
    const park = await idOf(t.app, 'departments', '县工业园区管委会')
    const parkSupervisor = await t.app.db
      .insertInto('users')
      .values({
        openid: 'park-sup',
        name: '园区监管员',
        phone: null,
        unionid: null,
        session_key: null,
        disabled_at: null,
        created_at: new Date(now).toISOString(),
        updated_at: new Date(now).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.app.db
      .insertInto('memberships')
      .values({
        user_id: parkSupervisor.id,
        organisation_kind: 'department',
        organisation_id: park,
        role: 'supervisor',
        status: 'approved',
        invite_id: null,
        decided_by: null,
        decided_at: null,
        created_at: new Date(now).toISOString(),
      })
      .execute()
    const sup = await loginAs(t.app, 'park-sup')
    const fileId = (await upload(liaisonMixed, mixed)).json().id as number
    const one = (await file(liaisonMixed, { departmentId: park, fileIds: [fileId] }, mixed)).json()
      .id as number
    expect((await decide(sup, one, { decision: 'return', reason: '请按模板修改' }, mixed)).statusCode).toBe(
      200,
    )
    const [late, refile] = await Promise.all([
      decide(sup, one, { decision: 'receive' }, mixed),
      file(liaisonMixed, { departmentId: park, fileIds: [fileId] }, mixed),
    ])
    expect(late.statusCode).toBe(409)
    expect(refile.statusCode).toBe(201)
    const v = (await view(liaisonMixed, mixed)).json()
    expect(v.plan.history.map((f: { revision: number; status: string }) => [f.revision, f.status])).toEqual([
      [2, 'submitted'],
      [1, 'returned'],
    ])
  })
})
