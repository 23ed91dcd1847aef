/**
 * An enterprise's own people, in the mini-program: the liaison makes an employee invite code, a new
 * WeChat user joins with it from 我的, the liaison approves the request in 成员管理, and the newcomer's
 * 首页 then shows the enterprise's work.
 */
import { recordSetData, signIn, tapCell } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('成员管理 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('invite → join → approve', async () => {
    const liaison = await signIn(server, 'demo-liaison-private')
    let code = ''
    try {
      await tapCell(liaison, '成员管理')
      await liaison.waitForRoute('packages/org/pages/members/index')
      await liaison.waitForText('邀请成员')
      await liaison.tap(/生成\s*职工\s*邀请码/)
      await liaison.waitForText(/[A-Z0-9]{8}/)
      expect(liaison.device.toasts.map((t) => t.title)).toContain('已生成邀请码')
      code = /([A-Z0-9]{8})\s*职工/.exec(liaison.text())![1]
      await liaison.tap('复制')
      expect(liaison.device.clipboard).toContain(code)
      liaison.assertHealthy()
    } finally {
      recordSetData(liaison)
      liaison.close()
    }

    const newcomer = await signIn(server, 'demo-newcomer')
    try {
      await newcomer.switchTab('pages/mine/index')
      await tapCell(newcomer, '加入企业')
      await newcomer.input('例如', code.toLowerCase())
      await newcomer.tap('申请加入')
      await newcomer.idle(200)
      expect(newcomer.device.toasts.map((t) => t.title).join()).toMatch(/已申请加入「县恒达食品有限公司」/)
      newcomer.assertHealthy()
    } finally {
      recordSetData(newcomer)
      newcomer.close()
    }

    const again = await signIn(server, 'demo-liaison-private')
    try {
      await tapCell(again, '成员管理')
      await again.waitForText(/待审核（\s*1\s*）/)
      expect(again.text()).toMatch(/新用户.*职工/)
      await again.tap('通过')
      await again.waitForText(/待审核（\s*0\s*）/)
      expect(again.text()).toMatch(/成员（\s*5\s*）.*新用户/)
      again.assertHealthy()
    } finally {
      recordSetData(again)
      again.close()
    }

    const member = await signIn(server, 'demo-newcomer')
    try {
      await member.waitForText('自查自评')
      await member.switchTab('pages/mine/index')
      await member.waitForText('县恒达食品有限公司')
      member.assertHealthy()
    } finally {
      recordSetData(member)
      member.close()
    }
  })
})
