import type { Browser, Page } from 'playwright-core'
import {
  confirmModal,
  demoLogin,
  launchBrowser,
  newPhonePage,
  screenshot,
  settledScreenshot,
  startServer,
  visible,
  visibleText,
  type RunningServer,
} from './support/harness'

const $ = visible
const text = visibleText

/**
 * Corrections of an event end to end in the H5 build: 陈静 (联络员) starts an event from the form, opens a
 * big-screen link for it, edits it (修改 → the same form, prefilled; the start moved five minutes later with the
 * picker) and sees the new time on its page and in 我的活动, then cancels it: 已取消 on its page, and the
 * big screen (no login) shows 活动已取消 and no code.
 */
jest.setTimeout(600_000)

const LIAISON = '陈静'
const TITLE = '廉政家访座谈会（更正演示）'

describe('修改活动 and 取消活动 in the H5 app', () => {
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
  const shot = (page: Page, name: string) => settledScreenshot(page, `corrections-${name}`)

  /** The text of the detail page's 活动时间 line. */
  const eventTime = (page: Page) => $(page, '.ev-line', '活动时间').locator('.ev-line__value').innerText()

  /**
   * Swipes one column of the open date picker (0 年, 1 月, 2 日, 3 时, 4 分) up by `rows` rows, as a
   * finger would: NutUI's roller listens to touch events.
   */
  async function swipeColumn(page: Page, column: number, rows: number) {
    await $(page, '.nut-popup .nut-pickerview-list').waitFor()
    await page.evaluate(
      async ({ column, rows }) => {
        const popup = Array.from(document.querySelectorAll<HTMLElement>('.nut-popup')).find((p) =>
          p.checkVisibility(),
        )!
        const list = popup.querySelectorAll<HTMLElement>('.nut-pickerview-list')[column]
        const indicator = popup.querySelector<HTMLElement>('.nut-pickerview-indicator')
        const height = indicator?.getBoundingClientRect().height || 36
        const box = list.getBoundingClientRect()
        const x = box.left + box.width / 2
        const fire = (type: string, y: number) => {
          const at = { clientX: x, clientY: y, pageX: x, pageY: y, screenX: x, screenY: y }
          const touch = new Touch({ identifier: 1, target: list, ...at })
          list.dispatchEvent(
            new TouchEvent(type, {
              touches: type === 'touchend' ? [] : [touch],
              changedTouches: [touch],
              bubbles: true,
              cancelable: true,
            }),
          )
        }
        // Slowly (about half a second), so the roller moves by exactly that much, without momentum.
        const pause = () => new Promise((resolve) => setTimeout(resolve, 60))
        const startY = box.top + box.height / 2
        fire('touchstart', startY)
        await pause()
        const steps = 8
        for (let i = 1; i <= steps; i++) {
          fire('touchmove', startY - (rows * height * i) / steps)
          await pause()
        }
        fire('touchend', startY - rows * height)
      },
      { column, rows },
    )
    await page.waitForTimeout(1200)
  }

  it('an organiser creates an event, edits its time, then cancels it; the big screen shows 已取消', async () => {
    const base = server.baseUrl
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(page, base, LIAISON)

    // ── 发起活动 ──
    await text(page, '我的活动', true).click()
    await text(page, '我组织的', true).click()
    await text(page, '发起活动', true).click()
    await $(page, '.ev-create__title input').waitFor({ timeout: 15_000 })
    await $(page, '.ev-create__kinds .ev-create__choice', '廉政家访').click()
    await $(page, '.ev-create__title input').fill(TITLE)
    await shot(page, '01-create')
    await $(page, '.ev-create__submit').click()
    await text(page, TITLE).waitFor({ timeout: 15_000 })
    await text(page, '显示签到码', true).waitFor()
    const before = await eventTime(page)
    await shot(page, '02-created')

    // A big-screen link, opened in a second browser (no login): it shows the code.
    await text(page, '生成大屏链接', true).click()
    const urlText = $(page, '.ev-link__url')
    await urlText.waitFor({ timeout: 15_000 })
    const screenUrl = (await urlText.innerText()).trim()
    const screenContext = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'zh-CN',
    })
    const screen = await screenContext.newPage()
    screen.on('pageerror', (e) => errors.push(String(e)))
    await screen.goto(screenUrl)
    await text(screen, TITLE).waitFor({ timeout: 30_000 })

    // ── 修改: the same form, prefilled; the start five minutes later (the end and the sign-in follow) ──
    // The minute column, not the hour's: a new event starts at the next full hour, and from 22:00 北京时间
    // that is 23 时, the hour column's last row (the hour could not move later).
    await $(page, '.event-organiser__edit').click()
    await $(page, '.ev-create__submit', '保存修改').waitFor({ timeout: 15_000 })
    await expect($(page, '.ev-create__title input').inputValue()).resolves.toBe(TITLE)
    await $(page, '.ev-create__time-startsAt').click()
    await text(page, '开始时间', true).waitFor()
    await swipeColumn(page, 4, 1)
    await shot(page, '03-edit-picker')
    // 确认: NutUI stops a roller still settling on the first tap and closes on the next.
    for (let tap = 0; tap < 3 && (await $(page, '.nut-picker-confirm-btn').count()); tap++) {
      await $(page, '.nut-picker-confirm-btn').click()
      await page.waitForTimeout(600)
    }
    await $(page, '.ev-create__title input').fill(`${TITLE}（改期）`)
    await shot(page, '04-edit-form')
    await $(page, '.ev-create__submit', '保存修改').click()

    // Back on the event's page: the new name and time.
    await text(page, `${TITLE}（改期）`).waitFor({ timeout: 15_000 })
    await page.waitForFunction(
      (old) =>
        Array.from(document.querySelectorAll('.ev-line')).some(
          (l) => l.textContent?.includes('活动时间') && !l.textContent.includes(old),
        ),
      before,
    )
    const after = await eventTime(page)
    const minuteOfDay = (s: string) => {
      const [, h, m] = /(\d{2}):(\d{2})\s*–/.exec(s) ?? []
      return Number(h) * 60 + Number(m)
    }
    expect((minuteOfDay(after) - minuteOfDay(before) + 1440) % 1440).toBe(5)
    await shot(page, '05-edited-detail')

    // …and in 我的活动.
    await page.goBack()
    await text(page, `${TITLE}（改期）`).waitFor({ timeout: 15_000 })
    await shot(page, '06-edited-list')

    // ── 取消活动 ──
    await text(page, `${TITLE}（改期）`).click()
    await text(page, '取消活动', true).click()
    await confirmModal(page, '取消活动')
    await $(page, '.ev-phase--cancelled').waitFor({ timeout: 15_000 })
    await expect($(page, '.ev-phase--cancelled').innerText()).resolves.toBe('已取消')
    expect(await text(page, '显示签到码', true).count()).toBe(0)
    await shot(page, '07-cancelled-detail')

    // The big screen: 活动已取消, no code.
    await text(screen, '活动已取消', true).waitFor({ timeout: 15_000 })
    expect(await screen.locator('.screen__qr').count()).toBe(0)
    await screenshot(screen, 'corrections-08-screen-cancelled')
    expect(errors).toEqual([])
  })
})
