import { type AnyDb, createIndex, createTable, type DialectMigration } from './support'

/**
 * 廉政知识竞赛 (task 11). `quiz_questions` is the county's bank: the shipped questions (`built_in` 1, added at
 * start by code, never overwritten) and the office's own; `options` and `answer` are JSON. `quizzes` are the
 * office's 竞赛. `quiz_papers` are the papers the server drew: `question_ids` in drawn order, `day` the
 * 北京时间 day of the start; the unique (quiz, user, day, attempt) is what holds the attempts per day when
 * starts race. `seconds` is submitted − started, the leaderboards' tie-break.
 */
export const m0038_quiz: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'quiz_questions', {
      id: 'id',
      code: 'text! unique',
      kind: 'text!',
      stem: 'text!',
      options: 'text!',
      answer: 'text!',
      explanation: 'text!',
      source_task: 'text!',
      source_phrase: 'text!',
      active: 'integer!',
      built_in: 'integer!',
      created_at: 'text!',
      updated_at: 'text!',
    })
    await createIndex(db, 'quiz_questions_active', 'quiz_questions', ['active', 'source_task'])
    await createTable(db, dialect, 'quizzes', {
      id: 'id',
      title: 'text!',
      description: 'text',
      starts_on: 'text!',
      ends_on: 'text!',
      question_count: 'integer!',
      time_limit_minutes: 'integer!',
      attempts_per_day: 'integer!',
      created_by: 'integer! -> users.id',
      created_at: 'text!',
      closed_at: 'text',
    })
    await createTable(
      db,
      dialect,
      'quiz_papers',
      {
        id: 'id',
        quiz_id: 'integer! -> quizzes.id',
        user_id: 'integer! -> users.id',
        enterprise_id: 'integer! -> enterprises.id',
        day: 'text!',
        attempt_no: 'integer!',
        question_ids: 'text!',
        started_at: 'text!',
        deadline_at: 'text!',
        submitted_at: 'text',
        answers: 'text',
        score: 'integer',
        right_count: 'integer',
        seconds: 'integer',
        status: 'text!',
      },
      (t) => t.addUniqueConstraint('quiz_papers_attempt', ['quiz_id', 'user_id', 'day', 'attempt_no']),
    )
    await createIndex(db, 'quiz_papers_board', 'quiz_papers', ['quiz_id', 'status', 'enterprise_id'])
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('quiz_papers').execute()
    await db.schema.dropTable('quizzes').execute()
    await db.schema.dropTable('quiz_questions').execute()
  },
})
