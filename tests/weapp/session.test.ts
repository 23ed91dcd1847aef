/** The first minute and the last: privacy guide, 微信一键登录, 退出登录. */
import { recordSetData, signIn } from './support/flows'
import { startWeappServer, launch, type WeappServer } from './support/server'

jest.setTimeout(120_000)

describe('session in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('asks for the privacy consent before WeChat login, then logs in with wx.login', async () => {
    const mp = await launch(server, 'demo-liaison-soe')
    try {
      await mp.waitForRoute('pages/login/index')
      await mp.waitForText('隐私保护指引')
      expect(mp.text()).not.toContain('微信一键登录')
      await mp.tap('同意并继续')
      await mp.tap('微信一键登录')
      await mp.waitForRoute('pages/home/index')
      await mp.waitForText('你好， 李明')
      expect(server.wechat.calls.map((c) => c.get('js_code'))).toContain('ok:demo-liaison-soe')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('a page opened before login (a shared link, a scanned QR) is where login leads back to', async () => {
    // e.g. an event's page shared in a chat: the page and its parameters survive the login
    const event = await server.test.app.db.selectFrom('events').select('id').executeTakeFirstOrThrow()
    const url = `/packages/events/pages/detail/index?eventId=${event.id}`
    const mp = await launch(server, 'demo-employee-private')
    try {
      await mp.waitForText('同意并继续')
      await mp.open(url)
      await mp.waitForRoute('pages/login/index')
      await mp.waitForText('同意并继续')
      await mp.tap('同意并继续')
      await mp.tap('微信一键登录')
      await mp.waitForRoute('packages/events/pages/detail/index')
      expect(mp.navigations.at(-1)?.url).toBe(url)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('退出登录 leaves with one navigation to the login page and no request without a token', async () => {
    const mp = await signIn(server, 'demo-head-private')
    try {
      // every tab page alive, as after a day of use
      await mp.switchTab('pages/tasks/index')
      await mp.switchTab('pages/mine/index')
      await mp.waitForText('退出登录')
      const navigationsBefore = mp.navigations.length
      const exchangesBefore = mp.device.exchanges.length
      await mp.tap('退出登录')
      await mp.idle(300)
      expect(mp.device.modals.at(-1)?.title).toBe('退出登录')
      expect(mp.currentRoute()).toBe('pages/login/index')
      expect(mp.navigations.slice(navigationsBefore)).toEqual([
        { kind: 'reLaunch', url: '/pages/login/index' },
      ])
      const unauthorised = mp.device.exchanges
        .slice(exchangesBefore)
        .filter((e) => e.status === 401 || !e.authorised)
      expect(unauthorised).toEqual([])
      await mp.waitForText('微信一键登录')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
