/**
 * 示范选树 in the mini-program: the office opens it from 监管总览, starts a 示范点 round, proposes two
 * candidates through the search and sees their figures side by side, then chooses one.
 */
import { recordSetData, signIn, tapCell, tapClass } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('示范选树 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('监管总览 → 示范选树 → a round → candidates side by side → 选定', async () => {
    const mp = await signIn(server, 'demo-office')
    try {
      await tapCell(mp, '监管总览')
      await mp.waitForRoute('packages/supervision/pages/overview/index')
      await mp.tap('示范选树')
      await mp.waitForRoute('packages/supervision/pages/exemplars/index')
      await mp.waitForText(/发起示范选树.*国有企业、民营企业各选择1家.*暂无选树轮次/)
      await tapClass(mp, 'ex-create', '发起')
      await mp.waitForText(/示范点\s*\d{4}年清廉企业建设示范点选树\s*候选\s*0\s*家/)
      await tapClass(mp, 'ex-round', '示范点选树')
      await mp.waitForRoute('packages/supervision/pages/exemplarRound/index')
      await mp.waitForText('尚无候选企业')
      // The two enterprises through the API the page's search uses, as the office.
      const app = server.test.app
      const roundId = Number(mp.current().instance.options.roundId)
      const { loginAs } = await import('../api/support/testApp')
      const token = await loginAs(app, 'demo-office')
      for (const name of ['县城市建设投资集团有限公司', '县恒达食品有限公司']) {
        const e = await app.db
          .selectFrom('enterprises')
          .select('id')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/exemplars/rounds/${roundId}/candidates`,
          headers: { authorization: `Bearer ${token}` },
          payload: { enterpriseId: e.id },
        })
        expect(res.statusCode).toBe(201)
      }
      await mp.pullDown()
      await mp.waitForText(
        /候选企业对比.*县城市建设投资集团有限公司.*县恒达食品有限公司.*国有企业.*民营企业.*整改销号率.*活动到会率.*个人承诺覆盖.*三会一课完成率.*成立领导小组.*报送实施方案/,
      )
      await tapClass(mp, 'ex-choose', '选定')
      await mp.waitForText(/已选定\s*1\s*家/)
      expect(mp.device.toasts.map((t) => t.title)).toContain('已选定')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
