/**
 * Coming back to a page shows what changed meanwhile, also in a block drawn after the page was first
 * shown: the organiser's 已签到 under a loaded event (found by the fresh-eyes walk: the count stayed stale
 * after 显示签到码 while people signed in).
 */
import { loginAs } from '../api/support/testApp'
import { tapCell, walkAs } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('a page shown again reloads what it shows', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  async function api(openid: string, method: 'GET' | 'POST', url: string, payload?: object) {
    const token = await loginAs(server.test.app, openid)
    const response = await server.test.app.inject({
      method,
      url,
      payload,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.statusCode).toBeLessThan(300)
    return response.json()
  }

  it("updates the organiser's 已签到 after someone signs in while the organiser was on another page", async () => {
    const organiser = 'demo-supervisor-united'
    const { events } = await api(organiser, 'GET', '/api/v1/events?as=organiser&when=upcoming')
    const event = (events as { id: number; title: string }[]).find((e) => e.title.includes('警示教育会'))!
    const before = (await api(organiser, 'GET', `/api/v1/events/${event.id}/attendance?page=1&pageSize=1`))
      .count as number
    await walkAs(server, organiser, async (mp) => {
      await tapCell(mp, '我的活动')
      await mp.waitForRoute('packages/events/pages/list/index')
      await mp.tap('我组织的')
      await mp.waitForText('警示教育会')
      await mp.tap(/警示教育会/)
      await mp.waitForRoute('packages/events/pages/detail/index')
      await mp.waitForText(new RegExp(`已签到\\s*${before}\\s*/ 应到`))
      await mp.tap('修改')
      await mp.waitForRoute('packages/events/pages/create/index')
      // meanwhile an employee scans the QR code
      const qr = await api(organiser, 'GET', `/api/v1/events/${event.id}/qr`)
      await api('demo-employee-private', 'POST', '/api/v1/sign-ins', {
        payload: qr.payload,
        scannedAt: new Date().toISOString(),
      })
      await mp.back()
      await mp.waitForRoute('packages/events/pages/detail/index')
      await mp.waitForText(new RegExp(`已签到\\s*${before + 1}\\s*/ 应到`))
    })
  })
})
