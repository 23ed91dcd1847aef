import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

/** 廉政知识竞赛's bank (migration 0038); `options` and `answer` are JSON, `active`/`built_in` 0 or 1. */
export interface QuizQuestionTable {
  id: Generated<number>
  code: string
  kind: 'single' | 'multiple' | 'judge'
  stem: string
  options: string
  answer: string
  explanation: string
  /** '1'..'15', 'G', 'S', 'R'. */
  source_task: string
  source_phrase: string
  active: number
  built_in: number
  created_at: string
  updated_at: string
}

export interface QuizTable {
  id: Generated<number>
  title: string
  description: string | null
  starts_on: string
  ends_on: string
  question_count: number
  time_limit_minutes: number
  attempts_per_day: number
  created_by: number
  created_at: string
  closed_at: string | null
}

/** One drawn paper; `question_ids` and `answers` are JSON; `seconds` is submitted − started. */
export interface QuizPaperTable {
  id: Generated<number>
  quiz_id: number
  user_id: number
  enterprise_id: number
  day: string
  attempt_no: number
  question_ids: string
  started_at: string
  deadline_at: string
  submitted_at: string | null
  answers: string | null
  score: number | null
  right_count: number | null
  seconds: number | null
  status: 'open' | 'submitted' | 'late'
}

/** The tables of `server/features/quiz/`. */
export interface QuizTables {
  quiz_questions: QuizQuestionTable
  quizzes: QuizTable
  quiz_papers: QuizPaperTable
}

export const quizColumns = {
  quiz_questions: {
    id: true,
    code: true,
    kind: true,
    stem: true,
    options: true,
    answer: true,
    explanation: true,
    source_task: true,
    source_phrase: true,
    active: true,
    built_in: true,
    created_at: true,
    updated_at: true,
  },
  quizzes: {
    id: true,
    title: true,
    description: true,
    starts_on: true,
    ends_on: true,
    question_count: true,
    time_limit_minutes: true,
    attempts_per_day: true,
    created_by: true,
    created_at: true,
    closed_at: true,
  },
  quiz_papers: {
    id: true,
    quiz_id: true,
    user_id: true,
    enterprise_id: true,
    day: true,
    attempt_no: true,
    question_ids: true,
    started_at: true,
    deadline_at: true,
    submitted_at: true,
    answers: true,
    score: true,
    right_count: true,
    seconds: true,
    status: true,
  },
} as const satisfies SchemaColumns<QuizTables>
