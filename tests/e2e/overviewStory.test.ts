import type { Browser, Locator, Page } from 'playwright-core'
import {
  demoLogin,
  launchBrowser,
  newPhonePage,
  screenshot,
  settledScreenshot,
  startServer,
  tapTab,
  visible as $,
  visibleText as text,
  type RunningServer,
} from './support/harness'

/**
 * The county's story end to end in the H5 app (issue 16): 韦丽萍 (监管员, 县委统战部) opens 监管总览, sees
 * 三会一课 完成率 among the figures, drills from 整改逾期 to the enterprises behind it, opens 县顺通物流有限公司's
 * page (its earlier campaign's scores there too), goes to 工作清单 and sends its liaison a 催办; 周顺 (联络员)
 * finds the 催办 in 任务. A screenshot at each step (390×844). Then the browser's back never ends on a blank
 * page: back ×3 from 企业详情 (reached from 首页 → 监管总览 → a figure) lands on 首页, also after a reload
 * there, and a tab opened straight on a deep page (a link, a QR code) has 首页 beneath it.
 */
jest.setTimeout(300_000)

describe('监管总览 → drill-down → 企业详情 → 工作清单 催办 → 任务', () => {
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

  it('a supervisor drills from the overdue figure to one enterprise and urges it; the liaison sees it', async () => {
    const errors: string[] = []
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    const ENTERPRISE = '县顺通物流有限公司'
    const NOTE = '请于本周五前报送台账（端到端）'

    await demoLogin(page, server.baseUrl, '韦丽萍')
    await text(page, '监管总览', true).click()
    const overdue = $(page, '.supervision__count', '整改逾期')
    await overdue.waitFor({ timeout: 15_000 })
    await expect($(page, '.supervision__count-value--bad').innerText()).resolves.toBe('1')
    await $(page, '.sv-section', '三会一课完成率').waitFor()
    await settledScreenshot(page, 'story-01-overview')
    await $(page, '.sv-section', '三会一课完成率').scrollIntoViewIfNeeded()
    await settledScreenshot(page, 'story-02-overview-meetings')

    // The figure opens the list behind it: as many enterprises as it said, under its filter's chip.
    await overdue.click()
    await $(page, '.sv-chip--fixed', '已逾期').waitFor({ timeout: 15_000 })
    await expect($(page, '.sv-list__total').innerText()).resolves.toBe('企业（1）')
    // 上年度 (the demo's earlier campaign) to compare with.
    await $(page, '.sv-chip', '2025年度清廉企业建设自查').click()
    await $(page, '.a-heading__extra', '对比 2025年度清廉企业建设自查').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'story-03-overdue-list')

    await $(page, '.supervised', ENTERPRISE).click()
    await $(page, '.ent-card__name', ENTERPRISE).waitFor({ timeout: 15_000 })
    await $(page, '.ent-row', '2025年度清廉企业建设自查').waitFor()
    await settledScreenshot(page, 'story-04-enterprise')

    // 首页 → 工作清单 (the app reopened on 首页): 逾期整改 first, the enterprise's row with 催办.
    await page.goto(`${server.baseUrl}/#/pages/home/index`)
    await text(page, '工作清单', true).click()
    const row = $(page, '.worklist-row', ENTERPRISE)
    await row.waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'story-05-worklists')
    await row.locator('.worklist-row__urge').click()
    await $(page, '.form-dialog textarea').fill(NOTE)
    await settledScreenshot(page, 'story-06-urge-dialog')
    await text(page, '发送催办', true).click()
    await $(page, '.worklist-row__urge', '今日已催办').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'story-07-urged')

    // 周顺, the enterprise's liaison, on his own phone.
    const liaison = await newPhonePage(browser)
    liaison.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(liaison, server.baseUrl, '周顺')
    await tapTab(liaison, '任务')
    const todo = $(liaison, '.tasks__todo--urge', NOTE)
    await todo.waitFor({ timeout: 15_000 })
    await expect(todo.innerText()).resolves.toContain('县委统战部催办')
    await settledScreenshot(liaison, 'story-08-liaison-tasks')
    expect(errors).toEqual([])
  })

  const CITY = '县城市建设投资集团有限公司'
  /** 首页 is on screen, rendered (the greeting), not a blank or an empty page. */
  const onHome = async (page: Page) => {
    await text(page, '你好，覃秀').waitFor({ timeout: 15_000 })
    expect(page.url()).toContain('/pages/home/index')
  }
  const back = async (page: Page, urlPart: RegExp) => {
    const from = page.url()
    await page.goBack()
    await page.waitForURL(urlPart, { timeout: 15_000 }).catch((e: Error) => {
      throw new Error(`back from ${from} reached ${page.url()}, not ${urlPart}: ${e.message}`)
    })
  }

  const shownOrShot = async (page: Page, target: Locator, name: string) => {
    try {
      await target.waitFor({ timeout: 30_000 })
    } catch (e) {
      await screenshot(page, `${name}-not-shown`)
      throw e
    }
  }

  it('lands on 首页 after back ×3 from 企业详情, with and without a reload there', async () => {
    const errors: string[] = []
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(page, server.baseUrl, '覃秀')
    for (const reload of [false, true]) {
      await text(page, '监管总览', true).click()
      await page.waitForURL(/supervision\/pages\/overview\//, { timeout: 15_000 })
      // The second round: the pages of the first stay in the DOM, hidden; wait for the new one in front.
      await $(page, '.supervision__count', '整改逾期').click()
      await page.waitForURL(/supervision\/pages\/enterprises\//, { timeout: 15_000 })
      await page.waitForTimeout(500)
      await $(page, '.supervised', CITY).click()
      await $(page, '.ent-card__name', CITY).waitFor({ timeout: 15_000 })
      if (reload) {
        await page.reload()
        await $(page, '.ent-card__name', CITY).waitFor({ timeout: 30_000 })
      }
      // Once (in 1 of ~10 CI runs) the list had not shown CITY within 15 s of this back; the same allowance
      // as after the reload above, and a screenshot of what was on the screen if it still does not.
      await back(page, /supervision\/pages\/enterprises\//)
      await shownOrShot(page, $(page, '.supervised', CITY), `back-list-${reload ? 'reloaded' : 'kept'}`)
      await back(page, /supervision\/pages\/overview\//)
      await shownOrShot(
        page,
        $(page, '.supervision__count', '整改逾期'),
        `back-overview-${reload ? 'reloaded' : 'kept'}`,
      )
      await back(page, /pages\/home\/index/)
      await onHome(page)
    }
    await settledScreenshot(page, 'back-01-home-after-three')
    expect(errors).toEqual([])
  })

  it('puts 首页 beneath a deep page opened in a new tab', async () => {
    const page = await newPhonePage(browser)
    await demoLogin(page, server.baseUrl, '覃秀')
    // A second tab of the same browser (signed in), opened straight on 企业详情.
    const tab = await page.context().newPage()
    await tab.goto(`${server.baseUrl}/#/packages/supervision/pages/enterprise/index?enterpriseId=1`)
    await $(tab, '.ent-card__name', CITY).waitFor({ timeout: 30_000 })
    await back(tab, /pages\/home\/index/)
    await onHome(tab)
    await settledScreenshot(tab, 'back-02-home-beneath-link')
    // A reload there keeps the history as it is: one 首页 beneath, not another.
    await tab.goForward()
    await $(tab, '.ent-card__name', CITY).waitFor({ timeout: 15_000 })
    await tab.reload()
    await $(tab, '.ent-card__name', CITY).waitFor({ timeout: 30_000 })
    await back(tab, /pages\/home\/index/)
    await onHome(tab)
    expect(await tab.evaluate(() => history.length)).toBe(3)
  })
})
