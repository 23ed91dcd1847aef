import type { Browser } from 'playwright-core'
import {
  confirmModal,
  demoLogin,
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  visible as $,
  visibleText as text,
  type RunningServer,
} from './support/harness'

/**
 * 示范点 end to end in the H5 app: 覃秀 (领导小组办公室) opens 示范选树 from 监管总览, starts a 示范点 round
 * and cancels it, starts another, proposes a 国企 and a 民企, compares them, chooses both and publishes the
 * 公示; its link opens in a browser that never signed in and lists the two names, and nothing else about them.
 */
jest.setTimeout(300_000)

describe('示范点 and its public 公示 in the H5 app', () => {
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

  it('the office marks a 示范点 and its 公示 opens without login', async () => {
    const errors: string[] = []
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))

    await demoLogin(page, server.baseUrl, '覃秀')
    await text(page, '监管总览', true).click()
    await $(page, '.supervision__exemplars').click()
    await text(page, '发起示范选树', true).waitFor({ timeout: 15_000 })
    await text(page, '国有企业、民营企业各选择1家').waitFor()
    // A first round started by mistake: cancelled (after a confirm), which frees the way for another.
    await $(page, '.ex-create').click()
    const round = $(page, '.ex-round', '示范点选树')
    await round.waitFor({ timeout: 15_000 })
    await round.click()
    await $(page, '.ex-cancel').click()
    await confirmModal(page, '取消评选')
    await text(page, '本轮评选已取消').waitFor({ timeout: 15_000 })
    await page.goBack()
    await $(page, '.ex-round', '已取消').waitFor({ timeout: 15_000 })

    await $(page, '.ex-create').click()
    await page.locator('.ex-round').filter({ visible: true }).nth(1).waitFor({ timeout: 15_000 })
    await screenshot(page, 'exemplars-01-rounds')
    await expect(round.innerText()).resolves.toContain('候选 0 家')
    await round.click()

    for (const q of ['城市建设', '恒达']) {
      const search = $(page, '.ex-propose__search input')
      await search.waitFor({ timeout: 15_000 })
      await search.fill(q)
      await search.press('Enter')
      await $(page, '.ex-propose__row', q).locator('.nut-button').click()
      await $(page, '.ex-cmp__name', q).waitFor({ timeout: 15_000 })
    }
    await text(page, '整改销号率', true).waitFor()
    await screenshot(page, 'exemplars-02-comparison')

    for (let i = 0; i < 2; i++) {
      await $(page, '.ex-choose', /^选定$/).click()
      await text(page, `已选定 ${i + 1} 家`).waitFor({ timeout: 15_000 })
    }
    await $(page, '.ex-publish .nut-button').click()
    await confirmModal(page, '发布')
    const link = $(page, '.ex-link')
    await link.waitFor({ timeout: 15_000 })
    const url = (await link.innerText()).trim()
    expect(url).toMatch(/exemplarNotice\/index\?code=/)
    await screenshot(page, 'exemplars-03-published')

    // A browser that never signed in: the 公示 opens, no login page.
    const stranger = await newPhonePage(browser)
    stranger.on('pageerror', (e) => errors.push(String(e)))
    await stranger.goto(url.replace(/^https?:\/\/[^/]+/, server.baseUrl))
    await $(stranger, '.ex-public__name', '县城市建设投资集团有限公司').waitFor({ timeout: 30_000 })
    await $(stranger, '.ex-public__name', '县恒达食品有限公司').waitFor()
    expect(stranger.url()).not.toContain('pages/login')
    const body = await $(stranger, '.exemplar-notice').innerText()
    expect(body).toContain('示范点公示')
    expect(body).not.toMatch(/总分|得分|信用代码|联络员/)
    await screenshot(stranger, 'exemplars-04-public-notice')
    expect(errors).toEqual([])
  })
})
