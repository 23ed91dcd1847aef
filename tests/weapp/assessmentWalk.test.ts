/**
 * 自查作答 one item at a time, in the mini-program: 下一项 / 上一项 replace the page by the same page at
 * the other item (wx.redirectTo), so the page's query names the item shown (what WeChat restores) and
 * the page stack does not grow: 返回 goes back to the overview, not through every item.
 */
import { openAssessmentItems, recordSetData, signIn } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

/** 第 n / N 项 as the page shows it (the mini-program's text keeps the spaces around its values). */
const nth = (n: number) => new RegExp(`第\\s*${n}\\s*/\\s*\\d+\\s*项`)

describe('自查作答 walk (mini-program)', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('下一项 puts the item in the page’s query without growing the stack; 返回 leads to the overview', async () => {
    const mp = await signIn(server, 'demo-liaison-private')
    try {
      await openAssessmentItems(mp, '开始作答')
      const depth = mp.stack.length
      const first = mp.current().instance.options.code
      expect(first).toBeTruthy()
      await mp.waitForText(nth(1))

      await mp.tap('下一项')
      await mp.waitForText(nth(2))
      await mp.tap('下一项')
      await mp.waitForText(nth(3))
      expect(mp.stack.length).toBe(depth)
      const third = mp.current().instance.options.code
      expect(third).not.toBe(first)
      expect(mp.navigations.slice(-2).map((n) => n.kind)).toEqual(['redirectTo', 'redirectTo'])

      await mp.tap('上一项')
      await mp.waitForText(nth(2))
      expect(mp.stack.length).toBe(depth)

      await mp.back()
      await mp.waitForRoute('packages/assessment/pages/overview/index')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
