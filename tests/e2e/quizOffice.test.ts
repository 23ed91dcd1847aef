import type { Browser, Page } from 'playwright-core'
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
 * 廉政知识竞赛, the office's side in the H5 app (task 11): 覃秀 (领导小组办公室) opens 知识竞赛管理 from 首页,
 * filters 题库 by 出处 and 停用, switches a question off and on, opens a built-in question (read-only),
 * adds a 多选题 (a wrong shape first shows its Chinese problem), opens a 竞赛 (the server lists it) and ends
 * it early. A screenshot at each step (390×844, artifacts/e2e/quiz-office-…).
 */
jest.setTimeout(300_000)

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the server's own shapes (tests/api checks them)
type Json = any

const TITLE = '2026年度廉政知识竞赛（端到端）'

describe('廉政知识竞赛: the office’s bank and 竞赛 in H5', () => {
  let server: RunningServer
  let browser: Browser
  let token = ''
  const api = async (method: 'GET' | 'POST', path: string, body?: object): Promise<Json> => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
    return response.json()
  }

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    const login = await fetch(`${server.baseUrl}/api/v1/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'demo-office' }),
    })
    token = ((await login.json()) as Json).token
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const card = (page: Page, code: string) => $(page, '.qo-card', code)

  it('题库 → 新增题目 → 新建竞赛 → 提前结束', async () => {
    const errors: string[] = []
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(page, server.baseUrl, '覃秀')
    await text(page, '知识竞赛管理', true).click()
    // the demo's own 竞赛, open
    await $(page, '.qo-quiz', '2026年度廉政知识竞赛').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-office-01-manage')

    await $(page, '.qo-actions .nut-button', '竞赛题库').click()
    await card(page, 'Q-G-01').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-office-02-bank')

    await $(page, '.qo-topics__item', '任务4').click()
    await page
      .locator('.qo-card', { hasText: 'Q-G-01' })
      .filter({ visible: true })
      .waitFor({ state: 'detached' })
    await card(page, 'Q-T04-01').waitFor()
    await settledScreenshot(page, 'quiz-office-03-bank-task4')
    await $(page, '.qo-topics__item', '全部出处').click()

    // 停用 a question, see it under 停用, then 启用 it again.
    await card(page, 'Q-T04-01').locator('.nut-switch').click()
    await $(page, '.qo-card', '已停用，不再抽题').waitFor({ timeout: 15_000 })
    await expect(api('GET', '/api/v1/quiz-questions?q=Q-T04-01')).resolves.toMatchObject({
      items: [{ code: 'Q-T04-01', active: false }],
    })
    await $(page, '.qo-states__item', '停用').click()
    await text(page, '题目（1）').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-office-04-bank-off')
    await card(page, 'Q-T04-01').locator('.nut-switch').click()
    await text(page, '没有符合条件的题目，换个条件试试。').waitFor({ timeout: 15_000 })
    await $(page, '.qo-states__item', '全部').click()
    await card(page, 'Q-T04-01').waitFor({ timeout: 15_000 })
    await expect(api('GET', '/api/v1/quiz-questions?q=Q-T04-01')).resolves.toMatchObject({
      items: [{ code: 'Q-T04-01', active: true }],
    })

    // A built-in question is read-only.
    await card(page, 'Q-G-01').locator('.qo-card__stem').click()
    await text(page, '内置题目出自实施方案原文，只能停用', false).waitFor({ timeout: 15_000 })
    expect(
      await page.locator('.page__body input, .page__body textarea').filter({ visible: true }).count(),
    ).toBe(0)
    await settledScreenshot(page, 'quiz-office-05-builtin-readonly')
    await page.goBack()

    // 新增题目: a 多选题 with one right answer first.
    await $(page, '.qo-actions .nut-button', '新增题目').click()
    await $(page, '.qo-kinds__item', '多选题').click()
    await $(page, 'textarea[placeholder="题干"]').fill('企业廉洁风险防控应覆盖哪些环节？')
    await $(page, 'input[placeholder="选项 A"]').fill('工程招标')
    await $(page, 'input[placeholder="选项 B"]').fill('物资采购')
    await $(page, 'input[placeholder="选项 C"]').fill('产权转让')
    await page.locator('.qo-option__remove').filter({ visible: true }).nth(3).click()
    await $(page, '.qo-option__mark', 'A').click()
    await $(page, 'textarea[placeholder^="答案的依据"]').fill(
      '任务7要求健全工程招标、物资采购、产权转让等廉洁风险点防范措施。',
    )
    await $(page, '.qo-kinds__item', '任务7').click()
    await $(page, 'textarea[placeholder^="摘录实施方案原文"]').fill('工程招标、物资采购、产权转让')
    await $(page, '.qo-form .nut-button', '新增题目').click()
    await text(page, '多选题至少两个正确答案').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-office-06-question-problem')
    await $(page, '.qo-option__mark', 'B').click()
    await $(page, '.qo-option__mark', 'C').click()
    await settledScreenshot(page, 'quiz-office-07-question-ready')
    await $(page, '.qo-form .nut-button', '新增题目').click()
    await card(page, 'Q-C-0001').waitFor({ timeout: 15_000 })
    await card(page, 'Q-C-0001').scrollIntoViewIfNeeded()
    await settledScreenshot(page, 'quiz-office-08-bank-new-question')

    // Enough questions for a paper of 5, whatever the shipped bank holds.
    for (let n = 1; n <= 5; n++)
      await api('POST', '/api/v1/quiz-questions', {
        kind: 'judge',
        stem: `测试判断题第${n}题：企业应建立廉洁风险防控机制。`,
        options: ['正确', '错误'],
        answer: [0],
        explanation: '见任务7。',
        source: { task: 7, phrase: '廉洁风险点防范措施' },
      })

    await page.goBack()
    await $(page, '.qo-actions .nut-button', '新建竞赛').click()
    await text(page, '竞赛名称').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-office-09-create')
    await $(page, 'input[placeholder^="如："]').fill(TITLE)
    await $(page, 'input[placeholder="每卷题数"]').fill('60')
    await $(page, '.qo-form .nut-button', '新建竞赛').click()
    await text(page, '每卷最多 50 题').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-office-10-create-problem')
    await $(page, 'input[placeholder="每卷题数"]').fill('5')
    await $(page, '.qo-form .nut-button', '新建竞赛').click()
    await $(page, '.qo-quiz', TITLE).waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-office-11-manage-open')
    const listed = await api('GET', '/api/v1/quizzes')
    expect(listed.items[0]).toMatchObject({ title: TITLE, questionCount: 5, state: 'open' })

    const mine = $(page, '.qo-quiz', TITLE)
    await mine.locator('.nut-button', { hasText: '提前结束' }).click()
    await settledScreenshot(page, 'quiz-office-12-close-confirm')
    await confirmModal(page, '提前结束')
    await mine.locator('.qo-tag--ended').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'quiz-office-13-manage-ended')
    const after = (await api('GET', '/api/v1/quizzes')).items
    expect(after.map((q: Json) => [q.title, q.state])).toEqual([
      [TITLE, 'ended'],
      ['2026年度廉政知识竞赛', 'open'],
    ])
    expect(errors).toEqual([])
  })
})
