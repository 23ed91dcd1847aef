import type { Kysely } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { isoAt } from '../server/core/clock'
import { answerIsRight, paperScore } from '../src/models/quiz'
import { shanghaiDate, shanghaiDateAfterDays } from '../src/models/shanghaiTime'

const DAY = 86_400_000
const QUESTION_COUNT = 10

/**
 * Who has handed in, for which enterprise, how many days ago and when that day (北京时间, working hours: a
 * paper at 03:00 looks made up), how many right (of the drawn) and in how long.
 */
const PAPERS: {
  openid: string
  enterprise: string
  daysAgo: number
  at: string
  right: number
  seconds: number
}[] = [
  {
    openid: 'demo-liaison-private',
    enterprise: '县恒达食品有限公司',
    daysAgo: 3,
    at: '09:42',
    right: 9,
    seconds: 312,
  },
  {
    openid: 'demo-liaison-private',
    enterprise: '县恒达食品有限公司',
    daysAgo: 2,
    at: '15:18',
    right: 10,
    seconds: 405,
  },
  {
    openid: 'demo-head-private',
    enterprise: '县恒达食品有限公司',
    daysAgo: 2,
    at: '10:26',
    right: 8,
    seconds: 250,
  },
  {
    openid: 'demo-secretary-private',
    enterprise: '县恒达食品有限公司',
    daysAgo: 1,
    at: '16:05',
    right: 10,
    seconds: 380,
  },
  {
    openid: 'demo-liaison-soe',
    enterprise: '县城市建设投资集团有限公司',
    daysAgo: 4,
    at: '11:08',
    right: 9,
    seconds: 288,
  },
  {
    openid: 'demo-head-soe',
    enterprise: '县城市建设投资集团有限公司',
    daysAgo: 1,
    at: '09:15',
    right: 7,
    seconds: 540,
  },
  {
    openid: 'demo-liaison-mixed',
    enterprise: '县园区水务发展有限公司',
    daysAgo: 2,
    at: '14:47',
    right: 8,
    seconds: 199,
  },
]

/** The instant of `at` (HH:mm, 北京时间) on the 北京时间 day `daysAgo` days before `now`. */
export function demoPaperStart(now: number, daysAgo: number, at: string): number {
  return Date.parse(`${shanghaiDateAfterDays(now, -daysAgo)}T${at}:00+08:00`)
}

/**
 * The demo's 廉政知识竞赛 (demo mode only): 「2026年度廉政知识竞赛」 open from two weeks ago to four weeks ahead,
 * 10 questions in 10 minutes, 3 a day, with papers handed in by people of three enterprises so that both
 * leaderboards show something. 王小军 (employee of 恒达) has none: his 任务 lists the 竞赛. Each paper is drawn
 * from the active bank (all of it while it holds fewer than 10) and scored as the server scores it.
 */
export async function seedDemoQuiz(db: Kysely<Database>, now: number): Promise<void> {
  const office = await db
    .selectFrom('users')
    .select('id')
    .where('openid', '=', 'demo-office')
    .executeTakeFirstOrThrow()
  const quiz = await db
    .insertInto('quizzes')
    .values({
      title: '2026年度廉政知识竞赛',
      description: '围绕《县清廉企业建设实施方案》，全县企业干部职工参加；每天可答 3 次，取最好成绩。',
      starts_on: shanghaiDateAfterDays(now, -14),
      ends_on: shanghaiDateAfterDays(now, 28),
      question_count: QUESTION_COUNT,
      time_limit_minutes: 10,
      attempts_per_day: 3,
      created_by: office.id,
      created_at: isoAt(now - 15 * DAY),
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const bank = await db
    .selectFrom('quiz_questions')
    .select(['id', 'options', 'answer'])
    .where('active', '=', 1)
    .orderBy('id')
    .execute()
  if (bank.length === 0) return
  const attempts = new Map<string, number>()
  for (const [i, p] of PAPERS.entries()) {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', p.openid)
      .executeTakeFirstOrThrow()
    const enterprise = await db
      .selectFrom('enterprises')
      .select('id')
      .where('name', '=', p.enterprise)
      .executeTakeFirstOrThrow()
    // A different slice of the bank for each paper, as a draw would give.
    const drawn = [...bank.slice(i % bank.length), ...bank.slice(0, i % bank.length)].slice(0, QUESTION_COUNT)
    const answers: Record<number, number[]> = {}
    drawn.forEach((q, n) => {
      const answer = JSON.parse(q.answer) as number[]
      const options = (JSON.parse(q.options) as string[]).length
      // The first `right` (scaled to the drawn count) answered right, the rest with another option.
      const rightHere = n < Math.round((p.right * drawn.length) / QUESTION_COUNT)
      answers[q.id] = rightHere ? answer : [(answer[0] + 1) % options]
    })
    const right = drawn.filter((q) => answerIsRight(answers[q.id], JSON.parse(q.answer) as number[])).length
    const started = demoPaperStart(now, p.daysAgo, p.at)
    const day = shanghaiDate(started)
    const attemptKey = `${user.id}:${day}`
    const attempt = (attempts.get(attemptKey) ?? 0) + 1
    attempts.set(attemptKey, attempt)
    await db
      .insertInto('quiz_papers')
      .values({
        quiz_id: quiz.id,
        user_id: user.id,
        enterprise_id: enterprise.id,
        day,
        attempt_no: attempt,
        question_ids: JSON.stringify(drawn.map((q) => q.id)),
        started_at: isoAt(started),
        deadline_at: isoAt(started + 10 * 60_000),
        submitted_at: isoAt(started + p.seconds * 1000),
        answers: JSON.stringify(answers),
        score: paperScore(right, drawn.length),
        right_count: right,
        seconds: p.seconds,
        status: 'submitted',
      })
      .execute()
  }
}
