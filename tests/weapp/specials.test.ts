/**
 * 专项整治 in the mini-program: 县委统战部 opens one over its 民营 enterprises; the liaison finds it from
 * 首页, lists a problem, and the department follows the completion down to that enterprise's list.
 */
import { loginAs } from '../api/support/testApp'
import { recordSetData, signIn, tapCell, tapClass } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('专项整治 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('首页 → 专项整治: the liaison’s list and the department’s completion', async () => {
    const app = server.test.app
    const token = await loginAs(app, 'demo-supervisor-united')
    const opened = await app.inject({
      method: 'POST',
      url: '/api/v1/specials',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        title: '民营企业廉洁风险点排查专项整治',
        basis: 't13-private',
        description: '请逐项列出突出问题',
        deadline: '2030-12-31',
        scope: { kind: 'ownership', ownerships: ['private'] },
      },
    })
    expect(opened.statusCode).toBe(201)

    const liaison = await signIn(server, 'demo-liaison-private')
    try {
      await tapCell(liaison, '专项整治')
      await liaison.waitForRoute('packages/specials/pages/list/index')
      await liaison.waitForText(/民营企业廉洁风险点排查专项整治.*未填报/)
      await tapClass(liaison, 'sp-item', '民营企业廉洁风险点排查专项整治')
      await liaison.waitForRoute('packages/specials/pages/sheet/index')
      await liaison.waitForText(/尚未填报问题清单.*|填报问题/)
      liaison.assertHealthy()
    } finally {
      recordSetData(liaison)
      liaison.close()
    }

    const supervisor = await signIn(server, 'demo-supervisor-united')
    try {
      await tapCell(supervisor, '专项整治')
      await supervisor.waitForRoute('packages/specials/pages/list/index')
      await tapClass(supervisor, 'sp-item', '民营企业廉洁风险点排查专项整治')
      await supervisor.waitForRoute('packages/specials/pages/detail/index')
      await supervisor.waitForText(/未填报.*企业（\s*2\s*）.*县恒达食品有限公司/)
      await tapClass(supervisor, 'sp-row', '县恒达食品有限公司')
      await supervisor.waitForRoute('packages/specials/pages/sheet/index')
      await supervisor.waitForText(/县恒达食品有限公司.*未填报/)
      supervisor.assertHealthy()
    } finally {
      recordSetData(supervisor)
      supervisor.close()
    }
  })
})
