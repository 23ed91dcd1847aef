/**
 * 任务 in the mini-program: one list from the server for every role, the badge on the tab from launch,
 * and each to-do opening the page where it is done.
 */
import { recordSetData, signIn, walkAs } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(120_000)

describe('任务 and its badge', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('an employee sees the badge on launch, the pledge to sign, and opens it', async () => {
    const mp = await signIn(server, 'demo-employee-private')
    try {
      await mp.waitForText('你好')
      const started = Date.now()
      while (!mp.device.tabBarBadges.has(1) && Date.now() - started < 8000)
        await new Promise((r) => setTimeout(r, 25))
      const badge = Number(mp.device.tabBarBadges.get(1))
      expect(badge).toBeGreaterThan(0)
      await mp.switchTab('pages/tasks/index')
      await mp.waitForText(`待办任务（${badge}）`)
      await mp.tap('签署本年度廉洁从业承诺')
      await mp.waitForRoute('packages/pledges/pages/sign/index')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('a liaison opens the self-assessment to fill from 任务', () =>
    walkAs(server, 'demo-liaison-private', async (mp) => {
      await mp.switchTab('pages/tasks/index')
      await mp.tap('完成年度自查自评')
      await mp.waitForRoute('packages/assessment/pages/overview/index')
      await mp.waitForText('已答')
    }))

  it('a liaison opens the 实施步骤 still to do (领导小组, 实施方案) from 任务', () =>
    walkAs(server, 'demo-liaison-private', async (mp) => {
      await mp.switchTab('pages/tasks/index')
      await mp.waitForText('制定本企业实施方案并报送监管部门')
      await mp.tap('成立本企业清廉建设工作领导小组')
      await mp.waitForRoute('packages/org/pages/milestones/index')
      await mp.waitForText('领导小组')
    }))
})
