import { type Insertable, type Selectable, sql, type Updateable } from 'kysely'
import { changedOne, type DbOrTrx } from '../../core/db/database'
import { findRow } from '../../core/db/rows'
import { pageWithTotal, type PageRequest } from '../../core/db/page'
import type { QuizPaperTable, QuizQuestionTable, QuizTable } from '../../core/db/schema'

export type QuestionRow = Selectable<QuizQuestionTable>
export type QuizRow = Selectable<QuizTable>
export type PaperRow = Selectable<QuizPaperTable>

export interface QuestionFilter {
  task?: string
  active?: boolean
  q?: string
}

/** The office's own questions are coded Q-C-0001, Q-C-0002, … */
const COUNTY_CODE_PREFIX = 'Q-C-'

/** 廉政知识竞赛's rows: the bank, the 竞赛 and the drawn papers. */
export const quizRepository = {
  // ---------- the bank ----------

  /** Adds the shipped questions whose code is not there yet; an existing code is left as the county keeps it. */
  async insertMissing(db: DbOrTrx, rows: Omit<Insertable<QuizQuestionTable>, 'id'>[]): Promise<number> {
    let added = 0
    for (const row of rows) {
      const done = await db
        .insertInto('quiz_questions')
        .values(row)
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (done) added++
    }
    return added
  },

  pageQuestions(db: DbOrTrx, filter: QuestionFilter, page: PageRequest) {
    let query = db.selectFrom('quiz_questions')
    if (filter.task) query = query.where('source_task', '=', filter.task)
    if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0)
    if (filter.q) {
      const pattern = `%${filter.q.toLowerCase()}%`
      query = query.where((eb) =>
        eb.or([eb(eb.fn('lower', ['stem']), 'like', pattern), eb(eb.fn('lower', ['code']), 'like', pattern)]),
      )
    }
    // The county's own questions first, newest on top (the clerk sees what they just added); then the
    // shipped bank in its order.
    return pageWithTotal(
      query,
      (q) =>
        q
          .selectAll()
          .orderBy('built_in')
          .orderBy(sql`case when built_in = 0 then -id else id end`),
      page,
    )
  },

  findQuestion(db: DbOrTrx, id: number): Promise<QuestionRow | undefined> {
    return findRow(db, 'quiz_questions', { id })
  },

  questionsByIds(db: DbOrTrx, ids: number[]): Promise<QuestionRow[]> {
    if (ids.length === 0) return Promise.resolve([])
    return db.selectFrom('quiz_questions').selectAll().where('id', 'in', ids).execute()
  },

  /** `count` active questions (of one part of the programme when `task` is given), in random order. */
  randomActive(db: DbOrTrx, count: number, task?: string): Promise<QuestionRow[]> {
    let query = db.selectFrom('quiz_questions').selectAll().where('active', '=', 1)
    if (task) query = query.where('source_task', '=', task)
    return query
      .orderBy(sql`random()`)
      .limit(count)
      .execute()
  },

  async countActive(db: DbOrTrx): Promise<number> {
    const row = await db
      .selectFrom('quiz_questions')
      .select(sql<number | string>`count(*)`.as('n'))
      .where('active', '=', 1)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  /**
   * A county question under the next free Q-C code. Two offices adding at once compute the same code: the
   * second insert does nothing at the unique code (after the first commits) and takes the next one.
   */
  async insertCountyQuestion(
    db: DbOrTrx,
    values: Omit<Insertable<QuizQuestionTable>, 'id' | 'code'>,
  ): Promise<number> {
    for (let tries = 0; tries < 10; tries++) {
      const last = await db
        .selectFrom('quiz_questions')
        .select((eb) => eb.fn.max('code').as('code'))
        .where('code', 'like', `${COUNTY_CODE_PREFIX}%`)
        .executeTakeFirst()
      const next = Number(String(last?.code ?? '').slice(COUNTY_CODE_PREFIX.length) || 0) + 1
      const code = `${COUNTY_CODE_PREFIX}${String(next).padStart(4, '0')}`
      const row = await db
        .insertInto('quiz_questions')
        .values({ ...values, code })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (row) return row.id
    }
    throw new Error('no free county question code after 10 tries')
  },

  async updateQuestion(db: DbOrTrx, id: number, changes: Updateable<QuizQuestionTable>): Promise<void> {
    await db.updateTable('quiz_questions').set(changes).where('id', '=', id).execute()
  },

  // ---------- 竞赛 ----------

  async insertQuiz(db: DbOrTrx, values: Omit<Insertable<QuizTable>, 'id'>): Promise<number> {
    const row = await db.insertInto('quizzes').values(values).returning('id').executeTakeFirstOrThrow()
    return row.id
  },

  findQuiz(db: DbOrTrx, id: number): Promise<QuizRow | undefined> {
    return findRow(db, 'quizzes', { id })
  },

  /** Newest first; with `liveOn` (北京时间 day) only those not ended by then: not closed, last day not past. */
  pageQuizzes(db: DbOrTrx, page: PageRequest, liveOn?: string) {
    const quizzes = liveOn
      ? db.selectFrom('quizzes').where('closed_at', 'is', null).where('ends_on', '>=', liveOn)
      : db.selectFrom('quizzes')
    return pageWithTotal(quizzes, (q) => q.selectAll().orderBy('id', 'desc'), page)
  },

  /** Ends a quiz early: false when it was closed already (the second close changes nothing). */
  close(db: DbOrTrx, id: number, at: string): Promise<boolean> {
    return changedOne(
      db.updateTable('quizzes').set({ closed_at: at }).where('id', '=', id).where('closed_at', 'is', null),
    )
  },

  /** The quizzes open on `today` (北京时间), for the to-do. */
  openOn(db: DbOrTrx, today: string): Promise<QuizRow[]> {
    return db
      .selectFrom('quizzes')
      .selectAll()
      .where('closed_at', 'is', null)
      .where('starts_on', '<=', today)
      .where('ends_on', '>=', today)
      .orderBy('id')
      .execute()
  },

  // ---------- papers ----------

  /**
   * One user's standing in these quizzes: attempts started on `today`, best counted score, and an open
   * paper whose deadline is after `openAfter` (ISO; the grace taken off already).
   */
  async standing(db: DbOrTrx, userId: number, quizIds: number[], today: string, openAfter: string) {
    if (quizIds.length === 0) return new Map<number, Standing>()
    const rows = await db
      .selectFrom('quiz_papers')
      .select((eb) => [
        'quiz_id',
        eb.fn.sum<number | string>(eb.case().when('day', '=', today).then(1).else(0).end()).as('today'),
        eb.fn
          .max<number | null>(eb.case().when('status', '=', 'submitted').then(eb.ref('score')).end())
          .as('best'),
        eb.fn
          .max<number | null>(
            eb
              .case()
              .when(eb.and([eb('status', '=', 'open'), eb('deadline_at', '>', openAfter)]))
              .then(eb.ref('id'))
              .end(),
          )
          .as('open_id'),
      ])
      .where('user_id', '=', userId)
      .where('quiz_id', 'in', quizIds)
      .groupBy('quiz_id')
      .execute()
    return new Map<number, Standing>(
      rows.map((r) => [
        r.quiz_id,
        {
          attemptsToday: Number(r.today ?? 0),
          best: r.best === null ? null : Number(r.best),
          openPaperId: r.open_id === null ? null : Number(r.open_id),
        },
      ]),
    )
  },

  /** The highest attempt number this user has on that day of that quiz (0: none yet). */
  async lastAttempt(db: DbOrTrx, quizId: number, userId: number, day: string): Promise<number> {
    const row = await db
      .selectFrom('quiz_papers')
      .select((eb) => eb.fn.max('attempt_no').as('n'))
      .where('quiz_id', '=', quizId)
      .where('user_id', '=', userId)
      .where('day', '=', day)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  },

  /** The user's open paper of that quiz whose deadline is after `openAfter` (the newest). */
  openPaper(db: DbOrTrx, quizId: number, userId: number, openAfter: string): Promise<PaperRow | undefined> {
    return db
      .selectFrom('quiz_papers')
      .selectAll()
      .where('quiz_id', '=', quizId)
      .where('user_id', '=', userId)
      .where('status', '=', 'open')
      .where('deadline_at', '>', openAfter)
      .orderBy('id', 'desc')
      .executeTakeFirst()
  },

  /**
   * A new paper, unless that attempt number is taken (a concurrent start of the same user took it first:
   * the unique (quiz, user, day, attempt) makes the second insert wait for the first and then do nothing).
   */
  async insertPaper(db: DbOrTrx, values: Omit<Insertable<QuizPaperTable>, 'id'>): Promise<number | null> {
    const row = await db
      .insertInto('quiz_papers')
      .values(values)
      .onConflict((oc) => oc.columns(['quiz_id', 'user_id', 'day', 'attempt_no']).doNothing())
      .returning('id')
      .executeTakeFirst()
    return row?.id ?? null
  },

  /** The paper if it is this user's; anyone else's finds nothing. */
  findPaper(db: DbOrTrx, id: number, userId: number): Promise<PaperRow | undefined> {
    return findRow(db, 'quiz_papers', { id, user_id: userId })
  },

  /** Hands a paper in: false when it was handed in already (a concurrent or repeated hand-in). */
  submit(db: DbOrTrx, id: number, changes: Updateable<QuizPaperTable>): Promise<boolean> {
    return changedOne(
      db.updateTable('quiz_papers').set(changes).where('id', '=', id).where('submitted_at', 'is', null),
    )
  },

  /** Users among these who have a counted (on-time) paper in that quiz. */
  async usersWithCountedPaper(db: DbOrTrx, quizIds: number[], userId: number): Promise<Set<number>> {
    if (quizIds.length === 0) return new Set()
    const rows = await db
      .selectFrom('quiz_papers')
      .select('quiz_id')
      .distinct()
      .where('user_id', '=', userId)
      .where('quiz_id', 'in', quizIds)
      .where('status', '=', 'submitted')
      .execute()
    return new Set(rows.map((r) => r.quiz_id))
  },
}

export interface Standing {
  attemptsToday: number
  best: number | null
  openPaperId: number | null
}
