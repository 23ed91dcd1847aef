import type { Browser, Page } from 'playwright-core'
import {
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  visible as $,
  visibleText as text,
  type RunningServer,
} from './support/harness'

/**
 * 自查期次 end to end: 覃秀 (领导小组办公室) opens a new campaign in the H5 app; every enterprise of the
 * demo county gets its assessment, and the liaison of one of them sees it in her list.
 */
jest.setTimeout(300_000)

async function login(page: Page, baseUrl: string, name: string) {
  await page.goto(`${baseUrl}/#/pages/login/index`)
  await text(page, name, true).waitFor({ timeout: 30_000 })
  await text(page, name, true).click()
  await text(page, '工作台').waitFor({ timeout: 15_000 })
}

describe('自查期次 in the H5 app', () => {
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

  it('the office opens a campaign for the whole county and a liaison finds it in 自查自评', async () => {
    const errors: string[] = []
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    const NAME = '2027年度清廉企业建设自查（端到端）'

    await login(page, server.baseUrl, '覃秀')
    await text(page, '自查期次', true).click()
    await text(page, '已发起的期次', true).waitFor({ timeout: 15_000 })
    await text(page, '2026年度清廉企业建设自查').waitFor({ timeout: 15_000 })

    // A name that is too short is refused on the phone with the schema's own message.
    await $(page, '.campaigns__name input').fill('一')
    await $(page, '.campaigns__submit').click()
    await expect($(page, '.campaigns__error').innerText()).resolves.toBe('期次名称至少2个字')

    await $(page, '.campaigns__name input').fill(NAME)
    await screenshot(page, 'campaigns-01-form')
    await $(page, '.campaigns__submit').click()
    const created = $(page, '.campaigns__item', NAME)
    await created.waitFor({ timeout: 15_000 })
    await expect(created.innerText()).resolves.toContain('4 家企业')
    await screenshot(page, 'campaigns-02-created')

    // 陈静 (联络员, 县恒达食品有限公司) has the new assessment, as a draft.
    const auth = await fetch(`${server.baseUrl}/api/v1/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'demo-liaison-private' }),
    })
    const { token, user } = (await auth.json()) as { token: string; user: { id: number } }
    expect(user.id).toBeGreaterThan(0)
    const me = await (
      await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json()
    const enterpriseId = me.memberships.find(
      (m: { organisationKind: string }) => m.organisationKind === 'enterprise',
    ).organisationId
    const list = await (
      await fetch(`${server.baseUrl}/api/v1/enterprises/${enterpriseId}/assessments`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()
    expect(JSON.stringify(list)).toContain(NAME)
    expect(errors).toEqual([])
  })
})
