import { addTestQuestions } from './support/quiz'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { MISSING_ID } from './support/isolation'
import { outcomes, race } from './support/races'
import type { TPaper } from '../../src/models/quiz'
import type { TTodoList } from '../../src/models/todo'

/** 廉政知识竞赛's papers: drawn and scored on the server, attempts per day, hand-in, leaderboards, to-do. */
describe(`廉政知识竞赛 papers (${TEST_DB})`, () => {
  let t: TestApp
  // 10:00 北京时间 on 2026-12-04; tests move it forward.
  let now = Date.parse('2026-12-04T02:00:00Z')
  const MINUTE = 60_000
  const tokens: Record<string, string> = {}
  let privateId: number
  let soeId: number
  let mixedId: number
  const answers = new Map<number, number[]>()

  const as = (who: string) => tokens[who]
  const newQuiz = async (over: Record<string, unknown> = {}): Promise<number> => {
    const r = await call(t.app, as('office'), {
      method: 'POST',
      url: '/api/v1/quizzes',
      payload: {
        title: '测试廉政知识竞赛',
        startsOn: '2026-12-01',
        endsOn: '2026-12-31',
        questionCount: 5,
        timeLimitMinutes: 10,
        attemptsPerDay: 2,
        ...over,
      },
    })
    expect(r.statusCode).toBe(201)
    return r.json().id
  }
  const start = (who: string, quizId: number, enterpriseId: number, key?: string) =>
    call(t.app, as(who), {
      method: 'POST',
      url: `/api/v1/quizzes/${quizId}/papers`,
      payload: { enterpriseId },
      headers: key ? { 'idempotency-key': key } : {},
    })
  /** Hands a paper in with `wrong` questions answered wrongly (the first ones) and the rest right. */
  const handIn = (who: string, paper: TPaper, wrong = 0, key?: string) =>
    call(t.app, as(who), {
      method: 'POST',
      url: `/api/v1/quiz-papers/${paper.id}/submission`,
      headers: key ? { 'idempotency-key': key } : {},
      payload: {
        answers: paper.questions.map((q, i) => {
          const right = answers.get(q.id)!
          return { questionId: q.id, choice: i < wrong ? [(right[0] + 1) % q.options.length] : right }
        }),
      },
    })
  const board = (who: string, quizId: number, query: string) =>
    call(t.app, as(who), { method: 'GET', url: `/api/v1/quizzes/${quizId}/leaderboard?${query}` })

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    const people = {
      office: 'demo-office',
      liaison: 'demo-liaison-private',
      head: 'demo-head-private',
      secretary: 'demo-secretary-private',
      employee: 'demo-employee-private',
      soe: 'demo-liaison-soe',
      soeHead: 'demo-head-soe',
      mixed: 'demo-liaison-mixed',
      united: 'demo-supervisor-united',
      finance: 'demo-supervisor-finance',
    }
    for (const [who, openid] of Object.entries(people)) tokens[who] = await loginAs(t.app, openid)
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    mixedId = await idOf(t.app, 'enterprises', '县园区水务发展有限公司')
    for (const [id, answer] of await addTestQuestions(t.app, as('office'), 6, '竞赛测试题'))
      answers.set(id, answer)
  })
  afterAll(() => t.close())

  it('starts only for one of the caller’s enterprises: another’s answers like a missing one', async () => {
    const quizId = await newQuiz()
    const other = await start('employee', quizId, soeId)
    const missing = await start('employee', quizId, MISSING_ID)
    expect(other.statusCode).toBe(404)
    expect(other.json()).toEqual(missing.json())
    expect((await start('office', quizId, privateId)).statusCode).toBe(404)
    expect((await start('employee', MISSING_ID, privateId)).statusCode).toBe(404)
    const huge = await start('employee', quizId, 2 ** 31)
    expect(huge.statusCode).toBe(400)
  })

  it('refuses a 竞赛 not open yet or ended, with its dates', async () => {
    const upcoming = await newQuiz({ startsOn: '2026-12-05' })
    const early = await start('employee', upcoming, privateId)
    expect(early.statusCode).toBe(409)
    expect(early.json().error).toMatchObject({
      code: 'QUIZ_NOT_OPEN',
      message: expect.stringContaining('未开始'),
    })
    expect(early.json().error.message).toContain('2026年12月5日')
    const closed = await newQuiz()
    await call(t.app, as('office'), { method: 'POST', url: `/api/v1/quizzes/${closed}/close` })
    const late = await start('employee', closed, privateId)
    expect(late.statusCode).toBe(409)
    expect(late.json().error.message).toBe('竞赛已结束：2026年12月4日提前结束')
    const today = await newQuiz({ endsOn: '2026-12-04' })
    const saved = now
    now = Date.parse('2026-12-04T16:00:00Z') // 00:00 北京时间 on 2026-12-05
    const past = await start('employee', today, privateId)
    now = saved
    expect(past.statusCode).toBe(409)
    expect(past.json().error.message).toBe('竞赛已结束：2026年12月4日结束')
  })

  let paper: TPaper
  it('draws a paper without answers, and a second start resumes it (继续答题)', async () => {
    const quizId = await newQuiz()
    const first = await start('liaison', quizId, privateId)
    expect(first.statusCode).toBe(201)
    paper = first.json()
    expect(paper).toMatchObject({ status: 'open', result: null, submittedAt: null, enterpriseId: privateId })
    expect(paper.questions).toHaveLength(5)
    expect(new Set(paper.questions.map((q) => q.id)).size).toBe(5)
    expect(Date.parse(paper.deadlineAt) - Date.parse(paper.startedAt)).toBe(10 * MINUTE)
    // Answers never reach the app before hand-in.
    expect(first.body).not.toMatch(/"answer"|"explanation"|"choice"/)
    now += MINUTE
    const again = await start('liaison', quizId, privateId)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(paper)
    const read = await call(t.app, as('liaison'), { method: 'GET', url: `/api/v1/quiz-papers/${paper.id}` })
    expect(read.body).not.toMatch(/"answer"|"explanation"/)
    const standing = await call(t.app, as('liaison'), { method: 'GET', url: `/api/v1/quizzes/${quizId}` })
    expect(standing.json().mine).toEqual({ attemptsToday: 1, best: null, openPaperId: paper.id })
  })

  it('keeps a paper to its owner: anyone else’s answers 404', async () => {
    for (const who of ['head', 'office', 'employee']) {
      const read = await call(t.app, as(who), { method: 'GET', url: `/api/v1/quiz-papers/${paper.id}` })
      expect(read.statusCode).toBe(404)
      const submit = await handIn(who, paper)
      expect(submit.statusCode).toBe(404)
    }
  })

  it('scores on the server: unanswered and wrong count as wrong; an answer off the paper is refused', async () => {
    const off = await call(t.app, as('liaison'), {
      method: 'POST',
      url: `/api/v1/quiz-papers/${paper.id}/submission`,
      payload: { answers: [{ questionId: MISSING_ID, choice: [0] }] },
    })
    expect(off.statusCode).toBe(400)
    expect(off.json().error.code).toBe('PAPER_ANSWER_UNKNOWN')
    const [skipped, ...rest] = paper.questions
    const r = await call(t.app, as('liaison'), {
      method: 'POST',
      url: `/api/v1/quiz-papers/${paper.id}/submission`,
      payload: {
        answers: rest.map((q, i) => ({
          questionId: q.id,
          choice: i === 0 ? [(answers.get(q.id)![0] + 1) % 4] : answers.get(q.id)!,
        })),
      },
    })
    expect(r.statusCode).toBe(200)
    const done: TPaper = r.json()
    expect(done).toMatchObject({ status: 'submitted', result: { score: 60, right: 3, total: 5 } })
    expect(done.result!.questions.find((q) => q.id === skipped.id)).toMatchObject({
      choice: [],
      right: false,
    })
    expect(done.result!.questions.every((q) => q.answer.length > 0 && q.explanation)).toBe(true)
    const twice = await handIn('liaison', paper)
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('PAPER_SUBMITTED')
    const mine = await call(t.app, as('liaison'), { method: 'GET', url: `/api/v1/quizzes/${paper.quizId}` })
    expect(mine.json().mine).toEqual({ attemptsToday: 1, best: 60, openPaperId: null })
  })

  it('counts attempts per 北京时间 day: the next one is refused until tomorrow', async () => {
    const second = await start('liaison', paper.quizId, privateId)
    expect(second.statusCode).toBe(201)
    expect((await handIn('liaison', second.json(), 0)).json().result.score).toBe(100)
    const third = await start('liaison', paper.quizId, privateId)
    expect(third.statusCode).toBe(409)
    expect(third.json().error).toEqual({
      code: 'QUIZ_ATTEMPTS_USED_UP',
      message: '今天的 2 次答题机会已用完，明天再来',
      fields: [],
    })
    const saved = now
    // 00:00:01 北京时间 on 2026-12-05.
    now = Date.parse('2026-12-04T16:00:01Z')
    const tomorrow = await start('liaison', paper.quizId, privateId)
    expect(tomorrow.statusCode).toBe(201)
    now = saved
  })

  it('keeps a hand-in after the time limit and the grace as late: not counted, not on the board', async () => {
    const quizId = await newQuiz({ attemptsPerDay: 3 })
    const inGrace = (await start('head', quizId, privateId)).json()
    now += 10 * MINUTE + 50_000
    const graced = await handIn('head', inGrace, 1)
    expect(graced.json()).toMatchObject({ status: 'submitted', result: { score: 80 } })
    const tooLate = (await start('head', quizId, privateId)).json()
    now += 10 * MINUTE + 61_000
    // Past the deadline and grace the open paper is no longer resumed: a start draws a new one.
    const fresh = await start('head', quizId, privateId)
    expect(fresh.statusCode).toBe(201)
    expect(fresh.json().id).not.toBe(tooLate.id)
    const late = await handIn('head', tooLate, 0)
    expect(late.statusCode).toBe(200)
    expect(late.json()).toMatchObject({ status: 'late', result: { score: 100 } })
    const mine = await call(t.app, as('head'), { method: 'GET', url: `/api/v1/quizzes/${quizId}` })
    expect(mine.json().mine.best).toBe(80)
    const people = await board('head', quizId, `scope=enterprise&enterpriseId=${privateId}`)
    expect(people.json().people.items).toEqual([
      expect.objectContaining({ name: '刘恒达', best: 80, isMe: true }),
    ])
  })

  it('ranks people by best counted score, then shorter time, then earlier hand-in; enterprises by average, then participants', async () => {
    const quizId = await newQuiz({ attemptsPerDay: 3 })
    const begin = now
    const papers: Record<string, TPaper> = {}
    for (const who of ['liaison', 'head', 'secretary', 'soe', 'soeHead', 'mixed'])
      papers[who] = (
        await start(who, quizId, who.startsWith('soe') ? soeId : who === 'mixed' ? mixedId : privateId)
      ).json()
    now = begin + 50_000
    papers.employee = (await start('employee', quizId, privateId)).json()
    const at = async (seconds: number, who: string, wrong: number) => {
      now = begin + seconds * 1000
      expect((await handIn(who, papers[who], wrong)).statusCode).toBe(200)
    }
    await at(100, 'secretary', 1) // 80
    await at(120, 'soe', 0)
    await at(150, 'mixed', 0)
    await at(200, 'head', 0) // 100 in 200 s
    await at(250, 'employee', 0) // 100 in 200 s, handed in later
    await at(300, 'liaison', 0) // 100 in 300 s
    await at(320, 'soeHead', 0)
    // A worse second attempt does not replace the best.
    const again = (await start('liaison', quizId, privateId)).json()
    now += 30_000
    await handIn('liaison', again, 3)

    const people = await board('employee', quizId, `scope=enterprise&enterpriseId=${privateId}`)
    expect(people.statusCode).toBe(200)
    expect(
      people
        .json()
        .people.items.map((p: { name: string; best: number; rank: number; isMe: boolean }) => [
          p.rank,
          p.name,
          p.best,
          p.isMe,
        ]),
    ).toEqual([
      [1, '刘恒达', 100, false],
      [2, '王小军', 100, true],
      [3, '陈静', 100, false],
      [4, '梁红梅', 80, false],
    ])
    expect(people.json().people.items[0].seconds).toBe(200)
    const paged = await board(
      'employee',
      quizId,
      `scope=enterprise&enterpriseId=${privateId}&page=2&pageSize=3`,
    )
    expect(paged.json().people).toMatchObject({ total: 4, items: [{ rank: 4, name: '梁红梅' }] })

    const county = await board('employee', quizId, 'scope=county')
    expect(
      county
        .json()
        .enterprises.items.map(
          (e: {
            enterpriseId: number
            average: number
            participants: number
            isMine: boolean
            rank: number
          }) => [e.rank, e.enterpriseId, e.average, e.participants, e.isMine],
        ),
    ).toEqual([
      [1, soeId, 100, 2, false],
      [2, mixedId, 100, 1, false],
      [3, privateId, 95, 4, true],
    ])
  })

  it('shows an enterprise’s board to its members, its supervisors and the office only', async () => {
    const quizId = await newQuiz()
    const query = `scope=enterprise&enterpriseId=${privateId}`
    for (const who of ['employee', 'united', 'office'])
      expect((await board(who, quizId, query)).statusCode).toBe(200)
    const outsider = await board('soe', quizId, query)
    const missing = await board('soe', quizId, `scope=enterprise&enterpriseId=${MISSING_ID}`)
    expect(outsider.statusCode).toBe(404)
    expect(outsider.json()).toEqual(missing.json())
    expect((await board('finance', quizId, query)).statusCode).toBe(404)
    expect((await board('office', quizId, `scope=enterprise&enterpriseId=${MISSING_ID}`)).statusCode).toBe(
      404,
    )
    expect((await board('soe', quizId, 'scope=county')).statusCode).toBe(200)
    expect((await board('employee', quizId, 'scope=enterprise')).statusCode).toBe(400)
  })

  it('lists 参加竞赛 as a to-do until a counted hand-in', async () => {
    const quizId = await newQuiz({ title: '待办测试竞赛' })
    const todos = async (): Promise<TTodoList> =>
      (await call(t.app, as('secretary'), { method: 'GET', url: '/api/v1/todos' })).json()
    expect((await todos()).items).toContainEqual(
      expect.objectContaining({
        kind: 'quiz_open',
        key: `quiz:${quizId}`,
        title: '参加「待办测试竞赛」',
        dueDate: '2026-12-31',
        enterpriseId: privateId,
      }),
    )
    const officeTodos: TTodoList = (
      await call(t.app, as('office'), { method: 'GET', url: '/api/v1/todos' })
    ).json()
    expect(officeTodos.items.some((i) => i.kind === 'quiz_open')).toBe(false)
    const p = (await start('secretary', quizId, privateId)).json()
    await handIn('secretary', p, 2)
    expect((await todos()).items.some((i) => i.key === `quiz:${quizId}`)).toBe(false)
  })

  it('race: concurrent starts with attempts 1 a day make exactly one paper', async () => {
    const quizId = await newQuiz({ attemptsPerDay: 1 })
    const answersOf = await race((i) => start('mixed', quizId, mixedId, `quiz-start-race-${i}-${quizId}`), 6)
    expect(answersOf.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true)
    expect(new Set(answersOf.map((r) => r.json().id)).size).toBe(1)
    const rows = await t.app.db.selectFrom('quiz_papers').select('id').where('quiz_id', '=', quizId).execute()
    expect(rows).toHaveLength(1)
  })

  it('race: concurrent hand-ins of one paper score it once', async () => {
    const quizId = await newQuiz()
    const p: TPaper = (await start('soeHead', quizId, soeId)).json()
    const results = await race((i) => handIn('soeHead', p, 1, `quiz-submit-race-${i}-${p.id}`), 5)
    expect(outcomes(results)).toEqual(['200', ...Array(4).fill('409 PAPER_SUBMITTED')])
    const audited = await t.app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'quiz_paper.submit')
      .where('entity_id', '=', String(p.id))
      .execute()
    expect(audited).toHaveLength(1)
    // The same key replays the first answer.
    const winner = results.findIndex((r) => r.statusCode === 200)
    const replay = await handIn('soeHead', p, 1, `quiz-submit-race-${winner}-${p.id}`)
    expect(replay.statusCode).toBe(200)
    expect(replay.json()).toEqual(results[winner].json())
  })
})
