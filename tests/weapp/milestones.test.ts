/**
 * 实施步骤 milestones in the mini-program: the liaison records the 领导小组 and files the 实施方案 with
 * 县委统战部; that department's 监管员 marks it 已收到; the status shows on the 监管总览; the office finds the
 * writes in 操作日志.
 */
import { TINY_PNG } from '../api/support/files'
import { recordSetData, signIn, tapCell } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('领导小组与实施方案 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('liaison records the group and files the plan → supervisor marks it received → overview → 操作日志', async () => {
    const liaison = await signIn(server, 'demo-liaison-private')
    try {
      await tapCell(liaison, '领导小组与实施方案')
      await liaison.waitForRoute('packages/org/pages/milestones/index')
      await liaison.waitForText(/尚未登记.*未报（已过截止日）/)
      await liaison.tap('登记领导小组')
      await liaison.input('如 2022-06-10', '2022-06-12')
      await liaison.input('姓名', '刘恒达', 0)
      await liaison.input('职务', '总经理', 0)
      await liaison.input('姓名', '梁红梅', 1)
      await liaison.input('职务', '党支部书记', 1)
      await liaison.tap('副组长', 1)
      await liaison.tap('保存')
      await liaison.waitForText(/成立日期 2022年6月12日\s*·\s*按时 2022年6月12日/)
      expect(liaison.device.toasts.map((t) => t.title)).toContain('领导小组已登记')
      expect(liaison.text()).toMatch(/刘恒达.*总经理.*组长.*梁红梅.*党支部书记.*副组长/)

      await liaison.tap('县委统战部')
      liaison.device.photos.push(TINY_PNG)
      await liaison.tap('拍照/相册')
      await liaison.idle(300)
      await liaison.tap('报送', 0)
      await liaison.waitForText(/第\s*1\s*次报送\s*·\s*县委统战部.*待接收/)
      expect(liaison.device.toasts.map((t) => t.title)).toContain('实施方案已报送')
      liaison.assertHealthy()
    } finally {
      recordSetData(liaison)
      liaison.close()
    }

    const supervisor = await signIn(server, 'demo-supervisor-united')
    try {
      await tapCell(supervisor, '监管总览')
      await supervisor.waitForRoute('packages/supervision/pages/overview/index')
      await supervisor.waitForText(
        /领导小组\s*按时 2022年6月12日.*实施方案\s*逾期 \d{4}年\d{1,2}月\d{1,2}日\s*（待接收）/,
      )
      await supervisor.tap(/实施方案\s*逾期/)
      await supervisor.waitForRoute('packages/org/pages/milestones/index')
      await supervisor.waitForText('已收到')
      expect(supervisor.text()).not.toMatch(/登记领导小组/)
      await supervisor.tap('已收到', 0)
      await supervisor.waitForText(/第\s*1\s*次报送\s*·\s*县委统战部.*已收到.*韦丽萍 处理于/)
      expect(supervisor.device.modals.map((m) => m.title)).toContain('已收到')
      await supervisor.back()
      await supervisor.pullDown()
      await supervisor.waitForText(/实施方案\s*逾期 \d{4}年\d{1,2}月\d{1,2}日\s*（已收到）/)
      supervisor.assertHealthy()
    } finally {
      recordSetData(supervisor)
      supervisor.close()
    }

    const office = await signIn(server, 'demo-office')
    try {
      await tapCell(office, '操作日志')
      await office.waitForRoute('packages/org/pages/audit/index')
      await office.waitForText(/实施方案已收到.*韦丽萍\s*·\s*县恒达食品有限公司/)
      await office.input('操作人姓名', '陈静')
      await office.tap('查询')
      await office.waitForText(/报送实施方案.*陈静\s*·\s*县恒达食品有限公司/)
      expect(office.text()).not.toMatch(/韦丽萍/)
      await office.tap('导出 Excel')
      expect(office.device.openedDocuments.length).toBe(1)
      office.assertHealthy()
    } finally {
      recordSetData(office)
      office.close()
    }
  })
})
