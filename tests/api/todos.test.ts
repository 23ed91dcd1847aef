import { addJoinRequest, call, createTestApp, loginAs, TEST_DB, type TestApp } from './support/testApp'
import type { TTodoDigest, TTodoList } from '../../src/models/todo'

/** 任务: one list of what waits for the caller, from every flow, for every role. */
describe(`to-dos [${TEST_DB}]`, () => {
  let t: TestApp
  // 2026-03-10 07:00 北京时间 (still 03-09 in UTC): overdue is decided on the 北京时间 day.
  const now = Date.parse('2026-03-09T23:00:00Z')
  let privateId: number
  let rectificationIds: number[]

  async function enterpriseId(name: string) {
    const row = await t.app.db
      .selectFrom('enterprises')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
    return row.id
  }
  const setMilestones = (id: number, group: string | null, plan: string | null) =>
    t.app.db
      .updateTable('enterprises')
      .set({ leading_group_date: group, plan_filed_date: plan })
      .where('id', '=', id)
      .execute()
  const todos = async (openid: string): Promise<TTodoList> => {
    const res = await call(t.app, await loginAs(t.app, openid), { method: 'GET', url: '/api/v1/todos' })
    expect(res.statusCode).toBe(200)
    return res.json()
  }

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    privateId = await enterpriseId('县恒达食品有限公司')
    const soeId = await enterpriseId('县城市建设投资集团有限公司')
    // Three 整改 items of the private enterprise (overdue yesterday, due today, a returned one next
    // week) and one of another enterprise, which the private liaison must never see.
    const row = (
      enterprise: number,
      title: string,
      deadline: string,
      status: 'open' | 'returned',
      source: 'finding' | 'notice',
    ) => ({
      enterprise_id: enterprise,
      source,
      title,
      deadline,
      status,
      created_at: '2026-03-01T00:00:00Z',
      updated_at: '2026-03-01T00:00:00Z',
    })
    const inserted = await t.app.db
      .insertInto('rectifications')
      .values([
        row(privateId, '完善采购审批制度', '2026-03-09', 'open', 'finding'),
        row(privateId, '落实整改通知', '2026-03-10', 'open', 'notice'),
        row(privateId, '补充廉洁教育记录', '2026-03-17', 'returned', 'finding'),
        row(soeId, '国企的整改', '2026-03-09', 'open', 'finding'),
      ])
      .returning('id')
      .execute()
    rectificationIds = inserted.map((r) => r.id)
    // The 实施步骤 done, so the tests of the other flows see those alone (the milestones' own test undoes it).
    await setMilestones(privateId, '2022-06-01', '2022-06-10')
  })
  afterAll(async () => {
    await t.close()
  })

  it('needs a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/todos' })).statusCode).toBe(401)
  })

  it("a liaison sees every open 整改 and self-assessment of their enterprise, and no other enterprise's", async () => {
    const list = await todos('demo-liaison-private')
    const rectifications = list.items.filter((i) => i.kind.startsWith('rectification_'))
    expect(rectifications.map((i) => [i.kind, i.recordId, i.dueDate, i.overdue])).toEqual([
      ['rectification_open', rectificationIds[0], '2026-03-09', true],
      ['rectification_notice', rectificationIds[1], '2026-03-10', false],
      ['rectification_returned', rectificationIds[2], '2026-03-17', false],
    ])
    for (const item of list.items) if (item.enterpriseId !== null) expect(item.enterpriseId).toBe(privateId)
    const drafts = await t.app.db
      .selectFrom('assessments')
      .select('id')
      .where('enterprise_id', '=', privateId)
      .where('status', 'in', ['draft', 'returned'])
      .execute()
    expect(drafts.length).toBeGreaterThan(0)
    const assessments = list.items.filter((i) => i.kind.startsWith('assessment_')).map((i) => i.recordId)
    expect(assessments.sort()).toEqual(drafts.map((d) => d.id).sort())
    expect(list.total).toBe(list.items.length)
    expect(Object.values(list.counts).reduce((a, b) => a + (b ?? 0), 0)).toBe(list.total)
    expect(list.items[0]).toMatchObject({ overdue: true, title: '整改：完善采购审批制度' })
  })

  it('orders overdue first, then the nearest last day', async () => {
    const list = await todos('demo-liaison-private')
    const flags = list.items.map((i) => i.overdue)
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)))
    const dated = list.items.filter((i) => !i.overdue && i.dueDate).map((i) => i.dueDate!)
    expect(dated).toEqual([...dated].sort())
  })

  it('an employee sees the personal pledge still to sign this year', async () => {
    const list = await todos('demo-employee-private')
    expect(list.items.find((i) => i.kind === 'pledge_sign')).toMatchObject({
      title: '签署本年度廉洁从业承诺',
      enterpriseId: privateId,
    })
  })

  it('a supervisor sees 整改 to verify and assessments to review, of the enterprises it supervises only', async () => {
    const liaison = await loginAs(t.app, 'demo-liaison-private')
    const target = rectificationIds[0]
    const respond = await call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/rectifications/${target}/respond`,
      payload: { response: '已完成制度修订并组织学习。', evidenceIds: [] },
    })
    expect(respond.statusCode).toBe(200)
    const submitted = await t.app.db
      .updateTable('assessments')
      .set({ status: 'submitted', submitted_at: '2026-03-08T02:00:00Z' })
      .where('enterprise_id', '=', privateId)
      .where('status', '=', 'draft')
      .returning('id')
      .execute()
    const united = await todos('demo-supervisor-united')
    expect(united.items.find((i) => i.key.startsWith(`verify:${target}:`))).toMatchObject({
      kind: 'rectification_verify',
      enterpriseId: privateId,
    })
    expect(
      united.items.find((i) => i.key === `review:${submitted[0].id}:2026-03-08T02:00:00Z`),
    ).toMatchObject({
      kind: 'assessment_review',
      title: '审核「县恒达食品有限公司」的自查',
      detail: expect.stringMatching(/ · 2026年3月8日提交$/),
    })
    // 县财政局 does not supervise this private enterprise: nothing of it in its list.
    const finance = await todos('demo-supervisor-finance')
    expect(finance.items.some((i) => i.enterpriseId === privateId)).toBe(false)
    // The liaison's list no longer has either.
    const after = await todos('demo-liaison-private')
    expect(after.items.some((i) => i.key === `rectification:${target}`)).toBe(false)
    expect(after.items.some((i) => i.key === `assessment:${submitted[0].id}`)).toBe(false)
  })

  it('a liaison sees join requests waiting for approval, counted', async () => {
    await addJoinRequest(t.app, privateId, 'todo-joiner', '2026-03-09T00:00:00Z')
    const pending = await t.app.db
      .selectFrom('memberships')
      .select('id')
      .where('organisation_kind', '=', 'enterprise')
      .where('organisation_id', '=', privateId)
      .where('status', '=', 'pending')
      .execute()
    const item = (await todos('demo-liaison-private')).items.find((i) => i.kind === 'member_pending')
    expect(item).toMatchObject({ title: `${pending.length} 人申请加入，待审核`, enterpriseId: privateId })
    expect((await todos('demo-employee-private')).items.some((i) => i.kind === 'member_pending')).toBe(false)
    // A further request is a new occasion (a new key, so a new reminder), not the old to-do again.
    await addJoinRequest(t.app, privateId, 'todo-joiner-2', '2026-03-09T01:00:00Z')
    const next = (await todos('demo-liaison-private')).items.find((i) => i.kind === 'member_pending')
    expect(next?.title).toBe(`${pending.length + 1} 人申请加入，待审核`)
    expect(next?.key).not.toBe(item?.key)
  })

  it('a second 退回 of the same 整改 is a new to-do (a new key), so it is reminded again', async () => {
    const returned = rectificationIds[2]
    const keyOf = async () =>
      (await todos('demo-liaison-private')).items.find(
        (i) => i.recordId === returned && i.kind === 'rectification_returned',
      )?.key
    const first = await keyOf()
    expect(first).toBe(`rectification:${returned}:returned:2026-03-01T00:00:00Z`)
    await t.app.db
      .updateTable('rectifications')
      .set({ updated_at: '2026-03-09T05:00:00Z' })
      .where('id', '=', returned)
      .execute()
    expect(await keyOf()).toBe(`rectification:${returned}:returned:2026-03-09T05:00:00Z`)
  })

  it('gives H5 a digest: counts per kind, overdue first, and what is new since the last look', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/todos/digest' })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/todos/seen' })).statusCode).toBe(401)
    const liaison = await loginAs(t.app, 'demo-liaison-private')
    const digest = async (): Promise<TTodoDigest> =>
      (await call(t.app, liaison, { method: 'GET', url: '/api/v1/todos/digest' })).json()
    await t.app.db
      .insertInto('rectifications')
      .values({
        enterprise_id: privateId,
        source: 'notice',
        title: '逾期未办的整改通知',
        deadline: '2026-03-01',
        status: 'open',
        created_at: '2026-02-20T00:00:00Z',
        updated_at: '2026-02-20T00:00:00Z',
      })
      .execute()
    const first = await digest()
    const list = await todos('demo-liaison-private')
    expect(first).toMatchObject({ total: list.total, newCount: 0, newKeys: [], lastSeenAt: null })
    expect(first.overdue).toBe(list.items.filter((i) => i.overdue).length)
    expect(first.byKind.reduce((n, k) => n + k.count, 0)).toBe(list.total)
    // The kind with an overdue item leads; the others follow in the list's order of kinds.
    expect(first.byKind[0]).toMatchObject({ kind: 'rectification_notice', overdue: 1 })
    expect(first.byKind.slice(1).every((k) => k.overdue === 0)).toBe(true)

    const seen = await call(t.app, liaison, { method: 'PUT', url: '/api/v1/todos/seen' })
    expect(seen.statusCode).toBe(200)
    expect((await digest()).newCount).toBe(0)
    const added = await t.app.db
      .insertInto('rectifications')
      .values({
        enterprise_id: privateId,
        source: 'notice',
        title: '查看之后下发的整改通知',
        deadline: '2026-03-30',
        status: 'open',
        created_at: '2026-03-09T23:00:00Z',
        updated_at: '2026-03-09T23:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const after = await digest()
    expect(after).toMatchObject({
      total: first.total + 1,
      newCount: 1,
      newKeys: [`rectification:${added.id}`],
      lastSeenAt: new Date(now).toISOString(),
    })
    // Another user's look is theirs: the employee's digest is unaffected.
    const employee = await loginAs(t.app, 'demo-employee-private')
    const theirs = (await call(t.app, employee, { method: 'GET', url: '/api/v1/todos/digest' })).json()
    expect(theirs.lastSeenAt).toBeNull()
    await call(t.app, liaison, { method: 'PUT', url: '/api/v1/todos/seen' })
    expect((await digest()).newCount).toBe(0)
  })

  it('has the 实施步骤 (领导小组, 实施方案) for the liaison until done, and a filing to receive for its department', async () => {
    await setMilestones(privateId, null, null)
    const milestones = async (openid: string, kind: string) =>
      (await todos(openid)).items.filter((i) => i.kind === kind)
    // Due by the programme's date (no county or own date set): overdue, so first in the list.
    expect(await milestones('demo-liaison-private', 'milestone_missing')).toEqual([
      expect.objectContaining({
        key: `milestone:${privateId}:leading-group`,
        title: '成立本企业清廉建设工作领导小组',
        detail: '县恒达食品有限公司',
        dueDate: '2022-06-15',
        overdue: true,
        enterpriseId: privateId,
      }),
      expect.objectContaining({
        key: `milestone:${privateId}:plan`,
        title: '制定本企业实施方案并报送监管部门',
        dueDate: '2022-06-15',
        overdue: true,
      }),
    ])
    expect((await todos('demo-liaison-private')).items[0].kind).toBe('milestone_missing')
    // Another enterprise's liaison does not see them.
    for (const item of await milestones('demo-liaison-soe', 'milestone_missing'))
      expect(item.enterpriseId).not.toBe(privateId)

    // Filed with a department that supervises the enterprise: the plan leaves the liaison's list, and the
    // department's 监管员 has it to receive; another department's do not.
    const department = await t.app.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('m.organisation_id')
      .where('u.openid', '=', 'demo-supervisor-united')
      .where('m.organisation_kind', '=', 'department')
      .executeTakeFirstOrThrow()
    const liaisonId = (
      await t.app.db
        .selectFrom('users')
        .select('id')
        .where('openid', '=', 'demo-liaison-private')
        .executeTakeFirstOrThrow()
    ).id
    const filing = await t.app.db
      .insertInto('plan_filings')
      .values({
        enterprise_id: privateId,
        revision: 1,
        department_id: department.organisation_id,
        file_ids: '[]',
        status: 'submitted',
        submitted_by: liaisonId,
        submitted_at: '2026-03-08T02:00:00Z',
        decided_by: null,
        decided_at: null,
        return_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await setMilestones(privateId, null, '2026-03-08')
    expect((await milestones('demo-liaison-private', 'milestone_missing')).map((i) => i.key)).toEqual([
      `milestone:${privateId}:leading-group`,
    ])
    expect(await milestones('demo-supervisor-united', 'plan_receive')).toEqual([
      expect.objectContaining({
        key: `plan-receive:${filing.id}`,
        title: '接收「县恒达食品有限公司」的实施方案',
        dueDate: null,
        overdue: false,
        enterpriseId: privateId,
        recordId: filing.id,
      }),
    ])
    expect(await milestones('demo-supervisor-finance', 'plan_receive')).toEqual([])

    // Returned: the department's to-do is gone, the liaison's is back as a new occasion.
    await t.app.db
      .updateTable('plan_filings')
      .set({ status: 'returned' })
      .where('id', '=', filing.id)
      .execute()
    await setMilestones(privateId, '2026-03-09', null)
    expect(await milestones('demo-liaison-private', 'milestone_missing')).toEqual([
      expect.objectContaining({
        key: `milestone:${privateId}:plan:returned`,
        title: '实施方案被退回，请修改后重新报送',
      }),
    ])
    expect(await milestones('demo-supervisor-united', 'plan_receive')).toEqual([])
    await setMilestones(privateId, '2022-06-01', '2022-06-10')
  })
})
