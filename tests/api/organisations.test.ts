import { demoCreditCode } from '../../seeds/organisationsDemo'
import { creditCodeCheckChar } from '../../src/models/creditCode'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing } from './support/isolation'

describe(`organisations and people [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  let liaisonPrivate: string
  let liaisonSoe: string
  let supervisorUnited: string
  let privateId: number
  let soeId: number
  let mixedId: number
  let nopoId: number

  beforeAll(async () => {
    t = await createTestApp()
    office = await loginAs(t.app, 'demo-office')
    liaisonPrivate = await loginAs(t.app, 'demo-liaison-private')
    liaisonSoe = await loginAs(t.app, 'demo-liaison-soe')
    supervisorUnited = await loginAs(t.app, 'demo-supervisor-united')
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    mixedId = await idOf(t.app, 'enterprises', '县园区水务发展有限公司')
    nopoId = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
  })
  afterAll(() => t.close())

  it('seeds the four kinds of enterprise with valid credit codes and the programme departments', async () => {
    const list = await call(t.app, office, { method: 'GET', url: '/api/v1/enterprises' })
    const enterprises = list.json().enterprises as {
      ownership: string
      partyOrg: string
      creditCode: string
    }[]
    expect(enterprises.map((e) => [e.ownership, e.partyOrg])).toEqual(
      expect.arrayContaining([
        ['state_owned', 'party_committee'],
        ['state_controlled', 'general_branch'],
        ['private', 'branch'],
        ['private', 'none'],
      ]),
    )
    for (const e of enterprises) expect(creditCodeCheckChar(e.creditCode.slice(0, 17))).toBe(e.creditCode[17])
    const departments = (await call(t.app, office, { method: 'GET', url: '/api/v1/departments' })).json()
      .departments
    const names = departments.map((d: { name: string }) => d.name)
    for (const name of [
      '县财政局',
      '县委统战部',
      '县工业园区管委会',
      '县工业信息化和商务局',
      '县市场监管局',
      '县纪委监委驻县财政局纪检监察组',
    ])
      expect(names).toContain(name)
  })

  it('shows each user only the enterprises they belong to or supervise', async () => {
    const mine = (await call(t.app, liaisonPrivate, { method: 'GET', url: '/api/v1/enterprises' })).json()
      .enterprises
    expect(mine.map((e: { id: number }) => e.id)).toEqual([privateId])
    const supervised = (
      await call(t.app, supervisorUnited, { method: 'GET', url: '/api/v1/enterprises' })
    ).json().enterprises
    expect(supervised.map((e: { id: number }) => e.id).sort()).toEqual([privateId, nopoId].sort())
    const all = (await call(t.app, office, { method: 'GET', url: '/api/v1/enterprises' })).json().enterprises
    expect(all).toHaveLength(4)
  })

  it('registers an enterprise only for the office, validating the credit code checksum', async () => {
    const good = demoCreditCode(42)
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
    const body = {
      name: '县新登记企业有限公司',
      creditCode: wrongCheck,
      ownership: 'private',
      partyOrg: 'none',
    }

    const byLiaison = await call(t.app, liaisonPrivate, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: { ...body, creditCode: good },
    })
    expect(byLiaison.statusCode).toBe(403)

    const bad = await call(t.app, office, { method: 'POST', url: '/api/v1/enterprises', payload: body })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.fields).toEqual([
      { path: 'creditCode', message: '统一社会信用代码校验位不正确，请核对' },
    ])
    const short = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: { ...body, creditCode: '123' },
    })
    expect(short.json().error.fields[0].message).toBe('统一社会信用代码应为18位')

    const created = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: {
        ...body,
        creditCode: good.toLowerCase(),
        supervisingDepartmentIds: [await idOf(t.app, 'departments', '县委统战部')],
      },
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ creditCode: good, ownership: 'private', demonstration: false })
    const again = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: { ...body, creditCode: good },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('CREDIT_CODE_TAKEN')
    const audit = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'enterprise.create')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0].entity_id).toBe(String(created.json().id))
  })

  it('lets the liaison update the profile and refuses a branch for an enterprise without a party organisation', async () => {
    const before = (
      await call(t.app, liaisonPrivate, { method: 'GET', url: `/api/v1/enterprises/${privateId}` })
    ).json()
    const updated = await call(t.app, liaisonPrivate, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${privateId}`,
      payload: { industry: '食品加工与销售', planFiledDate: '2022-06-15' },
    })
    expect(updated.statusCode).toBe(200)
    // The milestone dates are kept by their own routes (milestones): the profile cannot set them.
    expect(updated.json()).toMatchObject({ industry: '食品加工与销售', planFiledDate: before.planFiledDate })
    const badDate = await call(t.app, liaisonPrivate, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${privateId}`,
      payload: { industry: '业'.repeat(51) },
    })
    expect(badDate.statusCode).toBe(400)

    const liaisonNopo = await loginAs(t.app, 'demo-liaison-nopo')
    const branch = await call(t.app, liaisonNopo, {
      method: 'POST',
      url: `/api/v1/enterprises/${nopoId}/branches`,
      payload: { name: '新建党支部' },
    })
    expect(branch.statusCode).toBe(400)
    const branches = await call(t.app, liaisonPrivate, {
      method: 'GET',
      url: `/api/v1/enterprises/${privateId}/branches`,
    })
    expect(branches.json().branches[0]).toMatchObject({ name: '县恒达食品有限公司党支部' })
  })

  it('runs the invite flow: code → pending (grants nothing) → approved by the liaison', async () => {
    const invite = await call(t.app, liaisonPrivate, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/invites`,
      payload: { role: 'employee', expiresInDays: 7 },
    })
    expect(invite.statusCode).toBe(201)
    const code = invite.json().code as string
    expect(code).toMatch(/^[A-Z0-9]{8}$/)

    const newcomer = await loginAs(t.app, 'demo-newcomer')
    const join = await call(t.app, newcomer, {
      method: 'POST',
      url: '/api/v1/invites/join',
      payload: { code: code.toLowerCase() },
    })
    expect(join.statusCode).toBe(201)
    expect(join.json()).toMatchObject({ enterpriseId: privateId, role: 'employee', status: 'pending' })
    const twice = await call(t.app, newcomer, {
      method: 'POST',
      url: '/api/v1/invites/join',
      payload: { code },
    })
    expect(twice.statusCode).toBe(409)

    // Pending grants nothing.
    expect(
      (await call(t.app, newcomer, { method: 'GET', url: `/api/v1/enterprises/${privateId}` })).statusCode,
    ).toBe(404)
    const me = (await call(t.app, newcomer, { method: 'GET', url: '/api/v1/me' })).json()
    expect(me.memberships).toEqual([
      expect.objectContaining({ organisationName: '县恒达食品有限公司', status: 'pending' }),
    ])

    // Another enterprise's liaison cannot decide it; the right one can, once.
    const membershipId = join.json().membershipId
    const wrong = await call(t.app, liaisonSoe, {
      method: 'POST',
      url: `/api/v1/enterprises/${soeId}/members/${membershipId}/approve`,
    })
    expect(wrong.statusCode).toBe(404)
    const approved = await call(t.app, liaisonPrivate, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/members/${membershipId}/approve`,
    })
    expect(approved.statusCode).toBe(200)
    expect(approved.json()).toMatchObject({ status: 'approved', name: '新用户', phoneMasked: '138****0051' })
    const decidedTwice = await call(t.app, liaisonPrivate, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/members/${membershipId}/reject`,
    })
    expect(decidedTwice.statusCode).toBe(409)
    expect(
      (await call(t.app, newcomer, { method: 'GET', url: `/api/v1/enterprises/${privateId}` })).statusCode,
    ).toBe(200)

    const members = (
      await call(t.app, liaisonPrivate, { method: 'GET', url: `/api/v1/enterprises/${privateId}/members` })
    ).json().members
    for (const m of members) expect(m.phoneMasked ?? '').not.toMatch(/^\d{11}$/)

    const badCode = await call(t.app, newcomer, {
      method: 'POST',
      url: '/api/v1/invites/join',
      payload: { code: 'ZZZZZZZZ' },
    })
    expect(badCode.statusCode).toBe(400)
    expect(badCode.json().error.code).toBe('INVITE_INVALID')
  })

  it('an invite for one role-holder (支部书记, 负责人) is single-use; a staff invite serves many', async () => {
    const make = (payload: object) =>
      call(t.app, liaisonPrivate, {
        method: 'POST',
        url: `/api/v1/enterprises/${privateId}/invites`,
        payload,
      })
    expect((await make({ role: 'employee' })).json()).toMatchObject({ role: 'employee', maxUses: 50 })
    expect((await make({ role: 'branch_secretary' })).json()).toMatchObject({
      role: 'branch_secretary',
      maxUses: 1,
    })
    expect((await make({ role: 'head', maxUses: 1 })).json()).toMatchObject({ role: 'head', maxUses: 1 })
    const many = await make({ role: 'branch_secretary', maxUses: 50 })
    expect(many.statusCode).toBe(400)
    expect(many.json().error).toMatchObject({
      code: 'INVITE_SINGLE_USE',
      message: '支部书记邀请码仅限1人使用',
    })
  })

  it("keeps another enterprise's records invisible: every enterprise route answers as for a missing id", async () => {
    const cases = [
      { method: 'GET' as const, url: (id: number) => `/api/v1/enterprises/${id}` },
      {
        method: 'PATCH' as const,
        url: (id: number) => `/api/v1/enterprises/${id}`,
        payload: { industry: 'x' },
      },
      { method: 'GET' as const, url: (id: number) => `/api/v1/enterprises/${id}/branches` },
      {
        method: 'POST' as const,
        url: (id: number) => `/api/v1/enterprises/${id}/branches`,
        payload: { name: '某支部' },
      },
      { method: 'GET' as const, url: (id: number) => `/api/v1/enterprises/${id}/members` },
      { method: 'GET' as const, url: (id: number) => `/api/v1/enterprises/${id}/invites` },
      { method: 'POST' as const, url: (id: number) => `/api/v1/enterprises/${id}/invites`, payload: {} },
      { method: 'POST' as const, url: (id: number) => `/api/v1/enterprises/${id}/members/1/approve` },
      { method: 'POST' as const, url: (id: number) => `/api/v1/enterprises/${id}/members/1/reject` },
      { method: 'PUT' as const, url: (id: number) => `/api/v1/enterprises/${id}/supervisors/1` },
    ]
    await expectSameAsMissing(t.app, liaisonPrivate, cases, [soeId, mixedId, nopoId])
    // A supervisor sees only the enterprises linked to its department.
    await expectSameAsMissing(t.app, supervisorUnited, cases.slice(0, 1), [soeId, mixedId])
    // And the approval of a membership of another enterprise through one's own enterprise is also a 404.
    const soeMembership = await t.app.db
      .selectFrom('memberships')
      .select('id')
      .where('organisation_kind', '=', 'enterprise')
      .where('organisation_id', '=', soeId)
      .executeTakeFirstOrThrow()
    const crossed = await call(t.app, liaisonPrivate, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/members/${soeMembership.id}/approve`,
    })
    const missing = await call(t.app, liaisonPrivate, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/members/987654/approve`,
    })
    expect([crossed.statusCode, crossed.json()]).toEqual([missing.statusCode, missing.json()])
  })

  it('updates the own profile and masks the phone everywhere', async () => {
    const token = await loginAs(t.app, 'demo-employee-private')
    const res = await call(t.app, token, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { name: '王小军（车间）', phone: '13912345678' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ name: '王小军（车间）', phoneMasked: '139****5678' })
    expect(res.body).not.toContain('13912345678')
    const bad = await call(t.app, token, { method: 'PATCH', url: '/api/v1/me', payload: { phone: '12345' } })
    expect(bad.json().error.fields).toEqual([{ path: 'phone', message: '手机号应为11位数字' }])
    // The import's mobile rule (phone.ts): +86, spaces and dashes dropped, so the numbers compare.
    const spaced = await call(t.app, token, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { phone: '+86 139-1234-0000' },
    })
    expect(spaced.json().phoneMasked).toBe('139****0000')
    const stored = await t.app.db
      .selectFrom('users')
      .select('phone')
      .where('openid', '=', 'demo-employee-private')
      .executeTakeFirstOrThrow()
    expect(stored.phone).toBe('13912340000')
    const landline = await call(t.app, token, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { phone: '12912345678' },
    })
    expect(landline.statusCode).toBe(400)
  })
})
