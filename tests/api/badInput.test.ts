import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { TINY_PNG } from './support/files'
import {
  call,
  createTestApp,
  FORGED_SUBS,
  forgedToken,
  idOf,
  loginAs,
  TEST_DB,
  type TestApp,
} from './support/testApp'

/**
 * Each "5xx on bad input" finding of the hostile sweep (issue 14), and the error bodies that were outside
 * the contract, as one named check each; the fuzz test (fuzz.test.ts) looks for more of the same.
 */
describe(`bad input answers 4xx in the error shape [${TEST_DB}]`, () => {
  let t: TestApp
  let h5: string
  let office: string
  let liaison: string
  let hengda: number
  const MISSING = 99_999

  beforeAll(async () => {
    h5 = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-h5-'))
    fs.writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>h5</title>')
    t = await createTestApp({ H5_DIST: h5 })
    office = await loginAs(t.app, 'demo-office')
    liaison = await loginAs(t.app, 'demo-liaison-private')
    hengda = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(h5, { recursive: true, force: true })
  })

  const createCampaign = (enterpriseIds: number[]) =>
    call(t.app, office, {
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: {
        name: '2027年度自查',
        periodStart: '2027-01-01',
        periodEnd: '2027-06-30',
        dueDate: '2027-07-15',
        enterpriseIds,
      },
    })
  const errorOf = (response: { statusCode: number; json(): { error: unknown } }) => ({
    status: response.statusCode,
    ...(response.json().error as { code: string }),
  })

  it('refuses a control character in any text with VALIDATION_FAILED naming the field, and stores nothing', async () => {
    const name = await call(t.app, liaison, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { name: '\u0000' },
    })
    expect(errorOf(name)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' })
    expect(name.json().error.fields).toEqual([{ path: 'name', message: '姓名不能包含控制字符' }])
    const industry = await call(t.app, office, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${hengda}`,
      payload: { industry: '食品\u001b[31m' },
    })
    expect(industry.json().error.fields).toEqual([{ path: 'industry', message: '行业不能包含控制字符' }])
    const me = await call(t.app, liaison, { method: 'GET', url: '/api/v1/me' })
    expect(me.json().user.name).toBe('陈静')
    // A text of several lines keeps its line breaks and tabs.
    const notice = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/enterprises/${hengda}/rectifications`,
      payload: { title: '制度修订', detail: '第一条\n\t第二条', deadline: '2027-01-31' },
    })
    expect(notice.statusCode).toBe(201)
  })

  it('answers an id past the 32-bit column like a missing record in a path, VALIDATION_FAILED in a body', async () => {
    for (const id of ['2147483648', '9007199254740993', '1e30'])
      expect(
        errorOf(await call(t.app, office, { method: 'GET', url: `/api/v1/enterprises/${id}` })),
      ).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    const campaign = await createCampaign([hengda, 2 ** 31])
    expect(errorOf(campaign)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' })
    expect(campaign.json().error.fields[0].path).toBe('enterpriseIds.1')
    const branch = await call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/enterprises/${hengda}/branches`,
      payload: { name: '第二支部', secretaryUserId: 2 ** 31 },
    })
    expect(errorOf(branch)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' })
  })

  it('refuses a campaign that names one enterprise twice', async () => {
    const campaign = await createCampaign([hengda, hengda])
    expect(errorOf(campaign)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' })
    expect(campaign.json().error.fields).toEqual([{ path: 'enterpriseIds', message: '企业不能重复' }])
  })

  it('gives the office the 404 of a missing enterprise on reads and writes alike', async () => {
    for (const [method, url, payload] of [
      ['GET', `/api/v1/enterprises/${MISSING}/pledge-coverage`],
      ['GET', `/api/v1/enterprises/${MISSING}/assessments`],
      ['GET', `/api/v1/enterprises/${MISSING}/rectifications`],
      ['PATCH', `/api/v1/enterprises/${MISSING}`, { name: '不存在的企业' }],
      ['POST', `/api/v1/enterprises/${MISSING}/invites`, { role: 'liaison' }],
    ] as const) {
      const response = await call(t.app, office, { method, url, payload })
      expect({ url, ...errorOf(response) }).toMatchObject({ url, status: 404, code: 'NOT_FOUND' })
    }
  })

  it('answers a multipart body without a boundary or cut short with a 400 on every upload route', async () => {
    const bodies = [
      { 'content-type': 'multipart/form-data', payload: 'x' },
      {
        'content-type': 'multipart/form-data; boundary=b14',
        payload: Buffer.concat([
          Buffer.from('--b14\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n'),
          TINY_PNG.subarray(0, 10),
        ]),
      },
    ]
    const routes: [string, string][] = [
      [liaison, `/api/v1/enterprises/${hengda}/milestones/plan/files`],
      [office, '/api/v1/imports'],
    ]
    for (const [token, url] of routes)
      for (const { payload, ...headers } of bodies) {
        const response = await call(t.app, token, { method: 'POST', url, headers, payload })
        expect({ url, status: response.statusCode, shape: Object.keys(response.json().error) }).toEqual({
          url,
          status: 400,
          shape: ['code', 'message', 'fields'],
        })
      }
  })

  it('answers a signed token whose sub is no user id with 401, on public routes too', async () => {
    for (const sub of FORGED_SUBS) {
      const token = forgedToken(t.env.TOKEN_SECRET, sub)
      const me = await call(t.app, token, { method: 'GET', url: '/api/v1/me' })
      expect(errorOf(me)).toMatchObject({ status: 401, code: 'TOKEN_INVALID' })
      expect((await call(t.app, token, { method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    }
  })

  it("answers the router's and the static files' refusals in the error shape", async () => {
    // (A GET falls through to the H5 files' wildcard route, hence a write here.)
    const long = await t.app.inject({ method: 'PATCH', url: `/api/v1/enterprises/${'1'.repeat(150)}` })
    expect(long.json()).toEqual({ error: { code: 'URI_TOO_LONG', message: '请求地址过长', fields: [] } })
    expect(long.statusCode).toBe(414)
    const badUrl = await t.app.inject({ method: 'GET', url: '/api/v1/enterprises/%E0%A4%A' })
    expect(errorOf(badUrl)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' })
    const traversal = await t.app.inject({ method: 'GET', url: '/..%2f..%2fetc%2fpasswd' })
    expect(errorOf(traversal)).toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })
})
