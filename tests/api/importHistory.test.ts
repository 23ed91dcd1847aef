import JSZip from 'jszip'
import { call, createTestApp, loginAs, TEST_DB, type TestApp } from './support/testApp'
import { enterpriseRow, upload, waitReady, workbook } from './support/importFiles'

jest.setTimeout(60_000)

/** The office finds its imports again, numbers its batches from 1, and its invites name the county. */
describe(`import history and invites [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  beforeAll(async () => {
    t = await createTestApp()
    office = await loginAs(t.app, 'demo-office')
  })
  afterAll(() => t.close())

  const get = (url: string, token = office) => call(t.app, token, { method: 'GET', url })
  async function checked(rows: number[]) {
    const res = await upload(t.app, office, await workbook(rows.map((n) => enterpriseRow(n))))
    expect(res.statusCode).toBe(202)
    return waitReady(t.app, office, res.json().id)
  }

  it('lists recent imports newest first, paged, the committed ones numbered 第1批, 第2批 in commit order', async () => {
    const dropped = await checked([701])
    const first = await checked([711, 712])
    const second = await checked([721])
    // Committed out of upload order: the batch follows the commit.
    expect(
      (await call(t.app, office, { method: 'POST', url: `/api/v1/imports/${second.id}/commit` })).statusCode,
    ).toBe(200)
    expect(
      (await call(t.app, office, { method: 'POST', url: `/api/v1/imports/${first.id}/commit` })).statusCode,
    ).toBe(200)

    const list = await get('/api/v1/imports?pageSize=2')
    expect(list.statusCode).toBe(200)
    expect(list.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 })
    const items = list.json().items as { id: number; state: string; batch: number | null; total: number }[]
    expect(items.map((i) => [i.id, i.state, i.batch, i.total])).toEqual([
      [second.id, 'committed', 1, 1],
      [first.id, 'committed', 2, 2],
    ])
    const rest = (await get('/api/v1/imports?pageSize=2&page=2')).json().items
    expect(rest).toMatchObject([
      { id: dropped.id, state: 'ready', batch: null, filename: expect.any(String) },
    ])
    expect(rest[0].counts).toMatchObject({ create: 1 })

    // The first committed import's invites are 第1批, though two uploads came before it.
    const invites = await get(`/api/v1/imports/${second.id}/invites.docx`)
    expect(invites.statusCode).toBe(200)
    const name = decodeURIComponent(
      String(invites.headers['content-disposition']).split("filename*=UTF-8''")[1],
    )
    expect(name).toContain('联络员邀请函-第1批')
    expect(second.id).toBeGreaterThan(1)
  })

  it('names the county’s office on each invite, as it was set up', async () => {
    const officeDept = await t.app.db
      .selectFrom('departments')
      .select('id')
      .where('is_office', '=', 1)
      .executeTakeFirstOrThrow()
    // As `npm run setup` names it for 测试县.
    await t.app.db
      .updateTable('departments')
      .set({ name: '测试县清廉企业建设工作领导小组办公室' })
      .where('id', '=', officeDept.id)
      .execute()
    const view = await checked([731])
    await call(t.app, office, { method: 'POST', url: `/api/v1/imports/${view.id}/commit` })
    const res = await get(`/api/v1/imports/${view.id}/invites.docx`)
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string')
    expect(xml).toContain('测试县清廉企业建设工作领导小组办公室')
    expect(xml).toContain('等待测试县清廉企业建设工作领导小组办公室审核通过后')
    expect(xml).not.toMatch(/>县清廉企业建设/)
  })

  it('keeps the list to the office', async () => {
    const supervisor = await loginAs(t.app, 'demo-supervisor-united')
    expect((await get('/api/v1/imports', supervisor)).statusCode).toBe(403)
    expect((await get('/api/v1/imports?pageSize=500')).statusCode).toBe(400)
  })
})
