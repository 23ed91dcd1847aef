import { createTestApp, loginAs, call, type TestApp } from './support/testApp'
import { formatShanghaiTime, shanghaiDate } from '../../src/models/shanghaiTime'

/**
 * The demo's 廉政知识竞赛 papers are handed in as people would: in working hours (北京时间) on days before
 * today, whatever the hour the demo server starts at (here 05:00 北京时间, when "two hours earlier" was 03:00).
 */
describe('demo 廉政知识竞赛 papers', () => {
  let t: TestApp
  const now = Date.parse('2026-12-04T21:00:00Z') // 2026-12-05 05:00 北京时间
  beforeAll(async () => {
    t = await createTestApp({ APP_MODE: 'demo' }, { clock: () => now })
  }, 60_000)
  afterAll(() => t.close())

  it('hands each paper in at a working hour of an earlier day, within the 竞赛 and its time limit', async () => {
    const quiz = await t.app.db
      .selectFrom('quizzes')
      .selectAll()
      .where('title', '=', '2026年度廉政知识竞赛')
      .executeTakeFirstOrThrow()
    const papers = await t.app.db
      .selectFrom('quiz_papers')
      .selectAll()
      .where('quiz_id', '=', quiz.id)
      .orderBy('id')
      .execute()
    expect(papers).toHaveLength(7)
    const today = shanghaiDate(now)
    for (const p of papers) {
      const started = formatShanghaiTime(p.started_at)
      const submitted = formatShanghaiTime(p.submitted_at!)
      // 09:00–12:00 or 14:30–17:30 北京时间, the same day it started
      for (const at of [started, submitted]) {
        const minute = at.slice(11, 16)
        expect((minute >= '09:00' && minute <= '12:00') || (minute >= '14:30' && minute <= '17:30')).toBe(
          true,
        )
      }
      expect(p.day).toBe(started.slice(0, 10))
      expect(submitted.slice(0, 10)).toBe(p.day)
      expect(p.day < today).toBe(true)
      expect(p.day >= quiz.starts_on).toBe(true)
      expect(Date.parse(p.submitted_at!) - Date.parse(p.started_at)).toBe(p.seconds! * 1000)
      expect(Date.parse(p.submitted_at!)).toBeLessThanOrEqual(Date.parse(p.deadline_at))
    }
    // both leaderboards still show them: 全县 the three enterprises, 本企业 恒达's three people
    const office = await loginAs(t.app, 'demo-office')
    const board = (query: string) =>
      call(t.app, office, { method: 'GET', url: `/api/v1/quizzes/${quiz.id}/leaderboard?${query}` })
    expect((await board('scope=county')).json().enterprises.total).toBe(3)
    const hengda = papers.find((p) => p.seconds === 312)!.enterprise_id
    expect((await board(`scope=enterprise&enterpriseId=${hengda}`)).json().people.total).toBe(3)
  })
})
