import type { Browser, Page } from 'playwright-core'
import { signInPayload } from '../../src/models/signInLink'
import {
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  type RunningServer,
  visible,
  visibleText,
  demoLogin,
  decodeQr,
} from './support/harness'

const $ = visible
const text = visibleText

/**
 * 活动扫码签到 end to end, in the real H5 build served by the real server (demo data):
 * 陈静 (联络员, 县恒达食品有限公司) opens the 廉政党课 event and creates a big-screen link; the big screen
 * (a second browser, no login) shows the rotating QR, which the test decodes from a screenshot with a real
 * decoder; 王小军 signs in with it through the H5 paste field → 签到成功, again → 已签到, with a code two
 * slots old → 二维码已过期; the big screen's count goes up.
 */
jest.setTimeout(600_000)

const LIAISON = '陈静'
const EMPLOYEE = '王小军'
const EVENT = '廉政主题党课：守纪律 讲规矩（演示）'

interface DisplayQr {
  payload: string
  slot: number
  attendance: { count: number }
}

describe('活动扫码签到 in the H5 app and on the big screen', () => {
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

  const errors: string[] = []
  async function shot(page: Page, name: string) {
    await page.waitForTimeout(100)
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          '.taro_page.taro_page_show:not(.taro_page_stationed):not(.taro_tabbar_page)',
        ).length === 0 && document.getAnimations().every((a) => a.playState !== 'running'),
    )
    await page.waitForTimeout(100)
    return screenshot(page, `events-${name}`)
  }

  async function displayQr(token: string): Promise<DisplayQr> {
    const res = await fetch(`${server.baseUrl}/api/v1/display/${token}/qr`)
    expect(res.status).toBe(200)
    return (await res.json()) as DisplayQr
  }

  async function submitPayload(page: Page, payload: string, expected: string) {
    const input = $(page, '.signin__input input')
    await input.fill(payload)
    await $(page, '.signin__submit').click()
    const title = $(page, '.signin__result-title')
    await title.waitFor({ timeout: 15_000 })
    await expect(title.innerText()).resolves.toBe(expected)
  }

  it('organiser shows the code on a big screen, an employee signs in with it', async () => {
    const base = server.baseUrl

    // A code as it is at the start (the organiser's own API): two slots old, it is refused below.
    const auth = await fetch(`${base}/api/v1/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'demo-liaison-private' }),
    })
    const { token: bearer } = (await auth.json()) as { token: string }
    const api = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } })
      expect(res.status).toBe(200)
      return (await res.json()) as T
    }
    const { events } = await api<{ events: { id: number; title: string }[] }>(
      '/api/v1/events?as=organiser&when=upcoming',
    )
    const eventId = events.find((e) => e.title === EVENT)?.id
    expect(eventId).toBeDefined()
    const old = await api<{ payload: string; slot: number }>(`/api/v1/events/${eventId}/qr`)

    // ── 陈静: 首页 → 我的活动 → the event → 生成大屏链接 ──
    const organiser = await newPhonePage(browser)
    organiser.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(organiser, base, LIAISON)
    await text(organiser, '我的活动', true).click()
    await text(organiser, EVENT).waitFor({ timeout: 15_000 })
    await text(organiser, '我组织的', true).waitFor()
    await shot(organiser, '01-list')
    await text(organiser, EVENT).click()
    await text(organiser, '大屏链接', true).waitFor({ timeout: 15_000 })
    await text(organiser, '生成大屏链接', true).click()
    const urlText = $(organiser, '.ev-link__url')
    await urlText.waitFor({ timeout: 15_000 })
    const screenUrl = (await urlText.innerText()).trim()
    expect(screenUrl).toMatch(/#\/packages\/events\/pages\/screen\/index\?token=[A-Za-z0-9_-]{32}$/)
    const token = screenUrl.split('token=')[1]
    await shot(organiser, '02-detail-organiser')

    // ── the big screen: a separate browser, no login ──
    const screenContext = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'zh-CN',
    })
    const screen = await screenContext.newPage()
    screen.on('pageerror', (e) => errors.push(String(e)))
    await screen.goto(screenUrl)
    await $(screen, '.screen__qr img').waitFor({ timeout: 30_000 })
    await text(screen, EVENT).waitFor()
    const countBefore = Number(await $(screen, '.screen__count').innerText())
    await screenshot(screen, 'events-03-screen')

    // ── 王小军 (another browser context): 首页 → 扫码签到 (H5: paste the code) ──
    const employee = await newPhonePage(browser)
    employee.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(employee, base, EMPLOYEE)
    await text(employee, '扫码签到', true).click()
    await $(employee, '.signin__input input').waitFor({ timeout: 15_000 })
    await shot(employee, '04-signin-paste')

    // ── the old code: accepted only in its slot and the next, so wait (usually no longer) for two changes ──
    for (;;) {
      const now = await displayQr(token)
      if (now.slot >= old.slot + 2) break
      await new Promise((r) => setTimeout(r, 1000))
    }
    await submitPayload(employee, old.payload, '二维码已过期')
    await shot(employee, '05-expired')

    // The code on the screen right now, read from its screenshot.
    const file = await screenshot(screen, 'events-06-screen-decoded')
    // The QR carries a link on the county's web address (WeChat's scanner opens it in the mini-program).
    const link = decodeQr(file)
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\?c=QL1\./)
    const payload = signInPayload(link)!
    const live = await displayQr(token)
    expect(payload.split('.').slice(0, 2)).toEqual(live.payload.split('.').slice(0, 2))

    // A browser that opens the link lands on the sign-in page, which signs in with it at once.
    await employee.goto(link)
    await text(employee, '签到成功').waitFor({ timeout: 20_000 })
    await shot(employee, '07-signed-in')

    await submitPayload(employee, link, '已签到')
    await expect($(employee, '.ev-result__detail').innerText()).resolves.toMatch(/您已于 .+ 签到/)
    await shot(employee, '08-already-signed-in')

    // ── the big screen's count goes up ──
    await screen.waitForFunction(
      (before) => Number(document.querySelector('.screen__count')?.textContent) === before + 1,
      countBefore,
      { timeout: 15_000 },
    )
    await screenshot(screen, 'events-09-screen-count-up')

    // Not a code of ours at all.
    await submitPayload(employee, 'https://example.com/not-a-sign-in-code', '无效二维码')

    // ── 陈静: the code on the phone (显示签到码) is a real, decodable QR with the count ──
    await organiser.bringToFront()
    await text(organiser, '显示签到码', true).click()
    await $(organiser, '.event-qr__code img').waitFor({ timeout: 15_000 })
    await organiser.waitForFunction(
      () => Number(document.querySelector('.event-qr__count')?.textContent) >= 1,
    )
    const qrFile = await shot(organiser, '10-organiser-qr')
    const organiserLink = decodeQr(qrFile)
    expect(signInPayload(organiserLink)?.split('.').slice(0, 2)).toEqual(payload.split('.').slice(0, 2))

    expect(errors).toEqual([])
  })

  it('the organiser reads 签到名单: 已签到 and 未签到, signs in an absentee (代签) from the list', async () => {
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(page, server.baseUrl, LIAISON)
    await text(page, '我的活动', true).click()
    await text(page, '我组织的', true).click()
    await text(page, EVENT).click()
    await $(page, '.event-organiser__list').waitFor({ timeout: 15_000 })
    // 签到 x / 应到 4 人，未签到 y 人 on the event page.
    await $(page, '.event-organiser', /应到 4 人，未签到 \d+ 人/).waitFor({ timeout: 15_000 })
    await shot(page, '14-detail-counts')

    await $(page, '.event-organiser__list').click()
    await $(page, '.ev-tabs__tab--absent').waitFor({ timeout: 15_000 })
    await $(page, '.ev-people, .a-empty').waitFor({ timeout: 15_000 })
    await shot(page, '15-attendance-signed')

    // 未签到: who of 县恒达食品有限公司 has not signed in; 刘恒达 among them.
    await $(page, '.ev-tabs__tab--absent').click()
    const absentee = $(page, '.ev-person', '刘恒达')
    await absentee.waitFor({ timeout: 15_000 })
    await expect(absentee.innerText()).resolves.toContain('县恒达食品有限公司')
    const before = await page.locator('.ev-person').filter({ visible: true }).count()
    await shot(page, '16-attendance-absent')

    // 代签 from the row: the dialog names the person and asks why.
    await absentee.locator('.ev-person__action').click()
    await text(page, '代签：刘恒达').waitFor({ timeout: 10_000 })
    await $(page, '.form-dialog__input input').fill('手机没电，现场核实')
    await shot(page, '17-proxy-dialog')
    await $(page, '.nut-dialog-footer-ok').click()
    await text(page, '已代签').waitFor({ timeout: 15_000 })
    await page.waitForFunction(
      (n) =>
        Array.from(document.querySelectorAll<HTMLElement>('.ev-person')).filter(
          (e) => e.offsetParent !== null,
        ).length ===
        n - 1,
      before,
      { timeout: 15_000 },
    )
    expect(await $(page, '.ev-people').innerText()).not.toContain('刘恒达')

    // 已签到: 刘恒达 with 代签人 陈静 and the reason.
    await $(page, '.ev-tabs__tab--signed').click()
    const signed = $(page, '.ev-person', '刘恒达')
    await signed.waitFor({ timeout: 15_000 })
    await expect(signed.innerText()).resolves.toContain('代签人：陈静（手机没电，现场核实）')
    await shot(page, '18-attendance-signed-proxy')
    expect(errors).toEqual([])
  })

  it('an organiser starts an event from the form and sees the enterprise’s 到会率', async () => {
    const base = server.baseUrl
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(page, base, LIAISON)
    await text(page, '我的活动', true).click()
    await text(page, '我组织的', true).click()
    await text(page, '发起活动', true).click()
    await $(page, '.ev-create__title input').waitFor({ timeout: 15_000 })

    // Without a name the form says so and nothing is sent.
    await $(page, '.ev-create__submit').click()
    await expect($(page, '.ev-create__error').innerText()).resolves.toBe('请填写活动名称（至少2个字）')

    // 活动类型 from the programme's list, with the task it comes from.
    await $(page, '.ev-create__kinds .ev-create__choice', '读廉政书').click()
    await text(page, '依据：实施方案任务11“开展读廉政书”').waitFor()
    await $(page, '.ev-create__title input').fill('读廉政书分享会（端到端）')
    await shot(page, '11-create-form')
    await $(page, '.ev-create__submit').click()

    // The new event's detail page, with the organiser's tools.
    await text(page, '读廉政书分享会（端到端）').waitFor({ timeout: 15_000 })
    await text(page, '显示签到码', true).waitFor()
    await shot(page, '12-created-detail')

    // 到会率 of 县恒达食品有限公司: the sign-in of the first test counts.
    await page.goBack()
    await text(page, '到会率', true).click()
    await text(page, '全部活动', true).waitFor({ timeout: 15_000 })
    await text(page, EVENT).waitFor()
    await expect($(page, '.ev-rate__total').innerText()).resolves.toMatch(/实到 [1-9]\d* 人次/)
    await shot(page, '13-attendance-rate')
    expect(errors).toEqual([])
  })
})
