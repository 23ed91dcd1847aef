import { demoCreditCode } from '../../seeds/organisationsDemo'
import { outcomes } from './support/races'
import { call, createTestApp, loginAs, TEST_DB, type TestApp } from './support/testApp'

/** The office sets up departments and links them to enterprises, one by one or by rule. */
describe(`departments [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  let supervisor: string
  beforeAll(async () => {
    t = await createTestApp()
    office = await loginAs(t.app, 'demo-office')
    supervisor = await loginAs(t.app, 'demo-supervisor-united')
  })
  afterAll(async () => {
    await t.close()
  })

  const linksOf = (departmentId: number) =>
    t.app.db
      .selectFrom('supervision_links')
      .select('enterprise_id')
      .where('department_id', '=', departmentId)
      .execute()
  const create = (token: string, name: unknown) =>
    call(t.app, token, { method: 'POST', url: '/api/v1/departments', payload: { name } })

  it('creates a department once; a second one of the same name is refused, also when sent at once', async () => {
    const res = await create(office, '  清廉民企建设工作专班 ')
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ name: '清廉民企建设工作专班', isOffice: false })
    const again = await create(office, '清廉民企建设工作专班')
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toMatchObject({ code: 'DEPARTMENT_NAME_TAKEN', fields: [{ path: 'name' }] })

    const racers = await Promise.all(Array.from({ length: 6 }, () => create(office, '清廉国企建设工作专班')))
    expect(racers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409])
  })

  it('only the office may create, rename or link by rule', async () => {
    expect((await create(supervisor, '县审计局')).statusCode).toBe(403)
    const departments = (await call(t.app, supervisor, { method: 'GET', url: '/api/v1/departments' })).json()
      .departments as { id: number; name: string }[]
    const united = departments.find((d) => d.name === '县委统战部')!
    const rename = await call(t.app, supervisor, {
      method: 'PATCH',
      url: `/api/v1/departments/${united.id}`,
      payload: { name: '改名' },
    })
    expect(rename.statusCode).toBe(403)
    const rule = await call(t.app, supervisor, {
      method: 'POST',
      url: `/api/v1/departments/${united.id}/supervision-rules`,
      payload: { ownerships: ['private'] },
    })
    expect(rule.statusCode).toBe(403)
  })

  it('refuses bad names with a clear message: empty, too long, NUL, not a string', async () => {
    for (const name of ['', 'x', '部'.repeat(61), '县\u0000局', 42]) {
      const res = await create(office, name)
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('VALIDATION_FAILED')
    }
  })

  it('renames; a taken name or a missing department is refused', async () => {
    const created = (await create(office, '县统计局')).json() as { id: number }
    const rename = (id: number | string, name: string) =>
      call(t.app, office, { method: 'PATCH', url: `/api/v1/departments/${id}`, payload: { name } })
    const res = await rename(created.id, '县统计局（县普查中心）')
    expect(res.statusCode).toBe(200)
    expect(res.json().name).toBe('县统计局（县普查中心）')
    expect((await rename(created.id, '县财政局')).statusCode).toBe(409)
    expect((await rename(999_999, '县某某局')).statusCode).toBe(404)
    expect((await rename('4294967296', '县某某局')).statusCode).toBe(404)
  })

  it('links every enterprise of the chosen ownership kinds, once, and the link counts at once', async () => {
    const created = (await create(office, '县科技局')).json() as { id: number }
    const rule = () =>
      call(t.app, office, {
        method: 'POST',
        url: `/api/v1/departments/${created.id}/supervision-rules`,
        payload: { ownerships: ['private'] },
      })
    const first = await rule()
    expect(first.statusCode).toBe(200)
    const privateCount = (
      await t.app.db.selectFrom('enterprises').select('id').where('ownership', '=', 'private').execute()
    ).length
    expect(first.json()).toEqual({ matched: privateCount, linked: privateCount })
    expect((await rule()).json()).toEqual({ matched: privateCount, linked: 0 })
    const links = await t.app.db
      .selectFrom('supervision_links')
      .select('enterprise_id')
      .where('department_id', '=', created.id)
      .execute()
    expect(links).toHaveLength(privateCount)
    const bad = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/departments/${created.id}/supervision-rules`,
      payload: { ownerships: ['private', 'private'] },
    })
    expect(bad.statusCode).toBe(400)
  })

  const departmentsOf = async (token: string, query = '') =>
    (await call(t.app, token, { method: 'GET', url: `/api/v1/departments${query}` })).json().departments as {
      id: number
      name: string
      retiredAt: string | null
    }[]
  const enterprisesOf = (id: number | string, query = '') =>
    call(t.app, office, { method: 'GET', url: `/api/v1/departments/${id}/enterprises${query}` })
  const overviewIds = async (token: string) =>
    (
      (await call(t.app, token, { method: 'GET', url: '/api/v1/enterprises' })).json().enterprises as {
        id: number
      }[]
    ).map((e) => e.id)

  it("lists a department's enterprises, linked or not, by name or credit code, one page at a time", async () => {
    const united = (await departmentsOf(office)).find((d) => d.name === '县委统战部')!
    const linked = await enterprisesOf(united.id)
    expect(linked.statusCode).toBe(200)
    const page = linked.json()
    expect(page).toMatchObject({ page: 1, pageSize: 20 })
    expect(page.total).toBeGreaterThan(0)
    expect(page.items.every((e: { linked: boolean }) => e.linked)).toBe(true)
    const all = (await t.app.db.selectFrom('enterprises').select('id').execute()).length
    const others = (await enterprisesOf(united.id, '?linked=false')).json()
    expect(others.total + page.total).toBe(all)
    const first = page.items[0] as { name: string; creditCode: string }
    const byName = (await enterprisesOf(united.id, `?q=${encodeURIComponent(first.name.slice(0, 3))}`)).json()
    expect(byName.items.map((e: { name: string }) => e.name)).toContain(first.name)
    const byCode = (await enterprisesOf(united.id, `?q=${first.creditCode.slice(-6).toLowerCase()}`)).json()
    expect(byCode.items.map((e: { name: string }) => e.name)).toContain(first.name)
    expect((await enterprisesOf(united.id, '?page=99')).json().items).toEqual([])
    for (const bad of ['?q=%00', '?page=0', '?linked=maybe']) {
      const res = await enterprisesOf(united.id, bad)
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('VALIDATION_FAILED')
    }
    expect((await enterprisesOf(999_999)).statusCode).toBe(404)
    expect((await enterprisesOf('4294967296')).statusCode).toBe(404)
    expect(
      (await call(t.app, supervisor, { method: 'GET', url: `/api/v1/departments/${united.id}/enterprises` }))
        .statusCode,
    ).toBe(403)
  })

  it('links and unlinks one enterprise; the supervisor sees the change on the next request', async () => {
    const united = (await departmentsOf(office)).find((d) => d.name === '县委统战部')!
    const outside = (await enterprisesOf(united.id, '?linked=false')).json().items[0] as { id: number }
    const link = (method: 'PUT' | 'DELETE', token = office, enterpriseId: number | string = outside.id) =>
      call(t.app, token, { method, url: `/api/v1/enterprises/${enterpriseId}/supervisors/${united.id}` })
    expect(await overviewIds(supervisor)).not.toContain(outside.id)
    expect((await link('PUT')).statusCode).toBe(200)
    expect(await overviewIds(supervisor)).toContain(outside.id)
    const removed = await link('DELETE')
    expect(removed.statusCode).toBe(200)
    expect(removed.json().supervisingDepartmentIds).not.toContain(united.id)
    expect(await overviewIds(supervisor)).not.toContain(outside.id)
    // Removing a link that is not there changes nothing and says so the same way.
    expect((await link('DELETE')).statusCode).toBe(200)
    expect((await link('DELETE', supervisor)).statusCode).toBe(403)
    expect((await link('DELETE', office, 999_999)).statusCode).toBe(404)
    expect((await link('DELETE', office, '4294967296')).statusCode).toBe(404)
  })

  it('retires a department: it supervises nothing, its supervisors lose the role, it cannot be changed', async () => {
    const created = (await create(office, '县退役军人事务局')).json() as { id: number }
    const finance = (await departmentsOf(office)).find((d) => d.name === '县财政局')!
    const retire = (id: number | string, token = office) =>
      call(t.app, token, { method: 'POST', url: `/api/v1/departments/${id}/retire` })
    const rule = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/departments/${created.id}/supervision-rules`,
      payload: { ownerships: ['state_owned'] },
    })
    const linked = rule.json().linked as number
    // A supervisor of the department, to see the role stop working.
    const user = await t.app.db
      .insertInto('users')
      .values({
        openid: 'retire-watch',
        name: '试用监管员',
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.app.db
      .insertInto('memberships')
      .values({
        user_id: user.id,
        organisation_kind: 'department',
        organisation_id: created.id,
        role: 'supervisor',
        status: 'approved',
        created_at: '2026-01-01T00:00:00Z',
      })
      .execute()
    const watcher = await loginAs(t.app, 'retire-watch')
    expect((await overviewIds(watcher)).length).toBe(linked)

    expect((await retire(created.id, supervisor)).statusCode).toBe(403)
    const res = await retire(created.id)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ department: { id: created.id }, unlinked: linked })
    expect(res.json().department.retiredAt).toEqual(expect.any(String))
    expect(await overviewIds(watcher)).toEqual([])
    expect((await departmentsOf(office)).map((d) => d.id)).not.toContain(created.id)
    expect((await departmentsOf(office, '?retired=true')).at(-1)).toMatchObject({ id: created.id })
    // Retiring again answers the same; changing it is refused with the reason.
    expect((await retire(created.id)).json()).toMatchObject({ department: { id: created.id }, unlinked: 0 })
    const again = await call(t.app, office, {
      method: 'PATCH',
      url: `/api/v1/departments/${created.id}`,
      payload: { name: '县退役军人事务局（新）' },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('DEPARTMENT_RETIRED')
    const relink = await call(t.app, office, {
      method: 'PUT',
      url: `/api/v1/enterprises/${(await overviewIds(office))[0]}/supervisors/${created.id}`,
    })
    expect(relink.json().error.code).toBe('DEPARTMENT_RETIRED')
    // Nor is it offered a new enterprise: refused on its field, nothing registered.
    const register = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: {
        name: '县撤销部门测试有限公司',
        creditCode: demoCreditCode(81),
        ownership: 'private',
        partyOrg: 'none',
        supervisingDepartmentIds: [finance.id, created.id],
      },
    })
    expect(register.statusCode).toBe(409)
    expect(register.json().error).toMatchObject({
      code: 'DEPARTMENT_RETIRED',
      fields: [{ path: 'supervisingDepartmentIds.1', message: '该部门已撤销' }],
    })
    const kept = await t.app.db
      .selectFrom('enterprises')
      .select('id')
      .where('credit_code', '=', demoCreditCode(81))
      .execute()
    expect(kept).toEqual([])
    const office_ = (await departmentsOf(office)).find((d) => d.name.includes('办公室'))!
    expect((await retire(office_.id)).json().error.code).toBe('DEPARTMENT_IS_OFFICE')
    expect((await retire(999_999)).statusCode).toBe(404)
    expect((await retire('4294967296')).statusCode).toBe(404)
    expect(finance.retiredAt).toBeNull()
  })

  it('a link made while the department is retired does not survive it (race)', async () => {
    const created = (await create(office, '县应急管理局')).json() as { id: number }
    const targets = (await overviewIds(office)).slice(0, 6)
    const results = await Promise.all([
      call(t.app, office, { method: 'POST', url: `/api/v1/departments/${created.id}/retire` }),
      ...targets.map((id) =>
        call(t.app, office, { method: 'PUT', url: `/api/v1/enterprises/${id}/supervisors/${created.id}` }),
      ),
    ])
    expect(results[0].statusCode).toBe(200)
    for (const r of results.slice(1)) expect([200, 409]).toContain(r.statusCode)
    expect(await linksOf(created.id)).toEqual([])
  })

  it('an enterprise registered while its department is retired keeps no link to it (race)', async () => {
    const created = (await create(office, '县统计局')).json() as { id: number }
    const results = await Promise.all([
      call(t.app, office, { method: 'POST', url: `/api/v1/departments/${created.id}/retire` }),
      ...[82, 83, 84, 85, 86, 87].map((n) =>
        call(t.app, office, {
          method: 'POST',
          url: '/api/v1/enterprises',
          payload: {
            name: `县并发登记第${n}有限公司`,
            creditCode: demoCreditCode(n),
            ownership: 'private',
            partyOrg: 'none',
            supervisingDepartmentIds: [created.id],
          },
        }),
      ),
    ])
    expect(results[0].statusCode).toBe(200)
    for (const r of results.slice(1)) expect(['201', '409 DEPARTMENT_RETIRED']).toContain(outcomes([r])[0])
    expect(await linksOf(created.id)).toEqual([])
  })
})
