/**
 * The office's quiz forms as pure logic (tests/unit/components/quizOfficeForms.test.ts): a question's
 * options and right answers as they are edited, and the checks each form runs before it sends.
 */
import {
  JUDGE_OPTIONS,
  QUIZ_LIMITS,
  questionProblems,
  ZQuestionCreate,
  ZQuizCreate,
  type TQuestionCreate,
  type TQuestionKind,
  type TQuizCreate,
  type TQuizTopic,
} from '@/models/quiz'
import type { Checked } from '@/hooks/useFormSend'
import { pickerDay } from '@/models/format'
import { shanghaiDate, shanghaiDateAfterDays } from '@/models/shanghaiTime'

/** Every topic a question can cite, in the programme's order (总体要求, 任务1…15, 实施步骤, 工作要求). */
export const QUIZ_TOPICS: readonly TQuizTopic[] = [
  'G',
  ...Array.from({ length: 15 }, (_, i) => i + 1),
  'S',
  'R',
]

export const MIN_OPTIONS = 2
export const MAX_OPTIONS = 6

export interface OptionsDraft {
  kind: TQuestionKind
  options: string[]
  answer: number[]
}

/** Another kind: 判断 takes its two fixed options; leaving 判断 starts from two blank ones; the answer goes. */
export function withKind(draft: OptionsDraft, kind: TQuestionKind): OptionsDraft {
  if (kind === draft.kind) return draft
  if (kind === 'judge') return { kind, options: [...JUDGE_OPTIONS], answer: [] }
  if (draft.kind === 'judge') return { kind, options: ['', ''], answer: [] }
  // 单选 → 多选 keeps its answer; 多选 → 单选 keeps a single one; anything else is marked again.
  const keep = kind === 'multiple' || draft.answer.length === 1
  return { kind, options: draft.options, answer: keep ? draft.answer : [] }
}

/** Tapping an option's mark: 单选 / 判断 pick it alone, 多选 toggles it; answers stay ascending. */
export function toggleAnswer(draft: OptionsDraft, index: number): number[] {
  if (draft.kind !== 'multiple') return [index]
  const next = draft.answer.includes(index)
    ? draft.answer.filter((i) => i !== index)
    : [...draft.answer, index]
  return next.sort((a, b) => a - b)
}

export function addOption(draft: OptionsDraft): OptionsDraft {
  if (draft.kind === 'judge' || draft.options.length >= MAX_OPTIONS) return draft
  return { ...draft, options: [...draft.options, ''] }
}

/** Removes option `index`; the right answers after it move up with their options. */
export function removeOption(draft: OptionsDraft, index: number): OptionsDraft {
  if (draft.kind === 'judge' || draft.options.length <= MIN_OPTIONS) return draft
  return {
    ...draft,
    options: draft.options.filter((_, i) => i !== index),
    answer: draft.answer.filter((i) => i !== index).map((i) => (i > index ? i - 1 : i)),
  }
}

/** The letter an option is shown with (A, B, C …). */
export const optionLetter = (index: number) => String.fromCharCode(65 + index)

/** A question as the form sends it: the schema's per-field messages first, then the shape's problems. */
export function checkQuestion(fields: TQuestionCreate): Checked<TQuestionCreate> {
  const checked = ZQuestionCreate.safeParse(fields)
  if (!checked.success) return checked
  const problems = questionProblems(checked.data)
  if (problems.length) return { success: false, error: { issues: problems.map((message) => ({ message })) } }
  return checked
}

/** The 新建竞赛 form as typed: numbers are text fields until checked. */
export interface QuizDraft {
  title: string
  description: string
  startsOn: string
  endsOn: string
  questionCount: string
  timeLimitMinutes: string
  attemptsPerDay: string
}

/** 每卷题数 a new 竞赛 starts with. */
export const DEFAULT_QUESTION_COUNT = 20

/**
 * 每卷题数 as the form first shows it: 20, or every active question when the county has switched most
 * off (null while the count is unknown), so that the form as it opens can be sent.
 */
/**
 * 新建竞赛's window by default (北京时间 today → +30) and the days its picker offers (today → two years on),
 * worked out in 北京时间 so a phone set to another zone neither starts yesterday nor hides today.
 */
export function quizWindow(now: number) {
  const startsOn = shanghaiDate(now)
  return {
    startsOn,
    endsOn: shanghaiDateAfterDays(now, 30),
    earliest: pickerDay(startsOn),
    latest: pickerDay(shanghaiDateAfterDays(now, 730)),
  }
}

export function initialQuestionCount(activeCount: number | null): string {
  return String(activeCount === null ? DEFAULT_QUESTION_COUNT : Math.min(DEFAULT_QUESTION_COUNT, activeCount))
}

/** The line under 每卷题数: how many questions the bank has active, and what a paper may hold. */
export function questionCountHint(activeCount: number | null): string {
  const { min, max } = QUIZ_LIMITS.questionCount
  if (activeCount === null) return `${min}–${max} 题，每人每卷从题库随机抽取`
  if (activeCount < min)
    return `题库中启用的题目只有 ${activeCount} 道，每卷至少 ${min} 题：请先到题库启用或新增题目`
  return `题库中启用的题目 ${activeCount} 道；每卷 ${min}–${Math.min(max, activeCount)} 题，每人每卷随机抽取`
}

const NUMBER_LABELS = {
  questionCount: '每卷题数',
  timeLimitMinutes: '限时（分钟）',
  attemptsPerDay: '每天可答次数',
} as const

const fail = (message: string): Checked<TQuizCreate> => ({ success: false, error: { issues: [{ message }] } })

/**
 * 新建竞赛's check: whole numbers, the schema's limits, dates in order and not already past, and a paper
 * no larger than the questions that are 启用 (`activeCount`; null while it is unknown: the server checks).
 */
export function checkQuiz(draft: QuizDraft, today: string, activeCount: number | null): Checked<TQuizCreate> {
  const numbers = {} as Record<keyof typeof NUMBER_LABELS, number>
  for (const key of Object.keys(NUMBER_LABELS) as (keyof typeof NUMBER_LABELS)[]) {
    const text = draft[key].trim()
    if (!/^\d+$/.test(text)) return fail(`${NUMBER_LABELS[key]}请填写整数`)
    numbers[key] = Number(text)
  }
  const checked = ZQuizCreate.safeParse({
    title: draft.title.trim(),
    description: draft.description.trim() ? draft.description : null,
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
    ...numbers,
  })
  if (!checked.success) return checked
  if (checked.data.endsOn < checked.data.startsOn) return fail('结束日期不能早于开始日期')
  if (checked.data.endsOn < today) return fail('结束日期不能早于今天')
  if (activeCount !== null && checked.data.questionCount > activeCount)
    return fail(`每卷题数不能多于启用的题目（${activeCount} 道）`)
  return checked
}
