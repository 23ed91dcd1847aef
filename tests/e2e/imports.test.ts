import fs from 'node:fs'
import JSZip from 'jszip'
import type { Browser } from 'playwright-core'
import { creditCode, enterpriseRow, workbook } from '../api/support/importFiles'
import {
  confirmModal,
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  visibleText as text,
  type RunningServer,
  demoLogin,
} from './support/harness'

/**
 * 企业批量导入 in the H5 app: 覃秀 (领导小组办公室) goes from 监管部门 to 从 Excel 导入企业, downloads the
 * template, picks the filled workbook with the browser's file dialog, sees the refused row with its
 * reason, commits, and downloads the liaison invites (one page per new enterprise).
 */
jest.setTimeout(300_000)

describe('enterprise import in the H5 app', () => {
  let server: RunningServer
  let browser: Browser
  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('template → file dialog → check → commit → invites', async () => {
    const errors: string[] = []
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(page, server.baseUrl, '覃秀')
    await text(page, '监管部门', true).click()
    await text(page, '从 Excel 导入企业', true).click()
    await text(page, '第一步：下载模板').waitFor({ timeout: 15_000 })

    const [template] = await Promise.all([
      page.waitForEvent('download'),
      text(page, '下载导入模板', true).click(),
    ])
    expect(template.suggestedFilename()).toMatch(/-企业导入模板-\d{4}-\d{2}-\d{2}\.xlsx$/)

    const file = await workbook([
      enterpriseRow(4001),
      enterpriseRow(4002),
      enterpriseRow(4003, { 所有制: '外企' }),
    ])
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      text(page, '选择文件并上传', true).click(),
    ])
    await chooser.setFiles({
      name: '企业名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    })
    await text(page, '逐行结果').waitFor({ timeout: 60_000 })
    await text(page, '检查结果：企业名单.xlsx').waitFor()
    await text(page, '第4行 县第4003测试有限公司').waitFor()
    await text(page, '所有制“外企”无效', false).waitFor()
    await screenshot(page, 'imports-01-preview')

    const [result] = await Promise.all([
      page.waitForEvent('download'),
      text(page, '下载检查结果', true).click(),
    ])
    expect(result.suggestedFilename()).toMatch(/^企业名单-检查结果-\d{4}-\d{2}-\d{2}\.xlsx$/)

    await text(page, '确认导入', true).click()
    await confirmModal(page, '确定')
    await text(page, '已导入：新增 2 家', false).waitFor({ timeout: 60_000 })
    await screenshot(page, 'imports-02-committed')

    const [invites] = await Promise.all([
      page.waitForEvent('download'),
      text(page, '下载联络员邀请函', true).click(),
    ])
    const docx = await JSZip.loadAsync(fs.readFileSync((await invites.path())!))
    const xml = await docx.file('word/document.xml')!.async('string')
    expect(xml).toContain('县第4001测试有限公司')
    expect(xml).toContain(creditCode(4002))
    expect(xml).not.toContain('县第4003测试有限公司')
    expect(errors).toEqual([])
  })

  it('监管部门: the heading of the one-by-one list stands on its own line, below the 关联所选性质 button', async () => {
    const page = await newPhonePage(browser)
    await demoLogin(page, server.baseUrl, '覃秀')
    await text(page, '监管部门', true).click()
    await page.locator('.org-member', { hasText: '县委统战部' }).filter({ visible: true }).first().click()
    const button = text(page, '关联所选性质的全部企业', true)
    await button.waitFor({ timeout: 15_000 })
    const heading = text(page, '逐家关联或移除：', true)
    const [b, h] = [(await button.boundingBox())!, (await heading.boundingBox())!]
    await screenshot(page, 'imports-03-department')
    // found by the fresh-eyes walk: the heading ran on to the right of the button, on the same line
    expect(h.y).toBeGreaterThanOrEqual(b.y + b.height)
  })
})
