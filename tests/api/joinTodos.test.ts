import { issueToken } from '../../server/core/token'
import { creditCodeCheckChar } from '../../src/models/creditCode'
import type { TMember } from '../../src/models/org'
import type { TTodo, TTodoList } from '../../src/models/todo'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'

/**
 * 待审核加入申请 in 任务: a join request is a to-do of whoever decides it (joinDeciders.ts), and only
 * theirs; it goes once decided. A liaison's request shows the liaison the office registered on import.
 */
describe(`join requests in 任务 [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  let liaisonPrivate: string
  let liaisonSoe: string
  let supervisor: string
  let privateId: number
  let financeId: number
  let freshId: number
  let users = 0

  beforeAll(async () => {
    t = await createTestApp()
    office = await loginAs(t.app, 'demo-office')
    liaisonPrivate = await loginAs(t.app, 'demo-liaison-private')
    liaisonSoe = await loginAs(t.app, 'demo-liaison-soe')
    supervisor = await loginAs(t.app, 'demo-supervisor-united')
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    financeId = await idOf(t.app, 'departments', '县财政局')
    // An enterprise as the Excel import leaves it: no member yet, its liaison registered by name and phone.
    const first17 = '91450000MA5L0JN1X'
    const created = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: {
        name: '测试县新导入建材有限公司',
        creditCode: first17 + creditCodeCheckChar(first17),
        ownership: 'private',
        partyOrg: 'none',
      },
    })
    expect(created.statusCode).toBe(201)
    freshId = created.json().id
    await t.app.db
      .updateTable('enterprises')
      .set({ liaison_name: '黄海燕', liaison_phone: '13900001111' })
      .where('id', '=', freshId)
      .execute()
  })
  afterAll(() => t.close())

  async function newUser(name: string, phone: string | null = null) {
    users += 1
    const at = new Date().toISOString()
    const row = await t.app.db
      .insertInto('users')
      .values({ openid: `join-todo-${users}`, name, phone, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    return issueToken(row.id, t.env.TOKEN_SECRET!, 3600).token
  }
  async function joinWith(token: string, path: string, role: string): Promise<number> {
    const invite = await call(t.app, office, { method: 'POST', url: path, payload: { role } })
    expect(invite.statusCode).toBe(201)
    const joined = await call(t.app, token, {
      method: 'POST',
      url: '/api/v1/invites/join',
      payload: { code: invite.json().code },
    })
    expect(joined.statusCode).toBe(201)
    return joined.json().membershipId
  }
  const joinTodos = async (token: string): Promise<TTodo[]> => {
    const res = await call(t.app, token, { method: 'GET', url: '/api/v1/todos' })
    expect(res.statusCode).toBe(200)
    return (res.json() as TTodoList).items.filter((i) => i.kind === 'member_pending')
  }
  const about = (items: TTodo[], enterpriseId: number) => items.find((i) => i.enterpriseId === enterpriseId)

  it('a liaison invite’s request is the office’s to-do, shown with the import’s registration, gone once approved', async () => {
    const asker = await newUser('黄海燕', '13900001111')
    const membershipId = await joinWith(asker, `/api/v1/enterprises/${freshId}/invites`, 'liaison')

    const item = about(await joinTodos(office), freshId)
    expect(item).toMatchObject({
      title: '1 人申请加入，待审核',
      detail: '测试县新导入建材有限公司',
      recordId: null,
    })
    // The office's share opens 成员管理 as the office's (its own key).
    expect(item?.key).toBe(`members:enterprise-office:${freshId}:${membershipId}`)
    // Nobody else is told: other liaisons, a supervisor, the asker themself.
    for (const token of [liaisonPrivate, liaisonSoe, supervisor, asker])
      expect(about(await joinTodos(token), freshId)).toBeUndefined()

    const members = await call(t.app, office, {
      method: 'GET',
      url: `/api/v1/enterprises/${freshId}/members`,
    })
    const row = (members.json().members as TMember[]).find((m) => m.membershipId === membershipId)
    expect(row).toMatchObject({
      name: '黄海燕',
      phoneMasked: '139****1111',
      registered: { name: '黄海燕', phoneMasked: '139****1111', nameMatches: true, phoneMatches: true },
    })

    const approved = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/enterprises/${freshId}/members/${membershipId}/approve`,
    })
    expect(approved.statusCode).toBe(200)
    // Decided: the to-do is gone, and the approved member carries no registration beside it.
    expect(about(await joinTodos(office), freshId)).toBeUndefined()
    expect(approved.json().registered).toBeUndefined()
  })

  it('says when the person asking is not the one registered (compared in full, shown masked)', async () => {
    const other = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: {
        name: '测试县另一导入企业有限公司',
        creditCode: '91450000MA5L0JN2X' + creditCodeCheckChar('91450000MA5L0JN2X'),
        ownership: 'private',
        partyOrg: 'none',
      },
    })
    const otherId = other.json().id as number
    await t.app.db
      .updateTable('enterprises')
      .set({ liaison_name: '黄海燕', liaison_phone: '13900001111' })
      .where('id', '=', otherId)
      .execute()
    const asker = await newUser('黄海', '13900002111')
    const membershipId = await joinWith(asker, `/api/v1/enterprises/${otherId}/invites`, 'liaison')
    const members = await call(t.app, office, {
      method: 'GET',
      url: `/api/v1/enterprises/${otherId}/members`,
    })
    const row = (members.json().members as TMember[]).find((m) => m.membershipId === membershipId)
    expect(row?.registered).toEqual({
      name: '黄海燕',
      phoneMasked: '139****1111',
      nameMatches: false,
      phoneMatches: false,
    })
    const rejected = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/enterprises/${otherId}/members/${membershipId}/reject`,
    })
    expect(rejected.statusCode).toBe(200)
    expect(about(await joinTodos(office), otherId)).toBeUndefined()
  })

  it('a 职工’s request where a liaison is in use is that liaison’s to-do, not the office’s nor another enterprise’s', async () => {
    const asker = await newUser('王新')
    const membershipId = await call(t.app, liaisonPrivate, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/invites`,
      payload: { role: 'employee' },
    }).then(async (invite) => {
      const joined = await call(t.app, asker, {
        method: 'POST',
        url: '/api/v1/invites/join',
        payload: { code: invite.json().code },
      })
      return joined.json().membershipId as number
    })
    const item = about(await joinTodos(liaisonPrivate), privateId)
    expect(item?.key).toBe(`members:enterprise:${privateId}:${membershipId}`)
    expect(about(await joinTodos(office), privateId)).toBeUndefined()
    expect(about(await joinTodos(liaisonSoe), privateId)).toBeUndefined()
    // A 职工's request carries no import registration (that is the liaison's).
    const members = await call(t.app, liaisonPrivate, {
      method: 'GET',
      url: `/api/v1/enterprises/${privateId}/members`,
    })
    const row = (members.json().members as TMember[]).find((m) => m.membershipId === membershipId)
    expect(row?.registered).toBeUndefined()
    const rejected = await call(t.app, liaisonPrivate, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/members/${membershipId}/reject`,
    })
    expect(rejected.statusCode).toBe(200)
    expect(about(await joinTodos(liaisonPrivate), privateId)).toBeUndefined()
  })

  it('a department’s request is the office’s to-do, opening 部门人员', async () => {
    const asker = await newUser('财政局新人')
    const membershipId = await joinWith(asker, `/api/v1/departments/${financeId}/invites`, 'supervisor')
    const item = (await joinTodos(office)).find((i) => i.recordId === financeId)
    expect(item).toMatchObject({ title: '1 人申请加入部门，待审核', detail: '县财政局', enterpriseId: null })
    expect((await joinTodos(supervisor)).some((i) => i.recordId === financeId)).toBe(false)
    const approved = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/departments/${financeId}/members/${membershipId}/approve`,
    })
    expect(approved.statusCode).toBe(200)
    expect((await joinTodos(office)).some((i) => i.recordId === financeId)).toBe(false)
  })
})
