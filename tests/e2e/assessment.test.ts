import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { LEDGER_COLUMNS } from '../../server/features/supervision/ledger'
import type { Browser, Page } from 'playwright-core'
import {
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  type RunningServer,
  visible,
  visibleText,
  confirmModal,
  demoLogin,
  logout,
  samplePhotoPng,
} from './support/harness'

const $ = visible
const text = visibleText

/**
 * 自查自评 end to end, in the real H5 build served by the real server (demo data):
 * 陈静 (联络员, 县恒达食品有限公司) walks every applicable item and submits; 韦丽萍 (监管员, 县委统战部)
 * returns one item with a comment; 陈静 sees the comment, fixes the item and submits again.
 */
jest.setTimeout(600_000)

const LIAISON = '陈静'
const SUPERVISOR = '韦丽萍'
const ENTERPRISE = '县恒达食品有限公司'
const CAMPAIGN = '2026年度清廉企业建设自查'
const RETURN_COMMENT = '请补充说明制度已覆盖的范围，并上传修订后的制度文本'

// ─── page helpers ───────────────────────────────────────────────────────────────────────────────
/** The bottom action bar's button with exactly this text. */
function actionButton(page: Page, text: string | RegExp) {
  return $(page, '.a-actions .nut-button', text)
}

async function uploadPhoto(page: Page, file: string) {
  const cells = $(page, '.item-evidence .evidence-grid__cell:not(.evidence-grid__add)')
  const before = await cells.count()
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    $(page, '.item-evidence .evidence-grid__add--photo').click(),
  ])
  await chooser.setFiles(file)
  await page
    .locator(
      '.item-evidence .evidence-grid__cell:not(.evidence-grid__add):not(.evidence-grid__cell--uploading)',
    )
    .nth(before)
    .waitFor({ timeout: 15_000 })
}

describe('自查自评 in the H5 app', () => {
  let server: RunningServer
  let browser: Browser
  let png: string
  beforeAll(async () => {
    png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-files-')), '制度文件.png')
    fs.writeFileSync(png, samplePhotoPng())
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (png) fs.rmSync(path.dirname(png), { recursive: true, force: true })
  })

  let page: Page
  const errors: string[] = []
  const shots: string[] = []
  async function shot(name: string) {
    // Page transitions (slide-in) and progress bars animate: take the picture once they have settled.
    await page.waitForTimeout(100)
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          '.taro_page.taro_page_show:not(.taro_page_stationed):not(.taro_tabbar_page)',
        ).length === 0 && document.getAnimations().every((a) => a.playState !== 'running'),
    )
    await page.waitForTimeout(100)
    shots.push(await screenshot(page, `assessment-${name}`))
  }

  it('liaison answers every item and submits, supervisor returns one item, liaison fixes it and resubmits', async () => {
    page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    const base = server.baseUrl

    // ── 陈静: 任务 lists the open self-assessment; 首页 → 自查自评 → the campaign ──
    await demoLogin(page, base, LIAISON)
    await page.goto(`${base}/#/pages/tasks/index`)
    await text(page, '完成年度自查自评').waitFor({ timeout: 15_000 })
    await shot('01-tasks-open-assessment')

    await page.goto(`${base}/#/pages/home/index`)
    await text(page, '自查自评', true).click()
    await text(page, CAMPAIGN).waitFor({ timeout: 15_000 })
    await text(page, '已答 0/61').waitFor()
    await shot('02-list')

    await text(page, CAMPAIGN).click()
    await text(page, '各部分进度').waitFor()
    await shot('03-overview-draft')
    await actionButton(page, '开始作答').click()

    // ── every applicable item: mostly 是, a few 部分 / 否 with a note, one 不适用 with a reason ──
    const total = 61
    let partialCode = ''
    let evidenceUploads = 0
    for (let i = 0; i < total; i++) {
      const editor = $(page, '.item-editor')
      await editor.locator('.item-editor__position', { hasText: `第 ${i + 1} / ${total} 项` }).waitFor()
      const code = (await editor.locator('.item-editor__code').innerText()).trim()
      const value = i === 3 ? 'partial' : i === 10 || i === 30 ? 'no' : i === 20 ? 'na' : 'yes'
      await editor.locator(`.answer-option--${value}`).click()
      await editor.locator(`.answer-option--${value}.answer-option--selected`).waitFor()
      // Saved through the outbox at once: the badge turns to 已保存 once the server has it.
      await editor.locator('.item-sync--saved').waitFor({ timeout: 10_000 })
      if (value === 'partial') {
        partialCode = code
        await editor.locator('.item-editor__note textarea').fill('制度已建立，但尚未覆盖全部分支机构')
      }
      if (value === 'no') {
        await editor.locator('.item-editor__note textarea').fill('尚未开展，计划下季度落实')
      }
      if (value === 'na') {
        await editor.getByText('不适用理由').waitFor()
        await editor.getByText('选择“不适用”须说明理由，否则不能提交').waitFor()
        await editor
          .locator('.item-editor__reason textarea')
          .fill('本企业未设立该机构，相关业务由上级统一办理')
      }
      const required = (await editor.locator('.item-evidence--required').count()) > 0
      if (required && (value === 'yes' || value === 'partial')) {
        await uploadPhoto(page, png)
        evidenceUploads += 1
      }
      if (i === 3) {
        await text(page, '查看依据').click()
        await $(page, '.item-editor__basis').waitFor()
        await shot('04-item-partial-with-evidence')
      }
      if (i === 20) await shot('05-item-not-applicable-reason')
      if (i === 4) {
        // The item is in the address (下一项 replaced it there): a reload comes back to this item.
        await page.reload()
        await editor.locator('.item-editor__position', { hasText: `第 5 / ${total} 项` }).waitFor()
        await editor.locator('.answer-option--yes.answer-option--selected').waitFor()
        expect((await editor.locator('.item-editor__code').innerText()).trim()).toBe(code)
      }
      if (i < total - 1) await actionButton(page, '下一项').click()
      else await actionButton(page, '提交前检查').click()
    }
    expect(partialCode).not.toBe('')
    expect(evidenceUploads).toBeGreaterThan(0)

    // ── 提交前检查: nothing missing → 提交 → 自查结果 with a score per dimension ──
    await text(page, '检查通过').waitFor({ timeout: 15_000 })
    await text(page, '待处理 0 项').waitFor()
    await shot('06-review-ready')
    await actionButton(page, /^提交$/).click()
    await confirmModal(page, '提交')
    await text(page, '各部分得分').waitFor({ timeout: 20_000 })
    for (const label of ['清廉政治', '清廉经营', '清廉文化', '清廉监管', '规定动作'])
      await $(page, '.bars__label', label).waitFor()
    await $(page, '.status-tag', '已提交').waitFor()
    await text(page, '发现问题（3 项）').waitFor()
    await shot('07-result-scores')

    // ── 韦丽萍: 监管总览 → the enterprise → return one item with a comment ──
    await logout(page, base)
    await demoLogin(page, base, SUPERVISOR)
    await text(page, '监管总览').click()
    const card = $(page, '.supervised', ENTERPRISE)
    await card.waitFor({ timeout: 15_000 })
    await card.getByText('已提交').waitFor()
    await shot('08-supervision-overview')

    // 导出工作台账: the .xlsx the browser downloads has the submitted score of the enterprise.
    const [ledger] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      $(page, '.supervision__ledger').click(),
    ])
    expect(ledger.suggestedFilename()).toMatch(/-清廉企业建设工作台账.*-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const ledgerFile = path.join(os.tmpdir(), `ledger-${process.pid}.xlsx`)
    await ledger.saveAs(ledgerFile)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(ledgerFile)
    fs.rmSync(ledgerFile, { force: true })
    const ledgerRow = (workbook.getWorksheet('工作台账')!.getSheetValues() as unknown[][]).find(
      (r) => r?.[2] === ENTERPRISE,
    )
    // getSheetValues() rows start at index 1, as the columns do
    const column = (header: (typeof LEDGER_COLUMNS)[number]) => LEDGER_COLUMNS.indexOf(header) + 1
    expect(ledgerRow?.[column('自查状态')]).toBe('已提交')
    expect(Number(ledgerRow?.[column('综合得分')])).toBeGreaterThan(0)
    // The card opens the enterprise's page; its campaign row opens the review.
    await card.click()
    await $(page, '.ent-row', CAMPAIGN).click()
    const item = $(page, `#item-${partialCode}`)
    await item.waitFor({ timeout: 15_000 })
    await item.getByText('填写退回意见').click()
    await item.locator('textarea').fill(RETURN_COMMENT)
    await item.scrollIntoViewIfNeeded()
    await shot('09-supervisor-return-comment')
    await actionButton(page, '退回修改（1 项）').click()
    await confirmModal(page, '退回')
    await $(page, '.supervision-review__head .status-tag', '退回修改').waitFor({ timeout: 15_000 })
    await text(page, '办理记录').scrollIntoViewIfNeeded()
    await shot('10-supervisor-returned')

    // ── 陈静: the returned assessment with the comment; fix that item; resubmit ──
    await logout(page, base)
    await demoLogin(page, base, LIAISON)
    await page.goto(`${base}/#/pages/tasks/index`)
    await text(page, '自查被退回，请修改后重新提交').waitFor({ timeout: 15_000 })
    await shot('11-tasks-returned-first')
    await text(page, '自查被退回，请修改后重新提交').click()
    await text(page, '监管单位退回修改').waitFor({ timeout: 15_000 })
    await text(page, RETURN_COMMENT).waitFor()
    await shot('12-overview-returned-comment')

    await text(page, RETURN_COMMENT).click()
    const editor = $(page, '.item-editor')
    await editor.locator('.item-editor__code', { hasText: partialCode }).waitFor()
    await $(page, '.a-notice--returned', RETURN_COMMENT).waitFor()
    await editor.locator('.answer-option--yes').click()
    await editor
      .locator('.item-editor__note textarea')
      .fill('已修订制度并覆盖全部分支机构，附修订后的制度文本')
    await $(page, '.item-editor__question').click() // leaves the note field: the note is saved
    await uploadPhoto(page, png)
    await editor.locator('.item-sync--saved').waitFor({ timeout: 10_000 })
    await shot('13-item-fixed')

    await page.goBack()
    await text(page, '监管单位退回修改').waitFor()
    await actionButton(page, '提交前检查').click()
    await text(page, '检查通过').waitFor({ timeout: 15_000 })
    await actionButton(page, /^提交$/).click()
    await confirmModal(page, '提交')
    await text(page, '各部分得分').waitFor({ timeout: 20_000 })
    await $(page, '.status-tag', '已提交').waitFor()
    await text(page, '发现问题（2 项）').waitFor()
    await actionButton(page, '返回概览').click()
    await text(page, '修改后重新提交').waitFor({ timeout: 15_000 })
    await $(page, '.assessment-overview__head .status-tag', '已提交').waitFor()
    await text(page, '办理记录').scrollIntoViewIfNeeded()
    await shot('14-resubmitted-history')

    expect(errors).toEqual([])
  })

  it('整改: the liaison reports a finding with a photo, the supervisor closes it and accepts the assessment', async () => {
    const base = server.baseUrl
    // 陈静 is signed in, on the resubmitted assessment: its findings became 整改事项.
    await page.goto(`${base}/#/pages/home/index`)
    await text(page, '整改事项', true).click()
    await text(page, '未完成（3）').waitFor({ timeout: 15_000 })
    await shot('15-rectifications')
    await $(page, '.rect-card').click()
    await text(page, '报送整改情况').waitFor({ timeout: 15_000 })
    await $(page, '.rect-detail__form textarea').fill('已制定专项计划并完成整改，相关制度已印发执行')
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      $(page, '.rect-detail__form .evidence-grid__add--photo').click(),
    ])
    await chooser.setFiles(png)
    await $(page, '.rect-detail__form .evidence-grid__image').waitFor({ timeout: 15_000 })
    await shot('16-rectification-respond')
    await actionButton(page, '报送整改，提请核验').click()
    await $(page, '.rect-detail .status-tag', '待核验').waitFor({ timeout: 15_000 })
    await text(page, '整改情况').waitFor()

    await logout(page, base)
    await demoLogin(page, base, SUPERVISOR)
    await text(page, '监管总览').click()
    await $(page, '.supervised', ENTERPRISE).click()
    await $(page, '.ent-row', CAMPAIGN).click()
    // On the review page (监管总览's card has a 整改事项 link too: wait until it is out of sight).
    await $(page, '.supervision-review__head').waitFor({ timeout: 15_000 })
    await $(page, '.supervised').waitFor({ state: 'hidden' })
    await text(page, '整改事项', true).click()
    await $(page, '.rect-card', '待核验').click()
    await text(page, '核验意见').waitFor({ timeout: 15_000 })
    await $(page, '.evidence-grid__image').waitFor()
    await shot('17-rectification-verify')
    await actionButton(page, '销号').click()
    await confirmModal(page, '销号')
    await $(page, '.rect-detail .status-tag', '已销号').waitFor({ timeout: 15_000 })
    await text(page, '核验销号').waitFor()

    // Back to the assessment: accept it.
    await page.goBack()
    await page.goBack()
    await $(page, '.supervision-review__head .status-tag', '已提交').waitFor({ timeout: 15_000 })
    await actionButton(page, '通过').click()
    await confirmModal(page, '通过')
    await $(page, '.supervision-review__head .status-tag', '已通过').waitFor({ timeout: 15_000 })
    await text(page, '审核通过', true).waitFor()
    await $(page, '.supervision-review__head').scrollIntoViewIfNeeded()
    await shot('18-supervisor-accepted')

    expect(errors).toEqual([])
    for (const file of shots) expect(fs.statSync(file).size).toBeGreaterThan(10_000)
  })
})
