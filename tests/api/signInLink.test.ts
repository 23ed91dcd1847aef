import { createTestApp, TEST_DB, type TestApp } from './support/testApp'

/** A browser that opens an event's sign-in link is sent to the H5 sign-in page with the payload. */
describe(`sign-in links [${TEST_DB}]`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it('redirects the link to the sign-in page, and anything else to the bare page', async () => {
    const payload = 'QL1.3.118000123.abcdefghijklmnopqrstuv'
    const res = await t.app.inject({ method: 'GET', url: `/s?c=${encodeURIComponent(payload)}` })
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe(
      `/#/packages/events/pages/signin/index?c=${encodeURIComponent(payload)}`,
    )
    for (const bad of ['/s', '/s?c=%3Cscript%3E', '/s?c=QL2.1.2.3']) {
      const other = await t.app.inject({ method: 'GET', url: bad })
      expect(other.statusCode).toBe(302)
      expect(other.headers.location).toBe('/#/packages/events/pages/signin/index')
    }
  })
})
