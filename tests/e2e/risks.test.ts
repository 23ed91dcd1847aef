import type { Browser, Page } from 'playwright-core'
import {
  confirmModal,
  demoLogin,
  launchBrowser,
  newPhonePage,
  settledScreenshot,
  startServer,
  tapTab,
  visible as $,
  visibleText as text,
  type RunningServer,
} from './support/harness'

/**
 * 廉洁风险点 end to end in the H5 app (issue 17): 陈静 (联络员, 县恒达食品有限公司) records two risk points and
 * reviews one up to 高; 韦丽萍 (监管员, 县委统战部) finds the 风险预警 in 任务 and in 工作清单, opens the risk and
 * raises a 整改 from it; 陈静 answers the 整改; 韦丽萍 核验 closes it; the risk shows 已整改 with 整改销号 in its
 * history. Then 监管总览's 廉洁风险点 section, the department's and the office's. A screenshot at each step
 * (390×844, artifacts/e2e/risks-…).
 */
jest.setTimeout(300_000)

const ENTERPRISE = '县恒达食品有限公司'
const POST = '采购部 · 原料供应商选择'
const OTHER_POST = '工程部 · 厂房改造招标'

/** Fills the 登记风险点 form: area, post, description, likelihood × impact, measures, owner, cycle. */
async function recordRisk(page: Page, risk: { area: string; post: string; grades: [string, string] }) {
  await $(page, '.risk-actions .nut-button', '登记风险点').click()
  await $(page, '.risk-form').waitFor({ timeout: 15_000 })
  const chips = page.locator('.risk-form .risk-chips').filter({ visible: true })
  await chips.nth(0).locator('.risk-chips__item', { hasText: risk.area }).click()
  await $(page, '.risk-form input[placeholder="如：采购部 · 供应商选择"]').fill(risk.post)
  const areas = page.locator('.risk-form textarea').filter({ visible: true })
  await areas.nth(0).fill(`${risk.post}环节存在利益输送、虚报价格的风险`)
  await chips.nth(1).locator('.risk-chips__item', { hasText: risk.grades[0] }).click()
  await chips.nth(2).locator('.risk-chips__item', { hasText: risk.grades[1] }).click()
  await areas.nth(1).fill('三方比价、采购与验收分离、每季度抽查合同')
  await $(page, '.risk-form input[placeholder="姓名或岗位"]').fill('王采购')
  await chips.nth(3).locator('.risk-chips__item', { hasText: '每季度' }).click()
}

describe('廉洁风险点: register → 预警 → 整改 → 核验 → 已整改', () => {
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

  it('a liaison’s 高 risk reaches the supervisor, becomes a 整改 and is closed', async () => {
    const errors: string[] = []
    const liaison = await newPhonePage(browser)
    liaison.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(liaison, server.baseUrl, '陈静')
    await text(liaison, '廉洁风险点', true).click()
    await $(liaison, '.risk-summary').waitFor({ timeout: 15_000 })
    await settledScreenshot(liaison, 'risks-01-register-empty')

    // Two risk points of 物资（服务）采购 (the longest area name, on 监管总览's bars below): at 中 and 低.
    await recordRisk(liaison, { area: '物资（服务）采购', post: POST, grades: ['中', '中'] })
    await settledScreenshot(liaison, 'risks-02-record-form')
    await $(liaison, '.risk-form .nut-button', '登记').click()
    await $(liaison, '.risk-card', POST).waitFor({ timeout: 15_000 })
    await recordRisk(liaison, { area: '物资（服务）采购', post: OTHER_POST, grades: ['低', '中'] })
    await $(liaison, '.risk-form .nut-button', '登记').click()
    await $(liaison, '.risk-card', OTHER_POST).waitFor({ timeout: 15_000 })
    await settledScreenshot(liaison, 'risks-03-register-two')

    // She reviews the first up to 高.
    await $(liaison, '.risk-card', POST).click()
    const review = $(liaison, '.risk-form', '提交复核')
    await review.waitFor({ timeout: 15_000 })
    await review.locator('textarea').fill('新增两家供应商未经比价即签约，风险上升')
    const grades = review.locator('.risk-chips')
    await grades.nth(0).locator('.risk-chips__item', { hasText: '高' }).click()
    await grades.nth(1).locator('.risk-chips__item', { hasText: '高' }).click()
    await review.scrollIntoViewIfNeeded()
    await settledScreenshot(liaison, 'risks-04-review-to-high')
    await review.locator('.nut-button', { hasText: '提交复核' }).click()
    await $(liaison, '.risk-level--high').first().waitFor({ timeout: 15_000 })
    const riskUrl = liaison.url()
    await settledScreenshot(liaison, 'risks-05-risk-high')

    // 韦丽萍: the alert in 任务 …
    const supervisor = await newPhonePage(browser)
    supervisor.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(supervisor, server.baseUrl, '韦丽萍')
    await tapTab(supervisor, '任务')
    const alert = $(supervisor, '.tasks__todo', `廉洁风险预警：物资（服务）采购 · ${POST}`)
    await alert.waitFor({ timeout: 15_000 })
    await expect(alert.innerText()).resolves.toContain(`${ENTERPRISE} · 风险等级高`)
    await settledScreenshot(supervisor, 'risks-06-supervisor-tasks')

    // … and in 工作清单 风险预警, whose row opens the risk.
    await supervisor.goto(`${server.baseUrl}/#/pages/home/index`)
    await text(supervisor, '工作清单', true).click()
    await $(supervisor, '.worklists__tabs .nut-tabs-titles-item', '风险预警').click()
    const row = $(supervisor, '.worklist-row', POST)
    await row.waitFor({ timeout: 15_000 })
    await expect(row.innerText()).resolves.toContain('风险等级：高')
    await settledScreenshot(supervisor, 'risks-07-worklist-alert')
    await row.locator('.nut-button', { hasText: '查看风险点' }).click()
    const rectify = $(supervisor, '.risk-form', '下发整改')
    await rectify.waitFor({ timeout: 15_000 })
    await rectify.locator('textarea').fill('对新增供应商补做三方比价，完善供应商准入审批')
    await rectify.scrollIntoViewIfNeeded()
    await settledScreenshot(supervisor, 'risks-08-raise-rectification')
    await rectify.locator('.nut-button', { hasText: '下发整改' }).click()
    await $(supervisor, '.nut-button', '查看整改事项').waitFor({ timeout: 15_000 })
    await settledScreenshot(supervisor, 'risks-09-risk-with-rectification')

    // 陈静 answers the 整改 from the risk's page.
    await liaison.goto(riskUrl)
    await liaison.reload()
    await $(liaison, '.nut-button', '查看整改事项').click()
    await $(liaison, '.rect-detail__form textarea').waitFor({ timeout: 15_000 })
    await $(liaison, '.rect-detail__form textarea').fill(
      '已对两家新增供应商补做三方比价，修订供应商准入审批制度',
    )
    await settledScreenshot(liaison, 'risks-10-liaison-answers')
    await $(liaison, '.a-actions .nut-button', '报送整改，提请核验').click()
    await $(liaison, '.rect-detail__label', '整改情况').waitFor({ timeout: 15_000 })

    // 韦丽萍 核验 and closes it; the risk is 已整改, 整改销号 in its history.
    await supervisor.reload()
    await $(supervisor, '.nut-button', '查看整改事项').click()
    await $(supervisor, '.a-actions .nut-button', '销号').click()
    await confirmModal(supervisor, '销号')
    await $(supervisor, '.rect-detail__tags', '已销号').waitFor({ timeout: 15_000 })
    await settledScreenshot(supervisor, 'risks-11-rectification-closed')
    await supervisor.goBack()
    await supervisor.reload()
    await $(supervisor, '.risk-status', '已整改').waitFor({ timeout: 15_000 })
    await settledScreenshot(supervisor, 'risks-12-risk-rectified')
    const history = $(supervisor, '.a-card', '整改销号')
    await history.scrollIntoViewIfNeeded()
    await settledScreenshot(supervisor, 'risks-13-risk-history')

    // 监管总览's 廉洁风险点: the department's, then the office's (by department too).
    await supervisor.goto(`${server.baseUrl}/#/pages/home/index`)
    await text(supervisor, '监管总览', true).click()
    const section = $(supervisor, '.sv-section', '廉洁风险点')
    await section.waitFor({ timeout: 15_000 })
    await section.scrollIntoViewIfNeeded()
    await settledScreenshot(supervisor, 'risks-14-overview-risks')

    const office = await newPhonePage(browser)
    office.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(office, server.baseUrl, '覃秀')
    await text(office, '监管总览', true).click()
    const officeSection = $(office, '.sv-section', '廉洁风险点')
    await officeSection.waitFor({ timeout: 15_000 })
    await officeSection.scrollIntoViewIfNeeded()
    const byDepartment = officeSection.locator('.sv-bars__row', { hasText: '县委统战部' })
    await byDepartment.scrollIntoViewIfNeeded()
    await expect(officeSection.locator('.sv-bars__row', { hasText: '县财政局' }).count()).resolves.toBe(0)
    await settledScreenshot(office, 'risks-15-office-overview-risks')
    expect(errors).toEqual([])
  })
})
