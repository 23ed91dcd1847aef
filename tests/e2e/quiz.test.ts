import type { Browser } from 'playwright-core'
import { openTestQuiz } from '../weapp/support/quiz'
import {
  confirmModal,
  demoLogin,
  launchBrowser,
  newPhonePage,
  settledScreenshot,
  startServer,
  visible as $,
  visibleText as text,
  type RunningServer,
} from './support/harness'

/**
 * 廉政知识竞赛 end to end in the H5 app (task 11): the office opens a 竞赛 (by the API); 王小军 (职工, 县恒达食品有限公司)
 * opens 首页 → 知识竞赛 → 开始答题, answers one question at a time with the countdown running, leaves one
 * blank, 交卷 (the confirm names it), reads the score the server computed with each explanation, the
 * leaderboard with his row, and 练习 with the explanation after a choice. A screenshot at each step
 * (390×844, artifacts/e2e/quiz-…).
 */
jest.setTimeout(300_000)

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the server's own shapes (tests/api checks them)
type Json = any
const TITLE = '廉政知识竞赛（运行测试）'

describe('知识竞赛: list → paper → 交卷 → result → leaderboard → 练习', () => {
  let server: RunningServer
  let browser: Browser
  const tokens = new Map<string, string>()
  const api = async (
    openid: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ): Promise<Json> => {
    if (!tokens.has(openid)) {
      const auth = await fetch(`${server.baseUrl}/api/v1/auth/dev`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid }),
      })
      tokens.set(openid, ((await auth.json()) as { token: string }).token)
    }
    const res = await fetch(`${server.baseUrl}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(openid)}`,
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      body: payload ? JSON.stringify(payload) : undefined,
    })
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
    return res.json()
  }

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('an employee takes a 竞赛 and reads the server’s score, the leaderboard and 练习', async () => {
    await openTestQuiz(api, TITLE)
    const errors: string[] = []
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(page, server.baseUrl, '王小军')
    await text(page, '知识竞赛', true).click()
    await $(page, '.quiz-card', TITLE).waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-01-list')

    // The demo's own 竞赛 is listed too: this one's card.
    await $(page, '.quiz-card', TITLE).locator('.nut-button', { hasText: '开始答题' }).click()
    await $(page, '.quiz-question').waitFor({ timeout: 15_000 })
    await text(page, '第 1/5 题').waitFor()
    await settledScreenshot(page, 'quiz-02-paper-first')
    for (let i = 1; i <= 5; i++) {
      await text(page, `第 ${i}/5 题`).waitFor()
      if (i !== 3) await page.locator('.quiz-option').filter({ visible: true }).first().click()
      if (i === 2) await settledScreenshot(page, 'quiz-03-paper-chosen')
      if (i < 5) await $(page, '.quiz-nav .nut-button', '下一题').click()
    }
    await text(page, '答题卡 · 已答 4/5').waitFor()
    await settledScreenshot(page, 'quiz-04-paper-sheet')
    await $(page, '.quiz-nav .nut-button', '交卷').click()
    await text(page, '第 3 题未作答').waitFor({ timeout: 10_000 })
    await settledScreenshot(page, 'quiz-05-hand-in-confirm')
    await confirmModal(page, '交卷')

    await $(page, '.quiz-score').waitFor({ timeout: 15_000 })
    const quizzes = await api('demo-employee-private', 'GET', '/api/v1/quizzes')
    const quizId = quizzes.items.find((q: Json) => q.title === TITLE).id
    const paperId = Number(new URL(page.url().replace('#', '')).searchParams.get('id'))
    const paper = await api('demo-employee-private', 'GET', `/api/v1/quiz-papers/${paperId}`)
    expect(paper.quizId).toBe(quizId)
    await $(page, '.quiz-score__value', String(paper.result.score)).waitFor()
    await text(page, `答对 ${paper.result.right}/5 题`).waitFor()
    await settledScreenshot(page, 'quiz-06-result')
    await $(page, '.quiz-explain').first().scrollIntoViewIfNeeded()
    await settledScreenshot(page, 'quiz-07-result-explained')

    await $(page, '.quiz-nav .nut-button', '排行榜').click()
    await $(page, '.quiz-rank--me', '王小军（我）').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-08-leaderboard')
    await text(page, '全县', true).click()
    await $(page, '.quiz-rank--me', '县恒达食品有限公司').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-09-leaderboard-county')

    await page.goBack()
    await page.goBack()
    await $(page, '.quiz-card', TITLE).filter({ hasText: '最好成绩' }).waitFor({ timeout: 15_000 })
    await $(page, '.quiz-chips__item', '任务11').click()
    await $(page, '.quiz-practice .nut-button', '开始练习').click()
    await $(page, '.quiz-question').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-10-practice')
    await page.locator('.quiz-option').filter({ visible: true }).first().click()
    const confirm = $(page, '.quiz-nav .nut-button', '确认答案')
    if (await confirm.isVisible()) await confirm.click()
    await $(page, '.quiz-explain', '出处：任务11').waitFor({ timeout: 10_000 })
    await settledScreenshot(page, 'quiz-11-practice-explained')
    expect(errors).toEqual([])
  })
})
