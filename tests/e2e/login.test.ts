import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPhonePage, screenshot, startServer, type RunningServer } from './support/harness'

jest.setTimeout(120_000)

describe('demo login in the H5 app', () => {
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

  it('picks a demo user, lands on 首页 and sees that user’s organisation and role from the API', async () => {
    const page = await newPhonePage(browser)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))

    await page.goto(server.baseUrl + '/')
    await page.getByText('陈静').first().waitFor({ timeout: 30_000 })
    await page.getByText('联络员 · 县恒达食品有限公司').first().waitFor()
    const picker = await screenshot(page, '01-login-demo-picker')

    await page.getByText('陈静').first().click()
    // The picker itself names every organisation: wait for 首页 (its chunk downloads only now) to show them.
    await page.waitForFunction(
      () =>
        window.location.hash.includes('/pages/home/index') &&
        !document.body.innerText.includes('选择演示身份登录') &&
        document.body.innerText.includes('县恒达食品有限公司') &&
        document.body.innerText.includes('联络员'),
      undefined,
      { timeout: 30_000 },
    )
    const home = await screenshot(page, '02-home-organisations')

    // What the page shows came from the API for this user: the organisation and the role it holds.
    const body = await page.locator('body').innerText()
    expect(body).toContain('县恒达食品有限公司')
    expect(body).toContain('联络员')
    expect(body).not.toContain('县城市建设投资集团有限公司')
    expect(errors).toEqual([])
    for (const file of [picker, home]) expect(fs.statSync(file).size).toBeGreaterThan(10_000)
  })
})
