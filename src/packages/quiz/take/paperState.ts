/**
 * The pure part of answering a 竞赛 paper or a 练习 set: choosing options, what is still blank, the body
 * handed in, the countdown on the server's clock, and the choices kept on the device while answering.
 */
import type { TPaperQuestion, TPaperSubmission, TQuestionKind } from '@/models/quiz'
import type { KeyValueStorage } from '@/services/storage'

/** Chosen option indexes by question id (a key absent or [] is a question left blank). */
export type Choices = Record<number, number[]>

/** A tap on option `index`: 单选/判断 take it alone, 多选 toggles it (kept ascending, as the server stores). */
export function pick(kind: TQuestionKind, current: readonly number[], index: number): number[] {
  if (kind !== 'multiple') return [index]
  const next = current.includes(index) ? current.filter((i) => i !== index) : [...current, index]
  return next.sort((a, b) => a - b)
}

export const answered = (choices: Choices, questionId: number): boolean =>
  (choices[questionId]?.length ?? 0) > 0

/** The 1-based numbers of the questions still blank, in paper order. */
export function blankNumbers(questions: readonly Pick<TPaperQuestion, 'id'>[], choices: Choices): number[] {
  return questions.flatMap((q, i) => (answered(choices, q.id) ? [] : [i + 1]))
}

/** 交卷's confirm: which questions are blank, named (the first ten, then how many in all). */
export function handInPrompt(blank: readonly number[], total: number): string {
  if (blank.length === 0) return `${total} 题已全部作答，交卷后不能修改。`
  const shown = blank.slice(0, 10).join('、')
  const which = blank.length > 10 ? `${shown} 等 ${blank.length} 题` : `${shown} 题`
  return `第 ${which}未作答，交卷后不能修改，未作答的题不得分。`
}

/** The body of the hand-in: every question of the paper, in its order, blank ones as []. */
export function submissionOf(
  questions: readonly Pick<TPaperQuestion, 'id'>[],
  choices: Choices,
): TPaperSubmission {
  return { answers: questions.map((q) => ({ questionId: q.id, choice: choices[q.id] ?? [] })) }
}

/**
 * How far the server's clock is ahead of the phone's (ms), from an answer's `Date` header: the header is
 * the second the server answered, taken as the middle of that second and of the round trip. 0 without one.
 */
export function clockOffset(dateHeader: string | undefined, sentAt: number, receivedAt: number): number {
  const server = dateHeader ? Date.parse(dateHeader) : NaN
  if (Number.isNaN(server)) return 0
  return server + 500 - (sentAt + receivedAt) / 2
}

/**
 * Milliseconds left before the paper's deadline on the server's clock, never below 0 and never more than
 * its time limit: the offset is known to within half a second, and a fresh 10-minute paper showing 10:01
 * looks like a wrong limit.
 */
export function remainingMs(
  paper: { startedAt: string; deadlineAt: string },
  deviceNow: number,
  offsetMs: number,
): number {
  const deadline = Date.parse(paper.deadlineAt)
  const limit = deadline - Date.parse(paper.startedAt)
  return Math.max(0, Math.min(limit, deadline - (deviceNow + offsetMs)))
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 09:58, or 1:04:05 past an hour (rounded up: 0:00 only once time is up). */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`
}

/** Where a paper's choices are kept on the device while it is answered (per user: a shared phone). */
export const choicesKey = (userId: number, paperId: number) => `u${userId}:quiz:paper:${paperId}`

/** The choices kept for a paper, only those of its own questions and options; {} when none or unreadable. */
export function readChoices(
  storage: KeyValueStorage,
  key: string,
  questions: readonly Pick<TPaperQuestion, 'id' | 'options'>[],
): Choices {
  let raw: unknown
  try {
    raw = JSON.parse(storage.get(key) ?? '{}')
  } catch {
    return {}
  }
  if (!raw || typeof raw !== 'object') return {}
  const kept = raw as Record<string, unknown>
  const choices: Choices = {}
  for (const q of questions) {
    const c = kept[String(q.id)]
    if (!Array.isArray(c)) continue
    const valid = c.filter((i): i is number => Number.isInteger(i) && i >= 0 && i < q.options.length)
    if (valid.length) choices[q.id] = [...new Set(valid)].sort((a, b) => a - b)
  }
  return choices
}

export function writeChoices(storage: KeyValueStorage, key: string, choices: Choices): void {
  try {
    storage.set(key, JSON.stringify(choices))
  } catch {
    // A full storage only loses the resume after a crash; answering goes on.
  }
}
