/** 廉政知识竞赛, the office's side: the question bank and opening / ending a 竞赛 (request.ts, outbox). */
import {
  ZQuestionList,
  ZQuizList,
  type TQuestion,
  type TQuestionCreate,
  type TQuestionUpdate,
  type TQuiz,
  type TQuizCreate,
} from '@/models/quiz'
import { exportFileName } from '@/models/exportName'
import { openApiFile } from './download'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'

export const QUESTION_PAGE_SIZE = 20
/** The list route's largest page: how the question page looks one question up (the bank has no GET by id). */
const LOOKUP_PAGE_SIZE = 200
const questions = '/api/v1/quiz-questions'
const quizzes = '/api/v1/quizzes'

export interface QuestionFilter {
  /** quizTopicLabel's topic as the route takes it: '1'…'15', 'G', 'S', 'R'. */
  task?: string
  active?: 'true' | 'false'
  q?: string
}

export function fetchQuestions(page: number, filter: QuestionFilter = {}, pageSize = QUESTION_PAGE_SIZE) {
  return request({ path: questions, query: { page, pageSize, ...filter }, schema: ZQuestionList })
}

/** How many questions are 启用: the most a paper can hold. */
export async function fetchActiveCount(): Promise<number> {
  return (await fetchQuestions(1, { active: 'true' }, 1)).total
}

/**
 * The bank page hands the row it opens over here, so the question page draws it at once; opened from a
 * link instead, the page looks it up through the list.
 */
let handedOver: TQuestion | null = null
export function handOverQuestion(q: TQuestion): void {
  handedOver = q
}

export async function fetchQuestion(id: number): Promise<TQuestion> {
  if (handedOver?.id === id) return handedOver
  for (let page = 1; ; page++) {
    const list = await fetchQuestions(page, {}, LOOKUP_PAGE_SIZE)
    const found = list.items.find((q) => q.id === id)
    if (found) return found
    if (page * list.pageSize >= list.total || list.items.length === 0) throw new Error('没有找到该题目')
  }
}

export function fetchQuizzes(page: number) {
  return request({ path: quizzes, query: { page, pageSize: QUESTION_PAGE_SIZE }, schema: ZQuizList })
}

/**
 * 竞赛 that are 进行中 or 未开始 (chosen by the server, so an old long-running 竞赛 is not missed behind 200 newer
 * ended ones), for 题库's warning when fewer questions are 启用 than a paper of theirs needs.
 */
export async function fetchLiveQuizzes(): Promise<TQuiz[]> {
  const list = await request({
    path: quizzes,
    query: { page: 1, pageSize: 200, live: 'true' },
    schema: ZQuizList,
  })
  return list.items
}

export function queueQuestionCreate(body: TQuestionCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: questions,
    body,
    label: '新增竞赛题目',
    kind: 'quiz.question.create',
  })
}

export function queueQuestionUpdate(id: number, body: TQuestionUpdate, label = '修改竞赛题目'): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: `${questions}/${id}`,
    body,
    label,
    kind: 'quiz.question.update',
  })
}

/** 启用 / 停用 one question: the update route with the question as it is and only `active` changed. */
export function queueQuestionActive(q: TQuestion, active: boolean): OutboxEntry {
  const { kind, stem, options, answer, explanation, source } = q
  return queueQuestionUpdate(
    q.id,
    { kind, stem, options, answer, explanation, source, active },
    `${active ? '启用' : '停用'}题目 ${q.code}`,
  )
}

export function queueQuizCreate(body: TQuizCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: quizzes,
    body,
    label: `新建竞赛「${body.title}」`,
    kind: 'quiz.create',
  })
}

export function queueQuizClose(id: number, title: string): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${quizzes}/${id}/close`,
    label: `提前结束竞赛「${title}」`,
    kind: 'quiz.close',
  })
}

/**
 * 导出成绩: the 竞赛's 企业排名 and 个人成绩 workbook (a 监管员's holds their department's enterprises), with the
 * bearer token (as every export button).
 */
export function openQuizResults(quiz: { id: number; title: string }): Promise<void> {
  const name = exportFileName({ title: `${quiz.title}-成绩`, at: Date.now(), ext: 'xlsx' })
  return openApiFile(`${quizzes}/${quiz.id}/export`, name)
}
