/**
 * 廉洁风险点 in the mini-program: the liaison opens the register from 首页, sees its alerts and a risk
 * reviewed to 高, opens it (history with the level change), and opens the starter list.
 */
import { loginAs } from '../api/support/testApp'
import { recordSetData, signIn, tapCell, tapClass } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('廉洁风险点 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('首页 → 廉洁风险点 → the register, one risk and the starter list', async () => {
    const app = server.test.app
    const token = await loginAs(app, 'demo-liaison-private')
    const { id: eid } = await app.db
      .selectFrom('enterprises')
      .select('id')
      .where('name', '=', '县恒达食品有限公司')
      .executeTakeFirstOrThrow()
    const post = (url: string, payload: object) =>
      app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}` } })
    const created = await post(`/api/v1/enterprises/${eid}/risks`, {
      area: 'finance',
      post: '财务部 · 资金支付',
      description: '大额资金支付审批流于形式',
      likelihood: 2,
      impact: 2,
      measures: '大额支付双签',
      owner: '赵会计',
      reviewCycle: 1,
    })
    expect(created.statusCode).toBe(201)
    const reviewed = await post(`/api/v1/enterprises/${eid}/risks/${created.json().id}/reviews`, {
      note: '本季度支付笔数翻倍',
      likelihood: 3,
      impact: 3,
      version: 1,
    })
    expect(reviewed.statusCode).toBe(200)

    const mp = await signIn(server, 'demo-liaison-private')
    try {
      await tapCell(mp, '廉洁风险点')
      await mp.waitForRoute('packages/risks/pages/list/index')
      await mp.waitForText(/1\s*有效风险点\s*1\s*高风险\s*0\s*逾期未复核/)
      await mp.tap('从参考清单添加')
      await mp.waitForText(/物资采购\s*·\s*任务\s*7/)
      await tapClass(mp, 'risk-card', '财务部 · 资金支付')
      await mp.waitForRoute('packages/risks/pages/detail/index')
      await mp.waitForText(
        /高\s*风险.*财务管理.*大额支付双签.*动态管理记录.*复核：中 → 高.*本季度支付笔数翻倍/,
      )
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }

    // 县委统战部 turns it into a 整改 from the page; the page then offers no second one, and the alert leaves 任务.
    const supervisor = await signIn(server, 'demo-supervisor-united')
    try {
      const rid = created.json().id
      await supervisor.open(`/packages/risks/pages/detail/index?eid=${eid}&rid=${rid}`)
      await supervisor.waitForText(/转为整改.*下发整改/)
      await supervisor.input('整改要求', '请落实大额支付双人审批')
      await supervisor.tap('下发整改')
      await supervisor.waitForText(/查看整改事项.*已转为整改，整改销号后/)
      expect(supervisor.text()).not.toMatch(/下发整改/)
      const todos = await app.inject({
        method: 'GET',
        url: '/api/v1/todos',
        headers: { authorization: `Bearer ${await loginAs(app, 'demo-supervisor-united')}` },
      })
      const alerts = todos
        .json()
        .items.filter((i: { kind: string; recordId: number }) => i.kind === 'risk_alert')
      expect(alerts.map((i: { recordId: number }) => i.recordId)).not.toContain(rid)
      supervisor.assertHealthy()
    } finally {
      recordSetData(supervisor)
      supervisor.close()
    }
  })

  it('县财政局 阅知 a 高 alert from the risk opened in 任务, and it leaves 任务', async () => {
    const app = server.test.app
    const token = await loginAs(app, 'demo-liaison-soe')
    const { id: eid } = await app.db
      .selectFrom('enterprises')
      .select('id')
      .where('name', '=', '县城市建设投资集团有限公司')
      .executeTakeFirstOrThrow()
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${eid}/risks`,
      payload: {
        area: 'engineering_tender',
        post: '工程部 · 招标代理选定',
        description: '招标代理机构选定不透明',
        likelihood: 3,
        impact: 3,
        measures: '代理机构比选，纪检列席',
        owner: '陆工',
        reviewCycle: 3,
      },
      headers: { authorization: `Bearer ${token}` },
    })
    expect(created.statusCode).toBe(201)
    const title = '廉洁风险预警：工程招标 · 工程部 · 招标代理选定'

    const mp = await signIn(server, 'demo-supervisor-finance')
    try {
      await mp.switchTab('pages/tasks/index')
      await mp.waitForText(title)
      await mp.tap(title)
      await mp.waitForRoute('packages/risks/pages/detail/index')
      await mp.waitForText(/风险预警.*阅知后，本预警不再列入本部门的任务/)
      await mp.tap('阅知')
      await mp.waitForText(/县财政局已于 .+ 阅知（黄志强）/)
      await mp.switchTab('pages/tasks/index')
      const started = Date.now()
      while (mp.text().includes(title) && Date.now() - started < 8000)
        await new Promise((r) => setTimeout(r, 25))
      expect(mp.text()).not.toContain(title)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
