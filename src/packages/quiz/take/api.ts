/** 廉政知识竞赛 as people take it: typed calls of the quiz routes, and the hand-in queued in the outbox. */
import {
  ZLeaderboard,
  ZPaper,
  ZPractice,
  ZQuiz,
  ZQuizList,
  type TPaper,
  type TPaperSubmission,
} from '@/models/quiz'
import { getOutbox, type OutboxEntry } from '@/services/outbox'
import {
  ApiError,
  apiErrorFromResponse,
  BAD_RESPONSE_MESSAGE,
  parseBody,
  request,
  requestRaw,
} from '@/services/request'
import { newIdempotencyKey } from '@/services/idempotencyKey'
import { clockOffset } from './paperState'

export const QUIZ_WRITE_KINDS = { submit: 'quiz.submit' } as const
export const QUIZ_PAGE_SIZE = 20
export const LEADERBOARD_PAGE_SIZE = 20

export const paperPath = (paperId: number) => `/api/v1/quiz-papers/${paperId}`
export const submissionPath = (paperId: number) => `${paperPath(paperId)}/submission`

export function fetchQuizzes(page: number) {
  return request({ path: '/api/v1/quizzes', query: { page, pageSize: QUIZ_PAGE_SIZE }, schema: ZQuizList })
}

export function fetchQuiz(quizId: number) {
  return request({ path: `/api/v1/quizzes/${quizId}`, schema: ZQuiz })
}

/** A paper, with how far the server's clock is ahead of the phone's (its countdown runs on the server's). */
export async function fetchPaper(paperId: number): Promise<{ paper: TPaper; offsetMs: number }> {
  const sentAt = Date.now()
  const res = await requestRaw({ path: paperPath(paperId) })
  const receivedAt = Date.now()
  if (res.status < 200 || res.status >= 300) throw apiErrorFromResponse(res.status, res.data)
  const parsed = ZPaper.safeParse(parseBody(res.data))
  if (!parsed.success) throw new ApiError(res.status, 'BAD_RESPONSE', BAD_RESPONSE_MESSAGE)
  const date = Object.entries(res.headers ?? {}).find(([name]) => name.toLowerCase() === 'date')?.[1]
  return { paper: parsed.data, offsetMs: clockOffset(date, sentAt, receivedAt) }
}

export function fetchPractice(task?: string) {
  return request({ path: '/api/v1/quiz/practice', query: { task }, schema: ZPractice })
}

export function fetchLeaderboard(
  quizId: number,
  scope: 'enterprise' | 'county',
  enterpriseId: number | null,
  page: number,
) {
  return request({
    path: `/api/v1/quizzes/${quizId}/leaderboard`,
    query: {
      scope,
      enterpriseId: scope === 'enterprise' ? (enterpriseId ?? undefined) : undefined,
      page,
      pageSize: LEADERBOARD_PAGE_SIZE,
    },
    schema: ZLeaderboard,
  })
}

/**
 * 开始答题 (or 继续答题: the server answers the open paper again). Sent now, not through the outbox: a start
 * queued without signal would start the clock at some later moment nobody chose, so without signal the
 * user is told and starts again later. The key makes a retried request start one paper only.
 */
export function startPaper(quizId: number, enterpriseId: number): Promise<TPaper> {
  return request({
    method: 'POST',
    path: `/api/v1/quizzes/${quizId}/papers`,
    body: { enterpriseId },
    headers: { 'Idempotency-Key': newIdempotencyKey() },
    schema: ZPaper,
  })
}

export function queueHandIn(paper: Pick<TPaper, 'id' | 'quizTitle'>, body: TPaperSubmission): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: submissionPath(paper.id),
    body,
    label: `交卷「${paper.quizTitle}」`,
    kind: QUIZ_WRITE_KINDS.submit,
  })
}

/** A hand-in of this paper still waiting in the outbox (queued without signal), if any. */
export function pendingHandIn(paperId: number): OutboxEntry | null {
  const path = submissionPath(paperId)
  return (
    getOutbox()
      .list()
      .find((e) => e.path === path && e.status === 'pending') ?? null
  )
}
