import { createTestApp, TEST_DB, idOf, loginAs, type TestApp } from './support/testApp'

describe(`system routes [${TEST_DB}]`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it('reports health with the database in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'ok', database: TEST_DB, mode: 'test' })
  })

  it('serves an OpenAPI document generated from the shared zod schemas, and its UI', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(doc.statusCode).toBe(200)
    const body = doc.json()
    expect(body.openapi).toMatch(/^3\./)
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/wechat', '/api/v1/me', '/api/v1/enterprises/{enterpriseId}']),
    )
    expect(Object.keys(body.components.schemas)).toEqual(expect.arrayContaining(['Enterprise', 'Me']))
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' })
    expect([200, 302]).toContain(ui.statusCode)
  })

  it('answers an unknown route with the error shape and a 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' })
    expect(res.statusCode).toBe(404)
    expect(res.json().error).toMatchObject({ code: 'ROUTE_NOT_FOUND', fields: [] })
  })

  it('accepts a bodyless POST sent with a JSON content type, as wx.request sends it', async () => {
    const token = await loginAs(t.app, 'demo-liaison-private')
    const enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${enterpriseId}/members/987654/approve`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: '',
    })
    // Reaches the service (no such join request) instead of failing on the empty body.
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('NOT_FOUND')
  })

  it('turns malformed bodies into 4xx with a Chinese message, never a 5xx', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      headers: { 'content-type': 'application/json' },
      payload: '{"openid": ',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fa5]/)

    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      headers: { 'content-type': 'application/xml' },
      payload: '<openid/>',
    })
    expect(wrongType.statusCode).toBe(415)
    expect(wrongType.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ openid: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expect(huge.statusCode).toBe(413)
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE')

    const wrongField = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      payload: { openid: 42 },
    })
    expect(wrongField.statusCode).toBe(400)
    expect(wrongField.json().error.fields[0]).toMatchObject({ path: 'openid' })
    expect(wrongField.json().error.fields[0].message).toMatch(/[\u4e00-\u9fa5]/)
  })
})
