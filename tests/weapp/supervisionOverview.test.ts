/**
 * 监管总览 in the mini-program: the demo 监管员 (县委统战部) sees the figures of the latest campaign, opens
 * the enterprises behind one (草稿) and opens an enterprise's assessment from its card.
 */
import { recordSetData, signIn, tapCell } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('监管总览 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('figures → the list behind one → an enterprise', async () => {
    const supervisor = await signIn(server, 'demo-supervisor-united')
    try {
      await tapCell(supervisor, '监管总览')
      await supervisor.waitForRoute('packages/supervision/pages/overview/index')
      await supervisor.waitForText(
        /所监管企业.*自查进度.*整改.*各维度得分.*清廉政治.*廉洁承诺覆盖.*活动到会率.*实施步骤/,
      )
      // The two 民营 enterprises of 县委统战部, both in 草稿 in the demo.
      await supervisor.waitForText(/企业（\s*2\s*）/)
      await supervisor.tap('草稿', 0)
      await supervisor.waitForRoute('packages/supervision/pages/enterprises/index')
      await supervisor.waitForText(/企业（\s*\d+\s*）.*县恒达食品有限公司/)
      // The card opens the enterprise's page; its 查看自查 opens the assessment.
      await supervisor.tap('综合得分', 0)
      await supervisor.waitForRoute('packages/supervision/pages/enterprise/index')
      await supervisor.waitForText(/91450703MA5K23757D|县恒达食品有限公司/)
      supervisor.assertHealthy()
    } finally {
      recordSetData(supervisor)
      supervisor.close()
    }
  })
})
