/**
 * 督查专报 in the mini-program: the demo 监管员 (县委统战部) opens 督查专报 from 首页, generates a draft of its
 * department (its enterprises only), and finds the progress table and the editable sections.
 */
import { recordSetData, signIn, tapCell, tapClass } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('督查专报 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('the list → 生成草稿 → the report with its table and sections', async () => {
    const supervisor = await signIn(server, 'demo-supervisor-united')
    try {
      await tapCell(supervisor, '督查专报')
      await supervisor.waitForRoute('packages/supervision/pages/reports/index')
      await supervisor.waitForText(/生成督查专报.*还没有督查专报/)
      await tapClass(supervisor, 'reports__generate', '生成草稿')
      await supervisor.waitForRoute('packages/supervision/pages/report/index')
      await supervisor.waitForText(/县委统战部.*第\s*1\s*期.*部门.*县委统战部\s*2.*合计\s*2/)
      await supervisor.waitForText(/一、督查范围.*二、工作进展.*三、发现的问题.*四、通报企业.*五、下一步工作/)
      await supervisor.waitForText(/保存.*定稿.*下载草稿/)
      supervisor.assertHealthy()
    } finally {
      recordSetData(supervisor)
      supervisor.close()
    }
  })
})
