import type { Browser } from 'playwright-core'
import {
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  visible as $,
  visibleText as text,
  type RunningServer,
  demoLogin,
} from './support/harness'

/**
 * The county's tools end to end in the H5 app: 覃秀 (领导小组办公室) opens a new 自查期次 and every
 * enterprise gets its assessment; 韦丽萍 (监管员) sends 县恒达食品有限公司 a 整改通知 and its liaison
 * 陈静 finds it among her 整改事项; 韦丽萍 opens the enterprise's page (企业详情) from 监管总览, sends another
 * 整改通知 from it and finds it there among its 整改 and in its 监管记录.
 */
jest.setTimeout(300_000)

describe('office and supervisor tools in the H5 app', () => {
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

    await demoLogin(page, server.baseUrl, '覃秀')
    await text(page, '自查期次', true).click()
    await text(page, '已发起的期次', true).waitFor({ timeout: 15_000 })
    await text(page, '2026年度清廉企业建设自查').waitFor({ timeout: 15_000 })

    // A name that is too short is refused on the phone with the schema's own message.
    await $(page, '.campaigns__name input').fill('一')
    await $(page, '.campaigns__submit').click()
    await expect($(page, '.campaigns__error').innerText()).resolves.toBe('期次名称至少2个字')

    await $(page, '.campaigns__name input').fill(NAME)
    await screenshot(page, 'supervision-01-campaign-form')
    await $(page, '.campaigns__submit').click()
    const created = $(page, '.campaigns__item', NAME)
    await created.waitFor({ timeout: 15_000 })
    await expect(created.innerText()).resolves.toContain('4 家企业')
    await screenshot(page, 'supervision-02-campaign-created')

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

  it('a supervisor sends a 整改通知 and the liaison finds it among her 整改事项', async () => {
    const errors: string[] = []
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    const TITLE = '廉洁风险点排查不全面（端到端）'

    await demoLogin(page, server.baseUrl, '韦丽萍')
    await text(page, '监管总览', true).click()
    const card = $(page, '.supervised', '县恒达食品有限公司')
    await card.waitFor({ timeout: 15_000 })
    await card.locator('.supervised__notice').click()
    await $(page, '.notice__title input').waitFor({ timeout: 15_000 })

    // Without the requirement the page says what is missing.
    await $(page, '.notice__title input').fill(TITLE)
    await $(page, '.notice__submit').click()
    await expect($(page, '.campaigns__error').innerText()).resolves.toBe('请填写整改要求（至少2个字）')
    await $(page, '.notice__detail textarea').fill(
      '请对照实施方案任务7补充排查物资采购、财务管理岗位的廉洁风险点。',
    )
    await screenshot(page, 'supervision-03-notice-form')
    await $(page, '.notice__submit').click()

    // Redirected to the enterprise's 整改事项, the notice among them.
    const item = $(page, '.rect-card', TITLE)
    await item.waitFor({ timeout: 15_000 })
    await expect(item.innerText()).resolves.toContain('整改通知')
    await screenshot(page, 'supervision-04-notice-sent')

    // 陈静 on her own phone.
    const liaison = await newPhonePage(browser)
    liaison.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(liaison, server.baseUrl, '陈静')
    await text(liaison, '整改事项', true).click()
    const mine = $(liaison, '.rect-card', TITLE)
    await mine.waitFor({ timeout: 15_000 })
    await mine.click()
    await text(liaison, '县委统战部下发整改通知').waitFor({ timeout: 15_000 })
    await text(liaison, '整改要求：请对照实施方案任务7').waitFor()
    await screenshot(liaison, 'supervision-05-liaison-sees-notice')
    expect(errors).toEqual([])
  })

  // 企业详情: after the notice above, it opens from 监管总览 and sends one more from there.
  it('a supervisor opens an enterprise’s page from 监管总览, sends a 整改通知 from it and finds it there', async () => {
    const errors: string[] = []
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    const TITLE = '廉洁风险点台账未更新（企业详情端到端）'

    await demoLogin(page, server.baseUrl, '韦丽萍')
    await text(page, '监管总览', true).click()
    await $(page, '.supervised', '县恒达食品有限公司').click()
    await $(page, '.ent-card__name', '县恒达食品有限公司').waitFor({ timeout: 15_000 })
    await text(page, '91450703MA5K23757D').waitFor()
    await $(page, '.ent-row', '2026年度清廉企业建设自查').waitFor()
    await $(page, '.ent-block', '县恒达食品有限公司党支部').waitFor()
    await screenshot(page, 'enterprise-01-page')

    await text(page, '下发整改通知', true).click()
    await $(page, '.notice__title input').fill(TITLE)
    await $(page, '.notice__detail textarea').fill('请按实施方案任务7更新廉洁风险点台账并报送。')
    await $(page, '.notice__submit').click()
    await $(page, '.rect-card', TITLE).waitFor({ timeout: 15_000 })

    // Back on the enterprise's page, reloaded on show: the notice is an open 整改 and a history entry.
    await page.goBack()
    const row = $(page, '.ent-row', TITLE)
    await row.waitFor({ timeout: 15_000 })
    await $(page, '.ent-history', TITLE).waitFor()
    await expect($(page, '.ent-history', TITLE).innerText()).resolves.toMatch(/下发整改通知[\s\S]*韦丽萍/)
    await $(page, '.ent-history', TITLE).scrollIntoViewIfNeeded()
    await screenshot(page, 'enterprise-02-history')
    await row.click()
    await text(page, '县委统战部下发整改通知').waitFor({ timeout: 15_000 })
    expect(errors).toEqual([])
  })
})
