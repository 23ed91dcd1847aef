import type { z } from 'zod'
import type { DbOrTrx } from '../../core/db/database'
import { AppError, found } from '../../core/errors'
import { isoAt } from '../../core/clock'
import type { WriteOutcome } from '../../core/writes'
import type { TBankQuestion } from '../../../seeds/quiz/bank'
import {
  PRACTICE_SIZE,
  questionProblems,
  type TAnsweredQuestion,
  type TPractice,
  type TQuestion,
  type TQuestionCreate,
  type TQuestionList,
  type TQuestionUpdate,
  type TQuizTopic,
  ZQuestionListQuery,
} from '../../../src/models/quiz'
import { quizRepository, type QuestionFilter, type QuestionRow } from './repository'

/** 廉政知识竞赛's question bank: the shipped questions, the office's own, and 练习 drawn from it. */

export interface QuizWrite {
  db: DbOrTrx
  userId: number
  now: number
}

export function topicOf(sourceTask: string): TQuizTopic {
  return /^\d+$/.test(sourceTask) ? Number(sourceTask) : (sourceTask as 'G' | 'S' | 'R')
}

export function toQuestion(row: QuestionRow): TQuestion {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    stem: row.stem,
    options: JSON.parse(row.options) as string[],
    answer: JSON.parse(row.answer) as number[],
    explanation: row.explanation,
    source: { task: topicOf(row.source_task), phrase: row.source_phrase },
    active: row.active === 1,
    builtIn: row.built_in === 1,
    updatedAt: row.updated_at,
  }
}

export function toAnswered(row: QuestionRow): TAnsweredQuestion {
  const q = toQuestion(row)
  return {
    id: q.id,
    kind: q.kind,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    explanation: q.explanation,
    source: q.source,
  }
}

function storedFields(input: TQuestionCreate) {
  return {
    kind: input.kind,
    stem: input.stem,
    options: JSON.stringify(input.options),
    // Ascending, so two stored answers compare as text.
    answer: JSON.stringify([...input.answer].sort((a, b) => a - b)),
    explanation: input.explanation,
    source_task: String(input.source.task),
    source_phrase: input.source.phrase,
  }
}

/** Adds every shipped question whose code is missing; one the county has (edited or switched off) is kept. */
export async function loadQuestionBank(db: DbOrTrx, bank: readonly TBankQuestion[], now: number) {
  const at = isoAt(now)
  return quizRepository.insertMissing(
    db,
    bank.map((q) => ({
      code: q.code,
      ...storedFields(q),
      active: 1,
      built_in: 1,
      created_at: at,
      updated_at: at,
    })),
  )
}

export async function practice(db: DbOrTrx, task: string | undefined): Promise<TPractice> {
  const rows = await quizRepository.randomActive(db, PRACTICE_SIZE, task || undefined)
  return { questions: rows.map(toAnswered) }
}

export async function listQuestions(
  db: DbOrTrx,
  query: z.infer<typeof ZQuestionListQuery>,
): Promise<TQuestionList> {
  const { page, pageSize } = query
  const filter: QuestionFilter = {
    task: query.task || undefined,
    active: query.active === undefined ? undefined : query.active === 'true',
    q: query.q?.trim() || undefined,
  }
  const { rows, total } = await quizRepository.pageQuestions(db, filter, { page, pageSize })
  return { items: rows.map(toQuestion), total, page, pageSize }
}

function checkShape(input: TQuestionCreate): void {
  const problems = questionProblems(input)
  if (problems.length > 0)
    throw new AppError(
      400,
      'QUESTION_INVALID',
      `题目有误：${problems.join('；')}`,
      problems.map((message) => ({ path: 'question', message })),
    )
}

export async function createQuestion(w: QuizWrite, input: TQuestionCreate): Promise<WriteOutcome<TQuestion>> {
  checkShape(input)
  const at = isoAt(w.now)
  const id = await quizRepository.insertCountyQuestion(w.db, {
    ...storedFields(input),
    active: 1,
    built_in: 0,
    created_at: at,
    updated_at: at,
  })
  const row = await found(quizRepository.findQuestion(w.db, id))
  return {
    result: toQuestion(row),
    entityType: 'quiz_question',
    entityId: id,
    detail: { question: input.stem.slice(0, 40), questionKind: input.kind },
  }
}

/** A shipped question keeps its wording (it cites the programme); the county may only switch it on or off. */
export async function updateQuestion(
  w: QuizWrite,
  id: number,
  input: TQuestionUpdate,
): Promise<WriteOutcome<TQuestion>> {
  const row = await found(quizRepository.findQuestion(w.db, id))
  const { active, ...content } = input
  checkShape(content)
  const fields = storedFields(content)
  const contentChanged = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => fields[k] !== row[k])
  if (row.built_in === 1 && contentChanged) throw new AppError(409, 'QUESTION_BUILT_IN')
  await quizRepository.updateQuestion(w.db, id, {
    ...(row.built_in === 1 ? {} : fields),
    active: active ? 1 : 0,
    updated_at: isoAt(w.now),
  })
  const after = await found(quizRepository.findQuestion(w.db, id))
  return {
    result: toQuestion(after),
    entityType: 'quiz_question',
    entityId: id,
    detail: { question: row.stem.slice(0, 40), active, contentChanged },
  }
}
