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
})
