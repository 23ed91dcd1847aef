import { setUpCounty } from '../../server/features/setup/service'
import type { TTodo, TTodoList } from '../../src/models/todo'
import { call, createTestApp, TEST_DB, type TestApp } from './support/testApp'
import { emptyCountyEnv, startFakeWechat, type FakeWechat } from './support/fakeWechat'
import { enterpriseRow, upload, waitReady, workbook } from './support/importFiles'

jest.setTimeout(60_000)

/**
 * A county switched on from an empty database: the office's 任务 says what is still missing (开通准备),
 * step by step, each item gone once done; nobody outside the office is told.
 */
describe(`the office's switching-on to-dos [${TEST_DB}]`, () => {
  let wechat: FakeWechat
  let t: TestApp
  let now = Date.parse('2026-12-01T02:00:00Z')
  let code: string

  beforeAll(async () => {
    wechat = await startFakeWechat()
    t = await createTestApp(emptyCountyEnv(wechat), { clock: () => now })
    // As `npm run setup -- --county 测试县` without --deadline.
    ;({ code } = await t.database.db.transaction().execute((trx) => setUpCounty(trx, '测试县', now)))
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  const later = () => (now += 60_000)
  async function login(openid: string): Promise<string> {
    const res = await call(t.app, null, {
      method: 'POST',
      url: '/api/v1/auth/wechat',
      payload: { code: `ok:${openid}` },
    })
    expect(res.statusCode).toBe(200)
    return res.json().token
  }
  async function post(token: string, url: string, payload?: Record<string, unknown>) {
    later()
    const res = await call(t.app, token, { method: 'POST', url, payload })
    expect(res.statusCode).toBeLessThan(300)
    return res.json()
  }
  /** The caller's 开通准备 to-dos, in the list's order. */
  async function steps(token: string): Promise<TTodo[]> {
    const res = await call(t.app, token, { method: 'GET', url: '/api/v1/todos' })
    expect(res.statusCode).toBe(200)
    return (res.json() as TTodoList).items.filter((i) => i.kind === 'county_setup')
  }
  const titles = async (token: string) => (await steps(token)).map((s) => s.title)

  /** A liaison scans the import's invite for the enterprise and the office approves the request. */
  async function liaisonJoins(office: string, enterpriseId: number, openid: string): Promise<string> {
    const invite = await t.app.db
      .selectFrom('invites')
      .select('code')
      .where('enterprise_id', '=', enterpriseId)
      .executeTakeFirstOrThrow()
    const token = await login(openid)
    const before = await titles(office)
    const joined = await post(token, '/api/v1/invites/join', { code: invite.code })
    // A request waiting is no liaison yet.
    expect(await titles(office)).toEqual(before)
    await post(office, `/api/v1/enterprises/${enterpriseId}/members/${joined.membershipId}/approve`)
    return token
  }

  it('walks the office through each step; each item goes once done, and only the office sees them', async () => {
    const clerk = await login('county-clerk')
    // Not in the office yet: nothing to switch on.
    expect(await steps(clerk)).toEqual([])

    await post(clerk, '/api/v1/setup/redeem', { code })
    expect(await steps(clerk)).toEqual([
      expect.objectContaining({ key: 'setup:1:departments', title: '添加监管部门', dueDate: null }),
      expect.objectContaining({
        key: 'setup:2:deadline',
        title: '设定领导小组与实施方案完成期限',
        detail: '未设定则按2022年6月15日，企业一导入即逾期',
      }),
      expect.objectContaining({ key: 'setup:3:enterprises', title: '导入企业名单' }),
    ])
    // The H5 digest counts them under their kind.
    const digest = await call(t.app, clerk, { method: 'GET', url: '/api/v1/todos/digest' })
    expect(digest.json().byKind).toEqual([{ kind: 'county_setup', count: 3, overdue: 0 }])

    const department = await post(clerk, '/api/v1/departments', { name: '县委统战部' })
    expect(await titles(clerk)).toEqual(['设定领导小组与实施方案完成期限', '导入企业名单'])

    later()
    const deadline = await call(t.app, clerk, {
      method: 'PUT',
      url: '/api/v1/milestones/county-deadline',
      payload: { deadline: '2027-03-31' },
    })
    expect(deadline.statusCode).toBe(200)
    expect(await titles(clerk)).toEqual(['导入企业名单'])

    later()
    const started = await upload(t.app, clerk, await workbook([enterpriseRow(1), enterpriseRow(2)]))
    expect(started.statusCode).toBe(202)
    const importId = started.json().id as number
    await waitReady(t.app, clerk, importId)
    // Checked but not yet committed: still no enterprise.
    expect(await titles(clerk)).toEqual(['导入企业名单'])
    await post(clerk, `/api/v1/imports/${importId}/commit`)
    // One item with the count, opening the import that printed the 联络员邀请函.
    expect(await steps(clerk)).toEqual([
      expect.objectContaining({ key: 'setup:4:liaisons', title: '2家企业尚无联络员', recordId: importId }),
    ])

    const enterprises = await t.app.db.selectFrom('enterprises').select('id').orderBy('id').execute()
    const first = await liaisonJoins(clerk, enterprises[0].id, 'liaison-1')
    expect(await titles(clerk)).toEqual(['1家企业尚无联络员'])

    // A supervisor of the department, and the enterprise's liaison: never told.
    const invite = await post(clerk, `/api/v1/departments/${department.id}/invites`, { role: 'supervisor' })
    const supervisor = await login('supervisor-1')
    const joined = await post(supervisor, '/api/v1/invites/join', { code: invite.code })
    await post(clerk, `/api/v1/departments/${department.id}/members/${joined.membershipId}/approve`)
    expect(await steps(supervisor)).toEqual([])
    expect(await steps(first)).toEqual([])

    // A disabled liaison is no liaison in use: the enterprise counts again.
    const [liaisonUser] = await t.app.db
      .selectFrom('memberships')
      .select('user_id')
      .where('organisation_kind', '=', 'enterprise')
      .where('organisation_id', '=', enterprises[0].id)
      .execute()
    await t.app.db
      .updateTable('users')
      .set({ disabled_at: new Date(now).toISOString() })
      .where('id', '=', liaisonUser.user_id)
      .execute()
    expect(await titles(clerk)).toEqual(['2家企业尚无联络员'])
    await t.app.db
      .updateTable('users')
      .set({ disabled_at: null })
      .where('id', '=', liaisonUser.user_id)
      .execute()

    await liaisonJoins(clerk, enterprises[1].id, 'liaison-2')
    // Switched on: nothing of the kind is left.
    expect(await steps(clerk)).toEqual([])
  })

  it('a county that kept the programme’s date on purpose (`--deadline none`) is not asked again', async () => {
    const clerk = await login('county-clerk')
    await t.app.db
      .updateTable('county_settings')
      .set({ milestone_deadline: null, updated_at: null })
      .execute()
    // Enterprises are registered by now: their dates are already counted against the programme's.
    expect(await steps(clerk)).toEqual([
      expect.objectContaining({ detail: '未设定则按2022年6月15日，未完成的企业均算逾期' }),
    ])
    await t.database.db
      .transaction()
      .execute((trx) => setUpCounty(trx, '测试县', now, { milestoneDeadline: null }))
    expect(await steps(clerk)).toEqual([])
  })

  it('the office keeps the programme’s date from the app in one tap (the "none"), and the to-do goes', async () => {
    const clerk = await login('county-clerk')
    await t.app.db
      .updateTable('county_settings')
      .set({ milestone_deadline: null, updated_at: null, updated_by: null })
      .execute()
    expect((await steps(clerk)).map((s) => s.key)).toEqual(['setup:2:deadline'])
    later()
    const kept = await call(t.app, clerk, {
      method: 'PUT',
      url: '/api/v1/milestones/county-deadline',
      payload: { deadline: null },
    })
    expect(kept.statusCode).toBe(200)
    // the programme's 2022-06-15 binds, as the office's recorded decision (by whom, when)
    expect(kept.json()).toMatchObject({
      deadline: null,
      programme: '2022-06-15',
      updatedAt: new Date(now).toISOString(),
    })
    expect(kept.json().updatedByName).toEqual(expect.any(String))
    expect(await steps(clerk)).toEqual([])
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'milestones.county_deadline.set')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail!)).toEqual({ deadline: null, programme: '2022-06-15' })
    const [enterprise] = await t.app.db.selectFrom('enterprises').select('id').orderBy('id').execute()
    const milestones = await call(t.app, clerk, {
      method: 'GET',
      url: `/api/v1/enterprises/${enterprise.id}/milestones`,
    })
    expect(milestones.json()).toMatchObject({ deadline: '2022-06-15', deadlineSource: 'programme' })
  })
})
