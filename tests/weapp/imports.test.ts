/**
 * 企业批量导入 in the mini-program, as the county office's clerk does it: from 监管部门 to 批量导入, the
 * template opened in WeChat, the filled workbook picked from a chat (wx.chooseMessageFile), the check
 * with its refused row and reason, the result workbook, 确认导入, and the liaison invites document.
 */
import { creditCode, enterpriseRow, workbook } from '../api/support/importFiles'
import { recordSetData, signIn, tapCell } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('批量导入企业 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('template → pick the file from a chat → check → result → commit → invites', async () => {
    const mp = await signIn(server, 'demo-office')
    try {
      await tapCell(mp, '监管部门')
      await mp.waitForRoute('packages/org/pages/departments/index')
      await mp.tap('从 Excel 导入企业')
      await mp.waitForRoute('packages/org/pages/import/index')
      await mp.waitForText('下载导入模板')

      await mp.tap('下载导入模板')
      await mp.idle(300)
      expect(mp.device.openedDocuments).toHaveLength(1)

      // Nothing picked (the user backs out of the chat): nothing happens.
      await mp.tap('选择文件并上传')
      await mp.idle(200)
      expect(mp.text()).not.toMatch(/检查结果/)

      mp.device.messageFiles.push({
        name: '企业名单.xlsx',
        bytes: await workbook([
          enterpriseRow(3001),
          enterpriseRow(3002),
          enterpriseRow(3003, { 联络员手机: '110' }),
        ]),
      })
      await mp.tap('选择文件并上传')
      await mp.waitForText(/逐行结果/, 30_000)
      expect(mp.text()).toMatch(/2\s*新增.*1\s*拒绝/)
      expect(mp.text()).toMatch(/第4行 县第3003测试有限公司.*联络员手机“110”不是有效的手机号.*拒绝/)

      await mp.tap('下载检查结果')
      await mp.idle(300)
      expect(mp.device.openedDocuments).toHaveLength(2)

      await mp.tap('确认导入')
      await mp.waitForText(/已导入：新增 2 家/, 30_000)
      expect(mp.device.modals.at(-1)?.content).toMatch(/将新增 2 家/)
      expect(mp.device.toasts.map((t) => t.title).join()).toMatch(/导入完成：新增 2 家/)

      await mp.tap('下载联络员邀请函')
      await mp.idle(500)
      expect(mp.device.openedDocuments).toHaveLength(3)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
    const created = await server.test.app.db
      .selectFrom('enterprises')
      .select('credit_code')
      .where('credit_code', 'in', [creditCode(3001), creditCode(3002), creditCode(3003)])
      .execute()
    expect(created.map((e) => e.credit_code).sort()).toEqual([creditCode(3001), creditCode(3002)].sort())
  })
})
