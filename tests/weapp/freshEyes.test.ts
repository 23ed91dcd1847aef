/**
 * What a walk through the mini-program as a liaison, an employee, a branch secretary and a county
 * supervisor found wrong: each case as the person met it.
 */
import { hasClass, textOf, type MiniProgram } from './runner/miniProgram'
import { openAssessmentItems, signPersonalPledge, tapCell, walkAs } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('a fresh-eyes walk', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  const as = (openid: string, walk: (mp: MiniProgram) => Promise<void>) => walkAs(server, openid, walk)

  it('a supervisor reading a draft self-assessment sees no 综合得分 yet and 暂无得分 for a dimension nobody has answered', async () => {
    // the liaison answers one item of 清廉政治: too few scored items for a score of its own
    await as('demo-liaison-private', async (mp) => {
      await openAssessmentItems(mp, '清廉政治')
      await mp.tap('是')
      await mp.idle(300)
    })
    await as('demo-supervisor-united', async (mp) => {
      await tapCell(mp, '监管总览')
      await mp.waitForRoute('packages/supervision/pages/overview/index')
      await mp.tap('查看自查')
      await mp.waitForRoute('packages/supervision/pages/review/index')
      await mp.waitForText('企业尚未提交')
      const text = mp.text()
      // a draft has no 综合得分 yet, as the enterprise's overview and the supervision list say
      expect(text).toMatch(/综合得分\s+—\s+清廉政治\s+不单独计分/)
      expect(text).toMatch(/清廉经营\s+暂无得分.*清廉文化\s+暂无得分.*清廉监管\s+暂无得分/)
    })
  })

  it("an employee who signed this year's personal pledge is offered its certificate, not a second signing", async () => {
    await as('demo-employee-private', async (mp) => {
      await signPersonalPledge(mp)
      await mp.waitForText('核验码')
      await mp.back()
      await mp.waitForRoute('packages/pledges/pages/list/index')
      await mp.waitForText('本年度已签署')
      // a personal pledge has one signer: nobody 发起 it
      expect(mp.text()).toMatch(/我的承诺 个人廉洁从业承诺书 已生效 .*签署人\s+王小军/)
      const offer = mp
        .findAll((n) => hasClass(n, 'pledge-list__offer'))
        .find((n) => textOf(n).includes('个人廉洁从业承诺书'))!
      expect(textOf(offer)).toMatch(/本年度已签署.*已签署/)
      await mp.tap(offer)
      await mp.waitForRoute('packages/pledges/pages/certificate/index')
      await mp.waitForText('核验码')
    })
  })
})
