/**
 * 企业详情 in the mini-program: 县委统战部's 监管员 opens 监管总览, taps an enterprise, reads its page (profile,
 * campaigns, 整改, 三会一课, pledges, attendance, history), loads more history and opens one 整改.
 */
import { loginAs } from '../api/support/testApp'
import { recordSetData, signIn, tapCell, tapClass } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('企业详情 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('监管总览 → an enterprise → its page, 更多 history, one 整改', async () => {
    const app = server.test.app
    const token = await loginAs(app, 'demo-supervisor-united')
    const enterprise = await app.db
      .selectFrom('enterprises')
      .select('id')
      .where('name', '=', '县恒达食品有限公司')
      .executeTakeFirstOrThrow()
    // Eleven 整改通知: one more than the page's first history page.
    for (let i = 1; i <= 11; i++) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/enterprises/${enterprise.id}/rectifications`,
        headers: { authorization: `Bearer ${token}` },
        payload: { title: `整改通知第${i}号`, detail: '请补齐台账', deadline: '2099-12-31' },
      })
      expect(res.statusCode).toBe(201)
    }

    const mp = await signIn(server, 'demo-supervisor-united')
    try {
      await tapCell(mp, '监管总览')
      await mp.waitForRoute('packages/supervision/pages/overview/index')
      await tapClass(mp, 'supervised', '县恒达食品有限公司')
      await mp.waitForRoute('packages/supervision/pages/enterprise/index')
      await mp.waitForText(/县恒达食品有限公司.*民营.*统一社会信用代码.*监管部门.*县委统战部/)
      expect(mp.text()).toMatch(/历次自查（\s*1\s*）.*2026年度清廉企业建设自查.*草稿.*暂无已提交的自查得分/)
      expect(mp.text()).toMatch(/11\s*未销号\s*0\s*已逾期/)
      expect(mp.text()).toMatch(/三会一课（\s*\d{4}\s*年）.*县恒达食品有限公司党支部\s*[\d.]+%.*党员大会/)
      expect(mp.text()).toMatch(/廉洁承诺.*个人承诺\s*\d+\s*\/\s*\d+\s*人.*活动到会率.*应到\s*\d+\s*人次/)
      expect(mp.text()).toMatch(/监管记录（\s*11\s*）\s*下发整改通知\s*整改通知第11号.*韦丽萍/)
      expect(mp.text()).not.toMatch(/下发整改通知\s*整改通知第1号\s/)

      await mp.tap('更多')
      await mp.waitForText(/下发整改通知\s*整改通知第1号\s/)
      expect(mp.text()).not.toMatch(/更多/)

      await mp.pullDown()
      await mp.waitForText(/监管记录（\s*11\s*）/)
      await tapClass(mp, 'ent-row', '整改通知第3号')
      await mp.waitForRoute('packages/assessment/pages/rectification/index')
      await mp.waitForText('整改通知第3号')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
