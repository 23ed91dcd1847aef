/**
 * What a walk through the mini-program as a liaison, an employee, a branch secretary and a county
 * supervisor found wrong: each case as the person met it.
 */
import { type MiniProgram } from './runner/miniProgram'
import { openAssessmentItems, recordSetData, signIn, tapCell } from './support/flows'
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

  async function as(openid: string, walk: (mp: MiniProgram) => Promise<void>): Promise<void> {
    const mp = await signIn(server, openid)
    try {
      await walk(mp)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  }

  it('a supervisor reading a draft self-assessment sees 暂无得分 for a dimension nobody has answered yet', async () => {
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
      expect(text).toMatch(/清廉政治\s+不单独计分/)
      expect(text).toMatch(/清廉经营\s+暂无得分.*清廉文化\s+暂无得分.*清廉监管\s+暂无得分/)
    })
  })
})
