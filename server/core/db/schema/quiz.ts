import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/quiz/`. */
export const quizColumns = {
  /** 廉政知识竞赛's bank (migration 0038); `options` and `answer` are JSON, `active`/`built_in` 0 or 1. */
  quiz_questions: {
    id: autoId,
    code: text,
    kind: column<'single' | 'multiple' | 'judge'>(),
    stem: text,
    options: text,
    answer: text,
    explanation: text,
    /** '1'..'15', 'G', 'S', 'R'. */
    source_task: text,
    source_phrase: text,
    active: num,
    built_in: num,
    created_at: text,
    updated_at: text,
  },
  quizzes: {
    id: autoId,
    title: text,
    description: textOrNull,
    starts_on: text,
    ends_on: text,
    question_count: num,
    time_limit_minutes: num,
    attempts_per_day: num,
    created_by: num,
    created_at: text,
    closed_at: textOrNull,
  },
  /** One drawn paper; `question_ids` and `answers` are JSON; `seconds` is submitted − started. */
  quiz_papers: {
    id: autoId,
    quiz_id: num,
    user_id: num,
    enterprise_id: num,
    day: text,
    attempt_no: num,
    question_ids: text,
    started_at: text,
    deadline_at: text,
    submitted_at: textOrNull,
    answers: textOrNull,
    score: numOrNull,
    right_count: numOrNull,
    seconds: numOrNull,
    status: column<'open' | 'submitted' | 'late'>(),
  },
}
