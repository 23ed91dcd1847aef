import { createTestApp, TEST_DB, call, loginAs, type TestApp } from './support/testApp'
import { race } from './support/races'
import { QUIZ_BANK } from '../../seeds/quiz/bank'
import { loadQuestionBank } from '../../server/features/quiz/questions'
import { PRACTICE_SIZE, type TQuestion } from '../../src/models/quiz'

/** 廉政知识竞赛: the bank (shipped and the county's own), 练习, and the office's 竞赛. */
describe(`廉政知识竞赛 bank and 竞赛 (${TEST_DB})`, () => {
  let t: TestApp
  // 10:00 北京时间 on 2026-12-04.
  const now = Date.parse('2026-12-04T02:00:00Z')
  let office: string
  let liaison: string
  let employee: string
  const question = (over: Record<string, unknown> = {}) => ({
    kind: 'single',
    stem: '本县清廉企业建设由哪个机构牵头？',
    options: ['县纪委监委', '县工商联', '县税务局'],
    answer: [0],
    explanation: '按实施方案，由县纪委监委牵头。',
    source: { task: 11, phrase: '廉政知识竞赛' },
    ...over,
  })
  const quiz = (over: Record<string, unknown> = {}) => ({
    title: '测试廉政知识竞赛',
    startsOn: '2026-12-01',
    endsOn: '2026-12-31',
    questionCount: 5,
    timeLimitMinutes: 10,
    attemptsPerDay: 2,
    ...over,
  })
  const allQuestions = async (filter = ''): Promise<TQuestion[]> => {
    const found: TQuestion[] = []
    for (let page = 1; ; page++) {
      const r = await call(t.app, office, {
        method: 'GET',
        url: `/api/v1/quiz-questions?pageSize=200&page=${page}${filter}`,
      })
      expect(r.statusCode).toBe(200)
      found.push(...r.json().items)
      if (found.length >= r.json().total) return found
    }
  }

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[office, liaison, employee] = await Promise.all(
      ['demo-office', 'demo-liaison-private', 'demo-employee-private'].map((o) => loginAs(t.app, o)),
    )
  })
  afterAll(() => t.close())

  it('loads every shipped question at start, built in and active', async () => {
    const codes = new Map((await allQuestions()).map((q) => [q.code, q]))
    for (const q of QUIZ_BANK) {
      expect(codes.get(q.code)).toMatchObject({ builtIn: true, active: true, stem: q.stem, answer: q.answer })
    }
  })

  it('keeps the county’s switch on a shipped question when the bank loads again, and re-adds a missing code', async () => {
    const shipped = (await allQuestions()).find((q) => q.code === QUIZ_BANK[0].code)!
    const off = await call(t.app, office, {
      method: 'PUT',
      url: `/api/v1/quiz-questions/${shipped.id}`,
      payload: { ...QUIZ_BANK[0], active: false },
    })
    expect(off.statusCode).toBe(200)
    expect(off.json()).toMatchObject({ active: false, builtIn: true })
    // A restart runs the same loader: nothing added, the switch kept.
    expect(await loadQuestionBank(t.app.db, QUIZ_BANK, now)).toBe(0)
    const again = (await allQuestions()).find((q) => q.code === QUIZ_BANK[0].code)!
    expect(again).toMatchObject({ id: shipped.id, active: false })
    const other = QUIZ_BANK[QUIZ_BANK.length - 1].code
    await t.app.db.deleteFrom('quiz_questions').where('code', '=', other).execute()
    expect(await loadQuestionBank(t.app.db, QUIZ_BANK, now)).toBe(1)
    expect((await allQuestions()).find((q) => q.code === other)).toMatchObject({
      builtIn: true,
      active: true,
    })
    await call(t.app, office, {
      method: 'PUT',
      url: `/api/v1/quiz-questions/${shipped.id}`,
      payload: { ...QUIZ_BANK[0], active: true },
    })
  })

  it('lets only the active switch of a shipped question change', async () => {
    const shipped = (await allQuestions()).find((q) => q.code === QUIZ_BANK[0].code)!
    const edited = await call(t.app, office, {
      method: 'PUT',
      url: `/api/v1/quiz-questions/${shipped.id}`,
      payload: { ...QUIZ_BANK[0], stem: `${QUIZ_BANK[0].stem}（改）`, active: true },
    })
    expect(edited.statusCode).toBe(409)
    expect(edited.json().error.code).toBe('QUESTION_BUILT_IN')
  })

  let own: TQuestion
  it('adds the office’s own questions under Q-C codes and refuses a malformed one with its problems', async () => {
    const first = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/quiz-questions',
      payload: question(),
    })
    expect(first.statusCode).toBe(201)
    own = first.json()
    expect(own).toMatchObject({ code: 'Q-C-0001', builtIn: false, active: true, source: { task: 11 } })
    const second = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/quiz-questions',
      payload: question({ kind: 'multiple', answer: [2, 0], stem: '以下哪些属于廉洁文化建设？' }),
    })
    expect(second.json()).toMatchObject({ code: 'Q-C-0002', answer: [0, 2] })

    const bad = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/quiz-questions',
      payload: question({ kind: 'judge', answer: [3] }),
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('QUESTION_INVALID')
    const problems = bad.json().error.fields.map((f: { message: string }) => f.message)
    expect(problems).toEqual(
      expect.arrayContaining(['判断题的选项应为「正确」「错误」', '正确答案不在选项中']),
    )
    const nul = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/quiz-questions',
      payload: question({ stem: '题干\u0000内容' }),
    })
    expect(nul.statusCode).toBe(400)
  })

  it('keeps the bank to the office', async () => {
    for (const token of [liaison, employee]) {
      expect((await call(t.app, token, { method: 'GET', url: '/api/v1/quiz-questions' })).statusCode).toBe(
        403,
      )
      const post = await call(t.app, token, {
        method: 'POST',
        url: '/api/v1/quiz-questions',
        payload: question(),
      })
      expect(post.statusCode).toBe(403)
      const put = await call(t.app, token, {
        method: 'PUT',
        url: `/api/v1/quiz-questions/${own.id}`,
        payload: { ...question(), active: false },
      })
      expect(put.statusCode).toBe(403)
    }
  })

  it('edits the county’s own question and filters the bank by task, state and words', async () => {
    const edited = await call(t.app, office, {
      method: 'PUT',
      url: `/api/v1/quiz-questions/${own.id}`,
      payload: { ...question({ stem: '本县清廉企业建设的试点名称叫什么？' }), active: false },
    })
    expect(edited.statusCode).toBe(200)
    expect(edited.json()).toMatchObject({
      stem: '本县清廉企业建设的试点名称叫什么？',
      active: false,
      code: 'Q-C-0001',
    })
    const off = await allQuestions('&active=false')
    expect(off.map((q) => q.id)).toContain(own.id)
    expect(off.every((q) => !q.active)).toBe(true)
    const task11 = await allQuestions('&task=11')
    expect(task11.length).toBeGreaterThanOrEqual(2)
    expect(task11.every((q) => q.source.task === 11)).toBe(true)
    const words = await allQuestions(`&q=${encodeURIComponent('试点名称')}`)
    expect(words.map((q) => q.id)).toEqual([own.id])
    const missing = await call(t.app, office, {
      method: 'PUT',
      url: '/api/v1/quiz-questions/987654',
      payload: { ...question(), active: true },
    })
    expect(missing.statusCode).toBe(404)
    const huge = await call(t.app, office, {
      method: 'PUT',
      url: `/api/v1/quiz-questions/${2 ** 31}`,
      payload: { ...question(), active: true },
    })
    expect([400, 404]).toContain(huge.statusCode)
  })

  it('practises on active questions with their answers, for anyone signed in, optionally by task', async () => {
    const r = await call(t.app, employee, { method: 'GET', url: '/api/v1/quiz/practice' })
    expect(r.statusCode).toBe(200)
    const questions = r.json().questions as { id: number; answer: number[]; explanation: string }[]
    const active = (await allQuestions('&active=true')).map((q) => q.id)
    expect(questions.length).toBe(Math.min(PRACTICE_SIZE, active.length))
    for (const q of questions) {
      expect(active).toContain(q.id)
      expect(q.answer.length).toBeGreaterThan(0)
      expect(q.explanation).toBeTruthy()
    }
    // The switched-off county question never comes up.
    expect(questions.map((q) => q.id)).not.toContain(own.id)
    const byTask = await call(t.app, employee, { method: 'GET', url: '/api/v1/quiz/practice?task=11' })
    expect(byTask.json().questions.every((q: { source: { task: unknown } }) => q.source.task === 11)).toBe(
      true,
    )
    expect((await call(t.app, null, { method: 'GET', url: '/api/v1/quiz/practice' })).statusCode).toBe(401)
    for (const bad of ['99', '0', 'X', '%00'])
      expect(
        (await call(t.app, employee, { method: 'GET', url: `/api/v1/quiz/practice?task=${bad}` })).statusCode,
      ).toBe(400)
  })

  it('opens a 竞赛 only with sound dates and enough active questions', async () => {
    const post = (payload: Record<string, unknown>, token = office) =>
      call(t.app, token, { method: 'POST', url: '/api/v1/quizzes', payload })
    // Enough active questions for a paper of 5, whatever the shipped bank holds.
    for (let i = (await allQuestions('&active=true')).length; i < 6; i++)
      await call(t.app, office, {
        method: 'POST',
        url: '/api/v1/quiz-questions',
        payload: question({ stem: `补充题目第${i}题` }),
      })
    for (const dates of [
      { startsOn: '2026-12-10', endsOn: '2026-12-09' },
      { startsOn: '2026-11-01', endsOn: '2026-12-03' },
      { startsOn: '2026-12-01', endsOn: '2026-02-30' },
    ]) {
      const r = await post(quiz(dates))
      expect(r.statusCode).toBe(400)
      expect(r.json().error.code).toBe('QUIZ_DATES')
    }
    // Ending today (北京时间) is fine.
    expect((await post(quiz({ endsOn: '2026-12-04' }))).statusCode).toBe(201)
    const active = (await allQuestions('&active=true')).length
    const tooMany = await post(quiz({ questionCount: Math.min(50, active + 1) }))
    if (active < 50) {
      expect(tooMany.statusCode).toBe(409)
      expect(tooMany.json().error.code).toBe('QUIZ_TOO_FEW_QUESTIONS')
      expect(tooMany.json().error.message).toContain(String(active))
    }
    expect((await post(quiz({ title: '廉政\u0000竞赛' }))).statusCode).toBe(400)
    expect((await post(quiz({ questionCount: 4 }))).statusCode).toBe(400)
    expect((await post(quiz(), liaison)).statusCode).toBe(403)
  })

  it('race: questions added at once each get their own Q-C code; closes at once all answer the closed quiz', async () => {
    const added = await race(
      (i) =>
        call(t.app, office, {
          method: 'POST',
          url: '/api/v1/quiz-questions',
          headers: { 'idempotency-key': `quiz-question-race-${i}` },
          payload: question({ stem: `同时新增的题目${i}` }),
        }),
      5,
    )
    expect(added.map((r) => r.statusCode)).toEqual(Array(5).fill(201))
    const codes = added.map((r) => r.json().code as string)
    expect(new Set(codes).size).toBe(5)
    expect(codes.every((c) => /^Q-C-\d{4}$/.test(c))).toBe(true)

    const created = await call(t.app, office, { method: 'POST', url: '/api/v1/quizzes', payload: quiz() })
    const closes = await race(
      (i) =>
        call(t.app, office, {
          method: 'POST',
          url: `/api/v1/quizzes/${created.json().id}/close`,
          headers: { 'idempotency-key': `quiz-close-race-${i}` },
        }),
      4,
    )
    expect(closes.map((r) => r.statusCode)).toEqual(Array(4).fill(200))
    expect(new Set(closes.map((r) => r.json().closedAt)).size).toBe(1)
  })

  it('lists 竞赛 newest first with the caller’s standing, and the office closes one early (twice: the same answer)', async () => {
    const created = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/quizzes',
      payload: quiz({ title: '提前结束的竞赛' }),
    })
    const id = created.json().id
    expect(created.json()).toMatchObject({
      state: 'open',
      closedAt: null,
      mine: { attemptsToday: 0, best: null, openPaperId: null },
    })
    const list = await call(t.app, employee, { method: 'GET', url: '/api/v1/quizzes' })
    expect(list.json().items[0]).toMatchObject({ id, title: '提前结束的竞赛' })
    expect(
      (await call(t.app, employee, { method: 'POST', url: `/api/v1/quizzes/${id}/close` })).statusCode,
    ).toBe(403)
    const closed = await call(t.app, office, { method: 'POST', url: `/api/v1/quizzes/${id}/close` })
    expect(closed.statusCode).toBe(200)
    expect(closed.json()).toMatchObject({ state: 'ended', closedAt: new Date(now).toISOString() })
    const again = await call(t.app, office, { method: 'POST', url: `/api/v1/quizzes/${id}/close` })
    expect(again.json()).toEqual(closed.json())
    // 题库's warning asks for the 竞赛 not ended only: a closed one is not among them, an open one is.
    const live = async () =>
      (await call(t.app, office, { method: 'GET', url: '/api/v1/quizzes?live=true&pageSize=200' })).json()
    const open = await call(t.app, office, { method: 'POST', url: '/api/v1/quizzes', payload: quiz() })
    const past = (await live()).items.map((q: { id: number; state: string }) => q.id)
    expect(past).toContain(open.json().id)
    expect(past).not.toContain(id)
    expect((await live()).items.every((q: { state: string }) => q.state !== 'ended')).toBe(true)
    expect((await live()).total).toBe((await live()).items.length)
    expect((await call(t.app, employee, { method: 'GET', url: `/api/v1/quizzes/${id}` })).json().state).toBe(
      'ended',
    )
    for (const bad of ['987654', String(2 ** 31), 'abc']) {
      const r = await call(t.app, employee, { method: 'GET', url: `/api/v1/quizzes/${bad}` })
      expect([400, 404]).toContain(r.statusCode)
    }
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'quiz%')
      .execute()
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set(['quiz_question.create', 'quiz_question.update', 'quiz.create', 'quiz.close']),
    )
  })
})
