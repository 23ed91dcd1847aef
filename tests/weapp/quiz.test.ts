/**
 * 廉政知识竞赛 in the mini-program: an employee opens 首页 → 知识竞赛 → 开始答题, answers one question at a
 * time, 交卷, and reads the score the server computed and their row on the leaderboard; an open paper
 * resumes with its choices kept on the device; 练习 shows the explanation right after a choice.
 */
import { hasClass, textOf, type MiniProgram } from './runner/miniProgram'
import { apiAs, signIn, recordSetData, tapCell, tapClass } from './support/flows'
import { openTestQuiz } from './support/quiz'
import { shanghaiDate, shanghaiDateAfterDays } from '../../src/models/shanghaiTime'
import { idOf } from '../api/support/testApp'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(240_000)

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the server's own shapes (tests/api checks them)
type Json = any
const EMPLOYEE = 'demo-employee-private'
const TITLE = '廉政知识竞赛（运行测试）'

/** Taps a button of the 竞赛 card titled TITLE (the demo's own 竞赛 may be listed beside it). */
async function tapOnCard(mp: MiniProgram, label: string) {
  await mp.waitForText(label)
  const card = mp.findAll((n) => hasClass(n, 'quiz-card') && textOf(n).includes(TITLE))[0]
  const button = card && mp.closestChild(card, (n) => textOf(n).trim() === label)
  if (!button) throw new Error(`no ${label} on the card of ${TITLE}: ${mp.text().slice(0, 1500)}`)
  await mp.tap(button)
}

/** The option rows of the question shown, as the user sees them. */
const options = (mp: MiniProgram) => mp.findAll((n) => hasClass(n, 'quiz-option'))

describe('知识竞赛 in the mini-program', () => {
  let server: WeappServer
  let quizId = 0
  const api = async (openid: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    (await apiAs(server, openid, method, url, payload)) as Json

  beforeAll(async () => {
    server = await startWeappServer()
    quizId = await openTestQuiz(api, TITLE)
  })
  afterAll(async () => {
    await server.close()
  })

  const walk = async (openid: string, steps: (mp: MiniProgram) => Promise<void>) => {
    const mp = await signIn(server, openid)
    try {
      await steps(mp)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  }

  it('首页 → 知识竞赛 → 开始答题 → 交卷: the result shows the server’s score, the leaderboard my row', async () => {
    let paperId = 0
    await walk(EMPLOYEE, async (mp) => {
      await tapCell(mp, '知识竞赛')
      await mp.waitForRoute('packages/quiz/pages/list/index')
      await mp.waitForText(
        /廉政知识竞赛（运行测试）\s*进行中.*每卷5题 · 限时10分钟 · 每天2次.*今日还可答 2 次 · 尚无成绩/,
      )
      await tapOnCard(mp, '开始答题')
      await mp.waitForRoute('packages/quiz/pages/paper/index')
      await mp.waitForText(/剩余 (10:00|09:\d\d)/)
      paperId = Number(mp.current().instance.options.id)
      // No answer is on the page before hand-in.
      expect(mp.text()).not.toMatch(/解析|正确答案|出处/)
      for (let i = 1; i <= 5; i++) {
        await mp.waitForText(new RegExp(`第 ${i}/5 题`))
        // Question 4 is left blank: 交卷 names it.
        if (i !== 4) await mp.tap(options(mp)[0])
        if (i < 5) await mp.tap('下一题')
      }
      await mp.waitForText('答题卡 · 已答 4/5')
      await mp.tap('交卷')
      expect(mp.device.modals.at(-1)?.content).toMatch(/第 4 题未作答/)
      await mp.waitForRoute('packages/quiz/pages/result/index')
      const paper = await api(EMPLOYEE, 'GET', `/api/v1/quiz-papers/${paperId}`)
      expect(paper.status).toBe('submitted')
      const { score, right } = paper.result
      await mp.waitForText(new RegExp(`${score}\\s*答对 ${right}/5 题.*已交卷`))
      await mp.waitForText(
        /回答(正确|错误) · 正确答案 [A-D]+ · 你的答案 ([A-D]+|未作答).*解析：.*出处：(总体要求|任务\d+|实施步骤|工作要求) · /,
      )
      await mp.waitForText('再答一次')
      await mp.tap('排行榜')
      await mp.waitForRoute('packages/quiz/pages/leaderboard/index')
      await mp.waitForText(new RegExp(`1\\s*王小军（我）\\s*用时 .*${score} 分`))
      const mine = mp.findAll((n) => hasClass(n, 'quiz-rank--me'))
      expect(mine.map(textOf).join('')).toContain('王小军（我）')
      await mp.tap('全县')
      await mp.waitForText(/县恒达食品有限公司\s*1 人参加/)
    })
  })

  it('a 监管员 picks one of the enterprises it supervises on 排行榜 本企业 and reads its board', async () => {
    await walk('demo-supervisor-united', async (mp) => {
      await tapCell(mp, '知识竞赛')
      await mp.waitForRoute('packages/quiz/pages/list/index')
      await tapOnCard(mp, '排行榜')
      await mp.waitForRoute('packages/quiz/pages/leaderboard/index')
      await mp.waitForText(/县恒达食品有限公司\s*1 人参加/)
      const before = mp.device.exchanges.length
      await mp.tap('本企业')
      // None chosen: a prompt and the enterprises it supervises (not another department's).
      await mp.waitForText(/请选择要查看的企业.*县恒达食品有限公司.*县顺通物流有限公司/)
      expect(mp.text()).not.toMatch(/不属于任何企业|县城市建设投资集团有限公司/)
      await mp.input('搜索企业名称', '恒达')
      await mp.waitForText('县恒达食品有限公司')
      expect(mp.text()).not.toMatch(/县顺通物流有限公司/)
      // Searched and paged on the server (a county's 2,000 enterprises are not sent to the phone to filter).
      const asked = mp.device.exchanges.slice(before).map((e) => e.path)
      expect(asked).toContain('/api/v1/supervision/enterprises')
      expect(asked).not.toContain('/api/v1/enterprises')
      await tapClass(mp, 'quiz-pick__option', /县恒达食品有限公司/)
      await mp.waitForText(/县恒达食品有限公司\s*更换企业.*1\s*王小军\s*用时 .* \d+ 分/)
      await mp.tap('更换企业')
      await mp.waitForText('请选择要查看的企业')
    })
  })

  it('an open paper resumes: 继续答题 brings back the choices kept on the device', async () => {
    await walk(EMPLOYEE, async (mp) => {
      await tapCell(mp, '知识竞赛')
      await mp.waitForRoute('packages/quiz/pages/list/index')
      await mp.waitForText(/今日还可答 1 次 · 最好成绩 \d+ 分/)
      await tapOnCard(mp, '开始答题')
      await mp.waitForRoute('packages/quiz/pages/paper/index')
      await mp.waitForText('第 1/5 题')
      await mp.tap(options(mp)[1])
      const scrolled = mp.device.pageScrolls.length
      await mp.tap('下一题')
      await mp.waitForText('第 2/5 题')
      // The next question opens at the top of the page (its stem and the countdown), not where 下一题 was.
      expect(mp.device.pageScrolls.slice(scrolled)).toEqual([{ scrollTop: 0, selector: undefined }])
      await mp.tap(options(mp)[0])
      await mp.waitForText('答题卡 · 已答 2/5')
      await mp.back()
      await mp.waitForRoute('packages/quiz/pages/list/index')
      await mp.waitForText('继续答题')
      await tapOnCard(mp, '继续答题')
      await mp.waitForRoute('packages/quiz/pages/paper/index')
      await mp.waitForText('答题卡 · 已答 2/5')
      const chosen = mp.findAll((n) => hasClass(n, 'quiz-option--chosen'))
      expect(chosen.map(textOf).join('')).toMatch(/^B\. /)
      // The 答题卡 jumps to question 2, whose choice is kept too.
      await tapClass(mp, 'quiz-sheet__cell', /^2$/)
      await mp.waitForText('第 2/5 题')
      expect(
        mp
          .findAll((n) => hasClass(n, 'quiz-option--chosen'))
          .map(textOf)
          .join(''),
      ).toMatch(/^A\. /)
    })
  })

  it('练习 shows the answer and its explanation right after a choice, and writes nothing', async () => {
    await walk(EMPLOYEE, async (mp) => {
      await tapCell(mp, '知识竞赛')
      await mp.waitForRoute('packages/quiz/pages/list/index')
      await mp.tap('任务11')
      await mp.tap('开始练习')
      await mp.waitForRoute('packages/quiz/pages/practice/index')
      await mp.waitForText(/练习 · 任务11.*第 1\/\d+ 题/)
      expect(mp.text()).not.toMatch(/解析：/)
      const first = options(mp)[0]
      await mp.tap(first)
      if (!/解析：/.test(mp.text())) await mp.tap('确认答案') // a 多选 waits for 确认
      await mp.waitForText(/回答(正确|错误) · 正确答案 [A-F]+.*解析：.*出处：任务11/)
      const scrolled = mp.device.pageScrolls.length
      await mp.tap('下一题')
      await mp.waitForText(/第 2\/\d+ 题/)
      expect(mp.device.pageScrolls.slice(scrolled)).toEqual([{ scrollTop: 0, selector: undefined }])
    })
    const board = await api(EMPLOYEE, 'GET', `/api/v1/quizzes/${quizId}`)
    expect(board.mine.attemptsToday).toBe(2)
  })

  it('任务’s 参加 to-do opens 知识竞赛', async () => {
    await walk('demo-liaison-private', async (mp) => {
      await mp.switchTab('pages/tasks/index')
      await mp.tap(`参加「${TITLE}」`)
      await mp.waitForRoute('packages/quiz/pages/list/index')
      await mp.waitForText(/今日还可答 2 次 · 尚无成绩.*开始答题/)
    })
  })

  it('交卷 without signal waits in the outbox, says so, and opens the result once delivered', async () => {
    await walk('demo-liaison-private', async (mp) => {
      await tapCell(mp, '知识竞赛')
      await mp.waitForRoute('packages/quiz/pages/list/index')
      await tapOnCard(mp, '开始答题')
      await mp.waitForRoute('packages/quiz/pages/paper/index')
      await mp.waitForText('第 1/5 题')
      await mp.tap(options(mp)[0])
      mp.device.online = false
      await mp.tap('交卷')
      await mp.waitForText('交卷已保存在本机，联网后自动提交', 15_000)
      expect(mp.currentRoute()).toBe('packages/quiz/pages/paper/index')
      mp.device.online = true
      // The outbox sends it again on its own (backoff timer): the result opens when it lands.
      await mp.waitForRoute('packages/quiz/pages/result/index', 30_000)
      await mp.waitForText(/答对 \d\/5 题.*已交卷/)
    })
  })

  it('a 监管员 exports a 竞赛’s results from its card (their enterprises), as the office does from 管理', async () => {
    await walk('demo-supervisor-united', async (mp) => {
      await tapCell(mp, '知识竞赛')
      await mp.waitForRoute('packages/quiz/pages/list/index')
      await tapOnCard(mp, '导出成绩')
      expect(mp.device.openedDocuments).toHaveLength(1)
      const workbook = mp.device.files.get(mp.device.openedDocuments[0])!
      expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK')
    })
    // An employee has no such button.
    await walk(EMPLOYEE, async (mp) => {
      await tapCell(mp, '知识竞赛')
      await mp.waitForText(TITLE)
      expect(mp.text()).not.toMatch(/导出成绩/)
    })
  })

  it('a paper started before 提前结束 can still be handed in: the ended 竞赛’s card offers 继续答题', async () => {
    const title = '廉政知识竞赛（运行测试·提前结束）'
    const ended = (await api('demo-office', 'POST', '/api/v1/quizzes', {
      title,
      description: null,
      startsOn: shanghaiDate(Date.now()),
      endsOn: shanghaiDateAfterDays(Date.now(), 14),
      questionCount: 5,
      timeLimitMinutes: 10,
      attemptsPerDay: 2,
    })) as { id: number }
    const enterpriseId = await idOf(server.test.app, 'enterprises', '县恒达食品有限公司')
    const paper = await api(EMPLOYEE, 'POST', `/api/v1/quizzes/${ended.id}/papers`, { enterpriseId })
    await api('demo-office', 'POST', `/api/v1/quizzes/${ended.id}/close`)
    await walk(EMPLOYEE, async (mp) => {
      await tapCell(mp, '知识竞赛')
      await mp.waitForRoute('packages/quiz/pages/list/index')
      await mp.waitForText(title)
      const card = mp.findAll((n) => hasClass(n, 'quiz-card') && textOf(n).includes(title))[0]
      expect(textOf(card)).toMatch(/已结束.*继续答题/)
      await mp.tap(mp.closestChild(card, (n) => textOf(n).trim() === '继续答题')!)
      await mp.waitForRoute('packages/quiz/pages/paper/index')
      await mp.waitForText(new RegExp(`${title}.*第 1/5 题`))
    })
    expect(paper.status).toBe('open')
  })
})
