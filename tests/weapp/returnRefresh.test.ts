/**
 * Coming back to a page shows what changed meanwhile, also in a block drawn after the page was first
 * shown: the organiser's 已签到 under a loaded event (found by the fresh-eyes walk: the count stayed stale
 * after 显示签到码 while people signed in).
 */
import { apiAs, openOrganisedEvent, walkAs } from './support/flows'
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

  it("updates the organiser's 已签到 after someone signs in while the organiser was on another page", async () => {
    const organiser = 'demo-supervisor-united'
    const { events } = (await apiAs(
      server,
      organiser,
      'GET',
      '/api/v1/events?as=organiser&when=upcoming',
    )) as {
      events: { id: number; title: string }[]
    }
    const event = events.find((e) => e.title.includes('警示教育会'))!
    const counts = (await apiAs(
      server,
      organiser,
      'GET',
      `/api/v1/events/${event.id}/attendance?page=1&pageSize=1`,
    )) as { count: number }
    const before = counts.count
    await walkAs(server, organiser, async (mp) => {
      await openOrganisedEvent(mp, /警示教育会/)
      await mp.waitForText(new RegExp(`已签到\\s*${before}\\s*/ 应到`))
      await mp.tap('修改')
      await mp.waitForRoute('packages/events/pages/create/index')
      // meanwhile an employee scans the QR code
      const qr = (await apiAs(server, organiser, 'GET', `/api/v1/events/${event.id}/qr`)) as {
        payload: string
      }
      await apiAs(server, 'demo-employee-private', 'POST', '/api/v1/sign-ins', {
        payload: qr.payload,
        scannedAt: new Date().toISOString(),
      })
      await mp.back()
      await mp.waitForRoute('packages/events/pages/detail/index')
      await mp.waitForText(new RegExp(`已签到\\s*${before + 1}\\s*/ 应到`))
    })
  })
})
