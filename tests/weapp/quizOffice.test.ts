/**
 * 廉政知识竞赛, the office's side in the mini-program: 首页 → 知识竞赛管理 → 题库: filter by 出处 and 停用,
 * switch a question off and on, add a 多选题 (a wrong shape shows its Chinese problem first), a built-in
 * question opens read-only; then 新建竞赛 (the server lists it), 提前结束 it and 导出成绩.
 */
import { hasClass, textOf, type MiniProgram } from './runner/miniProgram'
import { apiAs, recordSetData, signIn, tapCell, tapClass } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(240_000)

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the server's own shapes (tests/api checks them)
type Json = any

/** Taps the 启用/停用 switch of the bank's card that shows `code`. */
async function switchOf(mp: MiniProgram, code: string): Promise<void> {
  const card = mp.findAll((n) => hasClass(n, 'qo-card') && textOf(n).includes(code))[0]
  if (!card) throw new Error(`no card ${code}: ${mp.text().slice(0, 1500)}`)
  const toggle = mp.closestChild(card, (n) => hasClass(n, 'nut-switch'))
  if (!toggle) throw new Error(`no switch on ${code}`)
  await mp.tap(toggle)
}

/** 首页 → 知识竞赛管理 → 新建竞赛. */
async function openCreate(mp: MiniProgram): Promise<void> {
  await tapCell(mp, '知识竞赛管理')
  await mp.waitForRoute('packages/quiz/pages/manage/index')
  await mp.tap('新建竞赛')
  await mp.waitForRoute('packages/quiz/pages/create/index')
}

describe('廉政知识竞赛: the office’s bank and 竞赛 in the mini-program', () => {
  let server: WeappServer
  const api = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    (await apiAs(server, 'demo-office', method, url, payload)) as Json
  const question = async (code: string) =>
    (await api('GET', `/api/v1/quiz-questions?q=${code}`)).items.find((q: Json) => q.code === code)

  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('题库: filters, 停用 and 启用, a new 多选题, a built-in question read-only', async () => {
    const mp = await signIn(server, 'demo-office')
    try {
      await tapCell(mp, '知识竞赛管理')
      await mp.waitForRoute('packages/quiz/pages/manage/index')
      await mp.waitForText(/题库中启用的题目 \d+ 道.*竞赛（0）.*还没有竞赛/)
      await mp.tap('竞赛题库')
      await mp.waitForRoute('packages/quiz/pages/bank/index')
      await mp.waitForText(/题目（\d+）.*Q-G-01.*Q-T04-01/)

      // 出处 任务4: only its questions
      await tapClass(mp, 'qo-topics__item', '任务4')
      await mp.waitForText(/Q-T04-01/)
      expect(mp.text()).not.toMatch(/Q-G-01/)
      await tapClass(mp, 'qo-topics__item', '全部出处')
      await mp.waitForText(/Q-G-01.*Q-T04-01/)

      // 停用 Q-T04-01: the server has it, and the 停用 filter lists it alone
      await switchOf(mp, 'Q-T04-01')
      await mp.waitForText(/Q-T04-01.*已停用，不再抽题/)
      expect((await question('Q-T04-01')).active).toBe(false)
      expect(mp.device.toasts.at(-1)?.title).toBe('已停用')
      await tapClass(mp, 'qo-states__item', '停用')
      await mp.waitForText(/题目（1）.*Q-T04-01/)
      expect(mp.text()).not.toMatch(/Q-G-01/)
      await switchOf(mp, 'Q-T04-01')
      await mp.waitForText(/题目（0）.*没有符合条件的题目/)
      expect((await question('Q-T04-01')).active).toBe(true)
      await tapClass(mp, 'qo-states__item', '全部')
      await mp.waitForText(/Q-T04-01.*已启用，可抽入试卷/)

      // a built-in question opens read-only: only 启用/停用
      await mp.tap('Q-G-01')
      await mp.waitForRoute('packages/quiz/pages/question/index')
      await mp.waitForText(/内置题目出自实施方案原文，只能停用.*停用此题.*清廉政治.*出处.*总体要求/)
      expect(mp.findAll((n) => n.tag === 'input' || n.tag === 'textarea')).toHaveLength(0)
      await mp.back()
      await mp.waitForRoute('packages/quiz/pages/bank/index')

      // 新增题目: a 多选题 with one right answer is refused with the shape's problem, then sent
      await mp.tap('新增题目')
      await mp.waitForRoute('packages/quiz/pages/question/index')
      await tapClass(mp, 'qo-kinds__item', '多选题')
      await mp.input('题干', '企业廉洁风险防控应覆盖哪些环节？')
      await mp.input('选项 A', '工程招标')
      await mp.input('选项 B', '物资采购')
      await mp.input('选项 C', '产权转让')
      await mp.tap('删除', 3) // the fourth option stays blank: remove it
      await mp.tap('A')
      await mp.input('答案的依据', '任务7要求健全工程招标、物资采购、产权转让等廉洁风险点防范措施。')
      await mp.input('摘录实施方案原文', '工程招标、物资采购、产权转让')
      await tapClass(mp, 'qo-kinds__item', '任务7')
      await mp.tap('新增题目')
      await mp.waitForText('多选题至少两个正确答案')
      expect(await question('Q-C-0001')).toBeUndefined()
      await mp.tap('B')
      await mp.tap('C')
      await mp.tap('新增题目')
      await mp.waitForRoute('packages/quiz/pages/bank/index')
      await mp.waitForText(/Q-C-0001.*多选题|多选题.*Q-C-0001/)
      expect(await question('Q-C-0001')).toMatchObject({
        kind: 'multiple',
        options: ['工程招标', '物资采购', '产权转让'],
        answer: [0, 1, 2],
        source: { task: 7, phrase: '工程招标、物资采购、产权转让' },
        builtIn: false,
        active: true,
      })
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('新建竞赛: the server lists it; 提前结束 ends it; 导出成绩 opens the workbook', async () => {
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
    const mp = await signIn(server, 'demo-office')
    try {
      await openCreate(mp)
      await mp.waitForText(/开始日期.*\d{4}年\d+月\d+日.*结束日期.*题库中启用的题目 \d+ 道/)
      await mp.input('如：2026年度廉政知识竞赛', '2026年度廉政知识竞赛（运行测试）')
      await mp.input('每卷题数', '60')
      await mp.tap('新建竞赛')
      await mp.waitForText('每卷最多 50 题')
      // With the shipped bank (70 questions) more than a paper's 50 are active, so 「不能多于启用的题目」 is
      // reached only by a county that switched most off: the unit test (quizOfficeForms) covers that rule.
      await mp.input('每卷题数', '5')
      await mp.tap('新建竞赛')
      await mp.waitForRoute('packages/quiz/pages/manage/index')
      await mp.waitForText(
        /竞赛（1）.*进行中.*2026年度廉政知识竞赛（运行测试）.*每卷 5 题 · 限时 15 分钟 · 每天可答 3 次/,
      )
      const listed = await api('GET', '/api/v1/quizzes')
      expect(listed.items).toEqual([
        expect.objectContaining({
          title: '2026年度廉政知识竞赛（运行测试）',
          questionCount: 5,
          timeLimitMinutes: 15,
          attemptsPerDay: 3,
          state: 'open',
        }),
      ])

      // 提前结束, asked first: 取消 keeps it open, 确定 ends it
      mp.device.modalAnswers.push(false)
      await mp.tap('提前结束')
      expect(mp.device.modals.at(-1)?.content).toMatch(/结束后不能再开始答题/)
      expect((await api('GET', '/api/v1/quizzes')).items[0].state).toBe('open')
      await mp.tap('提前结束')
      await mp.waitForText(/已结束.*2026年度廉政知识竞赛（运行测试）.*提前结束/)
      expect((await api('GET', '/api/v1/quizzes')).items[0]).toMatchObject({ state: 'ended' })

      // 导出成绩 opens the workbook as the other export buttons do (a document in the mini-program).
      await mp.tap('导出成绩')
      expect(mp.device.openedDocuments).toHaveLength(1)
      const workbook = mp.device.files.get(mp.device.openedDocuments[0])!
      // An .xlsx is a zip: its first bytes are PK.
      expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('新建竞赛 with most questions 停用: 每卷题数 starts at what is active, and the form as it opens is sent', async () => {
    // The county keeps 12 questions on (run last: the other tests need the bank as shipped).
    const keep = await server.test.app.db
      .selectFrom('quiz_questions')
      .select('id')
      .orderBy('id')
      .limit(12)
      .execute()
    await server.test.app.db
      .updateTable('quiz_questions')
      .set({ active: 0 })
      .where(
        'id',
        'not in',
        keep.map((r) => r.id),
      )
      .execute()
    const mp = await signIn(server, 'demo-office')
    try {
      await openCreate(mp)
      await mp.waitForText('题库中启用的题目 12 道；每卷 5–12 题')
      const count = mp.findAll((n) => n.tag === 'input' && n.attrs.placeholder === '每卷题数')[0]
      expect(count?.attrs.value).toBe('12')
      await mp.input('如：2026年度廉政知识竞赛', '2026年度廉政知识竞赛（题少）')
      await mp.tap('新建竞赛')
      await mp.waitForRoute('packages/quiz/pages/manage/index')
      await mp.waitForText(/2026年度廉政知识竞赛（题少）.*每卷 12 题/)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
