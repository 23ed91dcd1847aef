/**
 * 权力清单 / “三重一大” in the mini-program: the liaison of a 国企 (李明) opens them from 首页, adds a row to
 * the draft and publishes it, filters the decision log and corrects a decision; the supervising
 * department's 监管员 (黄志强, 县财政局) opens the list from the enterprise page and marks it 已阅.
 */
import { seedDemoPowers } from '../../seeds/powersDemo'
import { recordSetData, signIn, tapCell, tapClass } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('权力清单 and “三重一大” in the mini-program', () => {
  let server: WeappServer
  let eid: number
  beforeAll(async () => {
    server = await startWeappServer()
    const db = server.test.app.db
    await seedDemoPowers(db, Date.now())
    eid = (
      await db
        .selectFrom('enterprises')
        .select('id')
        .where('name', '=', '县城市建设投资集团有限公司')
        .executeTakeFirstOrThrow()
    ).id
  })
  afterAll(async () => {
    await server.close()
  })

  it('李明: 首页 → 权力清单 (add a row, 发布) → 决策台账 (filter) → a decision, corrected', async () => {
    const mp = await signIn(server, 'demo-liaison-soe')
    try {
      await tapCell(mp, '权力清单与“三重一大”')
      await mp.waitForRoute('packages/powers/pages/list/index')
      await mp.waitForText(
        /已发布 · 第\s*1\s*版.*决策权.*主持党委会.*负面清单.*监管部门尚未阅看.*修订\s*1.*与已发布版本一致/,
      )
      await mp.tap('＋ 添加监督权事项')
      await mp.input('职权（', '听取班子成员述责述廉（运行测试）')
      await mp.input('法律法规', '党委工作规则（运行测试）')
      await mp.input('履行该职权的程序', '每半年一次，形成记录（运行测试）')
      await mp.tap('保存到草稿')
      await mp.waitForText(/有未发布的修改.*监督权.*听取班子成员述责述廉（运行测试）/)
      await mp.tap('发布')
      await mp.waitForText(/已发布 · 第\s*2\s*版.*听取班子成员述责述廉（运行测试）.*与已发布版本一致/)
      expect(mp.device.modals.map((m) => m.title)).toContain('发布权力清单')

      await mp.tap('“三重一大”决策台账 ›')
      await mp.waitForRoute('packages/powers/pages/decisions/index')
      await mp.waitForText(/登记决策.*决策记录（\s*2\s*）.*年度融资计划（示例）.*城区供水管网改造/)
      await mp.tap('大额资金运作')
      await mp.waitForText(/决策记录（\s*1\s*）.*年度融资计划（示例）/)
      expect(mp.text()).not.toContain('城区供水管网改造')
      await tapClass(mp, 'pw-decision', '年度融资计划')
      await mp.waitForRoute('packages/powers/pages/decision/index')
      await mp.waitForText(/年度融资计划（示例）.*大额资金运作.*董事会.*附件.*登记与更正记录.*登记 · 李明/)
      await mp.tap('更正')
      await mp.input('如：党委会', '董事会（第三次会议）')
      await mp.input('为什么更正', '会议名称登记不全（运行测试）')
      await mp.tap('提交更正')
      await mp.waitForText(/更正说明：会议名称登记不全（运行测试）.*决策会议：董事会 → 董事会（第三次会议）/)
      expect(mp.text()).not.toMatch(/undefined|NaN|\[object Object\]|Invalid Date/)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('黄志强 (县财政局): the enterprise page → 权力清单 → 已阅', async () => {
    const mp = await signIn(server, 'demo-supervisor-finance')
    try {
      await mp.open(`/packages/supervision/pages/enterprise/index?enterpriseId=${eid}`)
      await mp.waitForRoute('packages/supervision/pages/enterprise/index')
      await mp.waitForText(/权力清单与“三重一大”.*“一把手”权力清单和负面清单.*现行第\s*\d+\s*版/)
      await tapClass(mp, 'ent-row', '“一把手”权力清单和负面清单')
      await mp.waitForRoute('packages/powers/pages/list/index')
      await mp.waitForText(/已发布 · 第\s*\d+\s*版.*决策权.*负面清单.*监管部门尚未阅看/)
      // a supervisor reads published versions only: no draft, no 发布
      expect(mp.text()).not.toMatch(/草稿|保存到草稿/)
      await mp.tap('已阅')
      await mp.waitForText(/已阅 · 县财政局 黄志强/)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
