import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import type { Browser, Page } from 'playwright-core'
import {
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  type RunningServer,
  visible,
  visibleText,
  demoLogin,
  logout,
  confirmModal,
  samplePhotoPng,
} from './support/harness'

const $ = visible
const text = visibleText

/**
 * 三会一课 end to end, in the real H5 build served by the real server (demo data): 梁红梅 (支部书记,
 * 县恒达食品有限公司党支部) logs a 支委会 with two absentees and a photo, submits it, and the calendar
 * turns this month's 支委会 to 已完成; 韦丽萍 (监管员, 县委统战部) sees the branch has reported and opens
 * the record read-only; the record downloads as a .docx.
 */
jest.setTimeout(600_000)

const SECRETARY = '梁红梅'
const SUPERVISOR = '韦丽萍'
const BRANCH = '县恒达食品有限公司党支部'
const TOPIC = '学习《关于加强新时代廉洁文化建设的意见》，研究本月廉洁风险点排查'
// A 支委会 expects the committee (梁红梅、刘恒达、陈静): one of them away.
const ABSENT = { 刘恒达: '出差' }

/** 'YYYY-MM' of now in 北京时间: the month the calendar marks as current. */
function currentMonthKey(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
}

// ─── page helpers ───────────────────────────────────────────────────────────────────────────────

/** This month's cell of the 支委会 row. */
const committeeCell = (page: Page) =>
  $(page, `.pt-row--committee .pt-cell[data-period="${currentMonthKey()}"]`)

describe('三会一课 in the H5 app', () => {
  let server: RunningServer
  let browser: Browser
  let png: string
  let downloads: string
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-meeting-'))
    png = path.join(dir, '现场照片.png')
    downloads = dir
    fs.writeFileSync(png, samplePhotoPng())
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (downloads) fs.rmSync(downloads, { recursive: true, force: true })
  })

  let page: Page
  const errors: string[] = []
  async function shot(name: string) {
    await page.waitForTimeout(100)
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          '.taro_page.taro_page_show:not(.taro_page_stationed):not(.taro_tabbar_page)',
        ).length === 0 && document.getAnimations().every((a) => a.playState !== 'running'),
    )
    await page.waitForTimeout(100)
    await screenshot(page, `meetings-${name}`)
  }

  it('the secretary logs a 支委会 with two absentees and a photo, submits, and the month turns 已完成', async () => {
    page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    const base = server.baseUrl

    // ── 梁红梅: 首页 → 三会一课: the calendar, this month's 支委会 still 待开展 ──
    await demoLogin(page, base, SECRETARY)
    await text(page, '三会一课', true).click()
    await $(page, '.party-calendar__branch', BRANCH).waitFor({ timeout: 15_000 })
    await committeeCell(page).waitFor()
    expect(await committeeCell(page).getAttribute('data-status')).toBe('due')
    // The demo history: the earlier months of this year are done (from April on there are enough of them).
    if (Number(currentMonthKey().slice(5)) >= 4)
      expect(await page.locator('.pt-cell[data-status="done"]').count()).toBeGreaterThan(10)
    await shot('01-calendar-before')

    // ── ＋ 记录支委会: prefilled from the last 支委会; two absentees with reasons ──
    await $(page, '.pt-row--committee .pt-row__add').click()
    const placeInput = $(page, '.meeting-edit__place input')
    await placeInput.waitFor({ timeout: 15_000 })
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll<HTMLInputElement>('.meeting-edit__place input')).some(
          (i) => i.value === '公司党员活动室',
        ),
      undefined,
      { timeout: 15_000 },
    )
    expect(await $(page, '.meeting-edit__host input').inputValue()).toBe(SECRETARY)
    await $(page, '.meeting-edit__topic textarea').fill(TOPIC)
    for (const [name, reason] of Object.entries(ABSENT)) {
      const person = $(page, `.meeting-edit__person[data-member="${name}"]`)
      await person.locator('.meeting-edit__present').click()
      await person.locator('.meeting-edit__reason input').fill(reason)
    }
    await text(page, '应到 3 · 实到 2').waitFor()
    await $(page, '.meeting-edit__guests input').fill('县委统战部 韦丽萍')
    await $(page, '.meeting-edit__minutes textarea').fill(
      '会议传达学习了《关于加强新时代廉洁文化建设的意见》。\n与会委员结合分管工作逐一发言，查找廉洁风险点。',
    )
    await $(page, '.meeting-edit__decisions textarea').fill(
      '一、本月底前完成廉洁风险点排查；二、下月开展廉政主题党课。',
    )
    await $(page, `.meeting-edit__person[data-member="刘恒达"]`).scrollIntoViewIfNeeded()
    await shot('02-edit-absentees')

    // ── 保存草稿 → the record page: upload a 现场照片, then 提交 ──
    await $(page, '.meeting-edit__draft').click()
    await $(page, '.meeting-detail__status', '草稿').waitFor({ timeout: 20_000 })
    await text(page, '刘恒达（委员）：出差').waitFor()
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      $(page, '.meeting-detail__kind-photo .evidence-grid__add--photo').click(),
    ])
    await chooser.setFiles(png)
    await page
      .locator('.meeting-detail__kind-photo .evidence-grid__image')
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: 20_000 })
    await text(page, '现场照片（1）').waitFor()
    await $(page, '.meeting-detail__files').scrollIntoViewIfNeeded()
    await shot('03-detail-draft-photo')

    await $(page, '.meeting-detail__submit').click()
    await confirmModal(page, '提交')
    await $(page, '.meeting-detail__status', '已提交').waitFor({ timeout: 20_000 })
    // Let the 已提交 toast go, then show the top of the record.
    await page.waitForTimeout(1800)
    await $(page, '.meeting-detail__title').scrollIntoViewIfNeeded()
    await shot('04-detail-submitted')

    // ── 导出 Word: a real .docx holding the record ──
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      $(page, '.meeting-detail__docx').click(),
    ])
    const docx = path.join(downloads, 'record.docx')
    await download.saveAs(docx)
    expect(download.suggestedFilename()).toMatch(/党支部-支部委员会会议记录-\d{4}-\d{2}-\d{2}\.docx$/)
    const zip = await JSZip.loadAsync(fs.readFileSync(docx))
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
    for (const expected of [BRANCH, '支部委员会会议记录', TOPIC, '刘恒达（出差）', '现场照片'])
      expect(xml).toContain(expected)

    // ── back to the calendar: this month's 支委会 is 已完成 ──
    await page.goto(`${base}/#/packages/party/pages/calendar/index`)
    await $(page, '.party-calendar__branch', BRANCH).waitFor({ timeout: 15_000 })
    await page.waitForFunction(
      (key) =>
        Array.from(document.querySelectorAll(`.pt-row--committee .pt-cell[data-period="${key}"]`)).some(
          (c) => c.getAttribute('data-status') === 'done',
        ),
      currentMonthKey(),
      { timeout: 15_000 },
    )
    expect(await committeeCell(page).getAttribute('data-status')).toBe('done')
    await committeeCell(page).scrollIntoViewIfNeeded()
    await shot('05-calendar-after')
    await $(page, '.pt-meeting', TOPIC).scrollIntoViewIfNeeded()
    await shot('06-calendar-records')

    // ── 党员名册: the roll the calendar's 应到 comes from ──
    await $(page, '.nut-button', '党员名册').click()
    await $(page, '.party-roll__members').waitFor({ timeout: 15_000 })
    await text(page, '在册党员 8 人', false).waitFor()
    await shot('06b-roll')

    // ── 任务: what else falls due (shown when the month ends within 7 days) ──
    await page.goto(`${base}/#/pages/tasks/index`)
    await text(page, '扫码签到').waitFor({ timeout: 15_000 })
    await page.waitForTimeout(1000)
    await shot('07-tasks')

    // ── 韦丽萍: 三会一课监管 → the branch has reported this month → the record, read-only ──
    await logout(page, base)
    await demoLogin(page, base, SUPERVISOR)
    await text(page, '三会一课监管', true).click()
    const card = $(page, '.party-supervision__card', BRANCH)
    await card.waitFor({ timeout: 15_000 })
    await card.getByText(/本月已报送/).waitFor()
    await shot('08-supervision')
    await card.click()
    await $(page, '.party-calendar__branch', BRANCH).waitFor({ timeout: 15_000 })
    expect(await page.locator('.pt-row__add').filter({ visible: true }).count()).toBe(0)
    await $(page, '.pt-meeting', TOPIC).click()
    await $(page, '.meeting-detail__status', '已提交').waitFor({ timeout: 15_000 })
    await text(page, '只读：仅本支部书记和支委会成员可以修改。').waitFor()
    expect(await page.locator('.meeting-detail__edit').filter({ visible: true }).count()).toBe(0)
    await shot('09-supervisor-record-read-only')

    expect(errors).toEqual([])
  })
})
