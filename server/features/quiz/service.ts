import type { DbOrTrx } from '../../core/db/database'
import { AppError, found, notFound } from '../../core/errors'
import { isoAt } from '../../core/clock'
import type { WriteOutcome } from '../../core/writes'
import { holdsRole, type AuthContext } from '../../core/access'
import { ENTERPRISE_ROLES } from '../../../src/models/roles'
import {
  answerIsRight,
  paperScore,
  QUIZ_GRACE_SECONDS,
  quizState,
  type TPaper,
  type TPaperSubmission,
  type TQuiz,
  type TQuizCreate,
  type TQuizList,
  type TQuizListQuery,
} from '../../../src/models/quiz'
import { chineseDay, shanghaiDate } from '../../../src/models/shanghaiTime'
import { quizRepository, type PaperRow, type QuizRow, type Standing } from './repository'
import { toAnswered, type QuizWrite } from './questions'

/** 廉政知识竞赛: the office's 竞赛, the papers the server draws and scores. */

const NO_STANDING: Standing = { attemptsToday: 0, best: null, openPaperId: null }

/** An open paper may still be handed in (and resumed) until its deadline plus the grace. */
function graceCutoff(now: number): string {
  return isoAt(now - QUIZ_GRACE_SECONDS * 1000)
}

function toQuiz(row: QuizRow, today: string, mine: Standing): TQuiz {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    questionCount: row.question_count,
    timeLimitMinutes: row.time_limit_minutes,
    attemptsPerDay: row.attempts_per_day,
    state: quizState(row.starts_on, row.ends_on, today, row.closed_at),
    closedAt: row.closed_at,
    mine,
  }
}

async function quizFor(db: DbOrTrx, row: QuizRow, userId: number, now: number): Promise<TQuiz> {
  const today = shanghaiDate(now)
  const standing = await quizRepository.standing(db, userId, [row.id], today, graceCutoff(now))
  return toQuiz(row, today, standing.get(row.id) ?? NO_STANDING)
}

export async function listQuizzes(
  db: DbOrTrx,
  userId: number,
  { live, ...paging }: TQuizListQuery,
  now: number,
): Promise<TQuizList> {
  const today = shanghaiDate(now)
  const { rows, total } = await quizRepository.pageQuizzes(db, paging, live === 'true' ? today : undefined)
  const standing = await quizRepository.standing(
    db,
    userId,
    rows.map((r) => r.id),
    today,
    graceCutoff(now),
  )
  return {
    items: rows.map((r) => toQuiz(r, today, standing.get(r.id) ?? NO_STANDING)),
    total,
    ...paging,
  }
}

export async function quizDetail(db: DbOrTrx, userId: number, quizId: number, now: number): Promise<TQuiz> {
  return quizFor(db, await found(quizRepository.findQuiz(db, quizId)), userId, now)
}

/** A real calendar day (the schema only checks the pattern). */
function isCalendarDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`)
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === day
}

export async function createQuiz(w: QuizWrite, input: TQuizCreate): Promise<WriteOutcome<TQuiz>> {
  const today = shanghaiDate(w.now)
  if (
    !isCalendarDay(input.startsOn) ||
    !isCalendarDay(input.endsOn) ||
    input.endsOn < input.startsOn ||
    input.endsOn < today
  )
    throw new AppError(400, 'QUIZ_DATES', undefined, [
      { path: 'endsOn', message: '结束日期不能早于开始日期，也不能早于今天' },
    ])
  const active = await quizRepository.countActive(w.db)
  if (input.questionCount > active)
    throw new AppError(
      409,
      'QUIZ_TOO_FEW_QUESTIONS',
      `题库中启用的题目只有 ${active} 道，不够每卷 ${input.questionCount} 题`,
    )
  const id = await quizRepository.insertQuiz(w.db, {
    title: input.title,
    description: input.description ?? null,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    question_count: input.questionCount,
    time_limit_minutes: input.timeLimitMinutes,
    attempts_per_day: input.attemptsPerDay,
    created_by: w.userId,
    created_at: isoAt(w.now),
    closed_at: null,
  })
  const row = await found(quizRepository.findQuiz(w.db, id))
  return {
    result: await quizFor(w.db, row, w.userId, w.now),
    entityType: 'quiz',
    entityId: id,
    detail: { title: input.title, startsOn: input.startsOn, endsOn: input.endsOn },
  }
}

/** Ends a 竞赛 early; a second close answers the closed quiz as it is. */
export async function closeQuiz(w: QuizWrite, quizId: number): Promise<WriteOutcome<TQuiz>> {
  await found(quizRepository.findQuiz(w.db, quizId))
  const closed = await quizRepository.close(w.db, quizId, isoAt(w.now))
  const row = await found(quizRepository.findQuiz(w.db, quizId))
  return {
    result: await quizFor(w.db, row, w.userId, w.now),
    entityType: 'quiz',
    entityId: quizId,
    detail: { title: row.title, alreadyClosed: !closed },
  }
}

// ---------- papers ----------

export async function paperView(db: DbOrTrx, paper: PaperRow): Promise<TPaper> {
  const quiz = await found(quizRepository.findQuiz(db, paper.quiz_id))
  const ids = JSON.parse(paper.question_ids) as number[]
  const byId = new Map((await quizRepository.questionsByIds(db, ids)).map((q) => [q.id, q]))
  const drawn = ids.flatMap((id) => {
    const q = byId.get(id)
    return q ? [toAnswered(q)] : []
  })
  const chosen = new Map(
    Object.entries(JSON.parse(paper.answers ?? '{}') as Record<string, number[]>).map(([k, v]) => [
      Number(k),
      v,
    ]),
  )
  const handedIn = paper.submitted_at !== null
  return {
    id: paper.id,
    quizId: paper.quiz_id,
    quizTitle: quiz.title,
    enterpriseId: paper.enterprise_id,
    status: paper.status,
    startedAt: paper.started_at,
    deadlineAt: paper.deadline_at,
    submittedAt: paper.submitted_at,
    // Before hand-in the paper carries no answer and no explanation.
    questions: drawn.map((q) => ({ id: q.id, kind: q.kind, stem: q.stem, options: q.options })),
    result: handedIn
      ? {
          score: paper.score ?? 0,
          right: paper.right_count ?? 0,
          total: ids.length,
          questions: drawn.map((q) => {
            const choice = chosen.get(q.id) ?? []
            return { ...q, choice, right: answerIsRight(choice, q.answer) }
          }),
        }
      : null,
  }
}

export async function ownPaper(db: DbOrTrx, userId: number, paperId: number): Promise<TPaper> {
  return paperView(db, await found(quizRepository.findPaper(db, paperId, userId)))
}

function notOpen(quiz: QuizRow, today: string): AppError {
  const state = quizState(quiz.starts_on, quiz.ends_on, today, quiz.closed_at)
  const message =
    state === 'upcoming'
      ? `竞赛未开始：${chineseDay(quiz.starts_on)}开始`
      : quiz.closed_at !== null
        ? `竞赛已结束：${chineseDay(shanghaiDate(Date.parse(quiz.closed_at)))}提前结束`
        : `竞赛已结束：${chineseDay(quiz.ends_on)}结束`
  return new AppError(409, 'QUIZ_NOT_OPEN', message)
}

async function resumed(w: QuizWrite, paper: PaperRow): Promise<WriteOutcome<TPaper>> {
  const result = await paperView(w.db, paper)
  const quizTitle = result.quizTitle
  return {
    result,
    status: 200,
    entityType: 'quiz_paper',
    entityId: paper.id,
    detail: { quiz: quizTitle, resumed: true },
    organisation: { kind: 'enterprise', id: paper.enterprise_id },
  }
}

/**
 * Starts a paper for one of the caller's enterprises, or answers the open one (继续答题). Concurrent starts
 * of the same user meet at the unique attempt number: the second waits for the first, inserts nothing and
 * answers the first one's paper, so attempts per day hold.
 */
export async function startPaper(
  w: QuizWrite & { auth: AuthContext },
  quizId: number,
  enterpriseId: number,
): Promise<WriteOutcome<TPaper>> {
  const quiz = await found(quizRepository.findQuiz(w.db, quizId))
  // Another enterprise answers like a missing one.
  if (!holdsRole(w.auth, 'enterprise', enterpriseId, ENTERPRISE_ROLES)) throw notFound()
  const cutoff = graceCutoff(w.now)
  const open = await quizRepository.openPaper(w.db, quizId, w.userId, cutoff)
  if (open) return resumed(w, open)
  const today = shanghaiDate(w.now)
  if (quizState(quiz.starts_on, quiz.ends_on, today, quiz.closed_at) !== 'open') throw notOpen(quiz, today)
  // A concurrent start of this user that committed since the look-up above took the attempt: its paper is
  // the answer (继续答题), not 「次数已用完」.
  const theirsOrUsedUp = async () => {
    const theirs = await quizRepository.openPaper(w.db, quizId, w.userId, cutoff)
    if (theirs) return resumed(w, theirs)
    throw new AppError(
      409,
      'QUIZ_ATTEMPTS_USED_UP',
      `今天的 ${quiz.attempts_per_day} 次答题机会已用完，明天再来`,
    )
  }
  const last = await quizRepository.lastAttempt(w.db, quizId, w.userId, today)
  if (last >= quiz.attempts_per_day) return theirsOrUsedUp()
  const drawn = await quizRepository.randomActive(w.db, quiz.question_count)
  if (drawn.length < quiz.question_count)
    throw new AppError(409, 'QUIZ_TOO_FEW_QUESTIONS', '题库中启用的题目不够本次竞赛的题量，请联系县清廉办')
  const startedAt = isoAt(w.now)
  const id = await quizRepository.insertPaper(w.db, {
    quiz_id: quizId,
    user_id: w.userId,
    enterprise_id: enterpriseId,
    day: today,
    attempt_no: last + 1,
    question_ids: JSON.stringify(drawn.map((q) => q.id)),
    started_at: startedAt,
    deadline_at: isoAt(w.now + quiz.time_limit_minutes * 60_000),
    submitted_at: null,
    answers: null,
    score: null,
    right_count: null,
    seconds: null,
    status: 'open',
  })
  if (id === null) return theirsOrUsedUp()
  const paper = await found(quizRepository.findPaper(w.db, id, w.userId))
  return {
    result: await paperView(w.db, paper),
    entityType: 'quiz_paper',
    entityId: id,
    detail: { quiz: quiz.title, attempt: last + 1 },
    organisation: { kind: 'enterprise', id: enterpriseId },
  }
}

/**
 * Scores a paper on the server. Unanswered questions are wrong; a hand-in after the deadline plus the grace
 * is kept as 'late' and never counts. Only the first hand-in lands (`submitted_at is null`).
 */
export async function submitPaper(
  w: QuizWrite,
  paperId: number,
  input: TPaperSubmission,
): Promise<WriteOutcome<TPaper>> {
  const paper = await found(quizRepository.findPaper(w.db, paperId, w.userId))
  const handedIn = () => new AppError(409, 'PAPER_SUBMITTED')
  if (paper.submitted_at !== null) throw handedIn()
  const ids = JSON.parse(paper.question_ids) as number[]
  const onPaper = new Set(ids)
  const answers: Record<number, number[]> = {}
  for (const [i, a] of input.answers.entries()) {
    if (!onPaper.has(a.questionId) || a.questionId in answers)
      throw new AppError(400, 'PAPER_ANSWER_UNKNOWN', undefined, [
        { path: `answers.${i}.questionId`, message: '该题不在这份试卷上或重复作答' },
      ])
    answers[a.questionId] = [...new Set(a.choice)].sort((x, y) => x - y)
  }
  const questions = await quizRepository.questionsByIds(w.db, ids)
  const right = questions.filter((q) =>
    answerIsRight(answers[q.id] ?? [], JSON.parse(q.answer) as number[]),
  ).length
  const score = paperScore(right, ids.length)
  const late = w.now > Date.parse(paper.deadline_at) + QUIZ_GRACE_SECONDS * 1000
  const seconds = Math.max(0, Math.round((w.now - Date.parse(paper.started_at)) / 1000))
  const landed = await quizRepository.submit(w.db, paperId, {
    submitted_at: isoAt(w.now),
    answers: JSON.stringify(answers),
    score,
    right_count: right,
    seconds,
    status: late ? 'late' : 'submitted',
  })
  if (!landed) throw handedIn()
  const after = await found(quizRepository.findPaper(w.db, paperId, w.userId))
  return {
    result: await paperView(w.db, after),
    entityType: 'quiz_paper',
    entityId: paperId,
    detail: { quiz: (await found(quizRepository.findQuiz(w.db, paper.quiz_id))).title, score, late },
    organisation: { kind: 'enterprise', id: paper.enterprise_id },
  }
}
