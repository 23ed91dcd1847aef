import { sql } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'
import { pageWithTotal, type PageRequest } from '../../core/db/page'
import { supervisedEnterpriseIds } from '../../core/access'

/**
 * Whose papers a ranking reads: one enterprise (本企业), the enterprises some departments supervise (a
 * 监管员's export), or the whole county (null: 全县 and the office's export).
 */
export type BoardScope = { enterpriseId: number } | { departmentIds: number[] } | null

/**
 * The rankings of 廉政知识竞赛, one query each for the leaderboards (a page) and the 竞赛成绩 workbook (every
 * row). Only counted papers (`submitted`): 超时交卷 (`late`) never count.
 */
export const quizBoardRepository = {
  /**
   * Each person's best counted paper per enterprise (score, then shorter time, then earlier hand-in), with
   * how many counted papers they handed in and when the last one was; by enterprise, then that order.
   */
  async people(db: DbOrTrx, quizId: number, scope: BoardScope, page?: PageRequest) {
    const window = sql`partition by enterprise_id, user_id`
    const best = db.with('ranked', () =>
      counted(db, quizId, scope).select([
        'enterprise_id',
        'user_id',
        'score',
        'seconds',
        'submitted_at',
        sql<number>`row_number() over (${window} order by score desc, seconds asc, submitted_at asc, id asc)`.as(
          'rn',
        ),
        sql<number | string>`count(*) over (${window})`.as('attempts'),
        sql<string>`max(submitted_at) over (${window})`.as('last_at'),
      ]),
    )
    const { rows, total } = await pageWithTotal(
      best.selectFrom('ranked').innerJoin('users', 'users.id', 'ranked.user_id').where('ranked.rn', '=', 1),
      (q) =>
        q
          .select([
            'ranked.enterprise_id',
            'ranked.user_id',
            'users.name',
            'ranked.score',
            'ranked.seconds',
            'ranked.attempts',
            'ranked.last_at',
          ])
          .orderBy('ranked.enterprise_id', 'asc')
          .orderBy('ranked.score', 'desc')
          .orderBy('ranked.seconds', 'asc')
          .orderBy('ranked.submitted_at', 'asc')
          .orderBy('ranked.user_id', 'asc'),
      page,
    )
    return {
      rows: rows.map((r) => ({
        enterpriseId: r.enterprise_id,
        userId: r.user_id,
        name: r.name,
        best: Number(r.score),
        seconds: Number(r.seconds),
        attempts: Number(r.attempts),
        lastAt: r.last_at,
      })),
      total,
    }
  },

  /** Enterprises by the average of their people's best counted scores, then by how many took part. */
  async enterprises(db: DbOrTrx, quizId: number, scope: BoardScope, page?: PageRequest) {
    const grouped = db
      .with('ranked', () =>
        counted(db, quizId, scope).select([
          'enterprise_id',
          'score',
          sql<number>`row_number() over (partition by enterprise_id, user_id order by score desc)`.as('rn'),
        ]),
      )
      .with('boards', (qc) =>
        qc
          .selectFrom('ranked')
          .select((eb) => [
            'enterprise_id',
            sql<number | string>`avg(score * 1.0)`.as('average'),
            eb.fn.max('score').as('top'),
            eb.fn.countAll<number | string>().as('participants'),
          ])
          .where('rn', '=', 1)
          .groupBy('enterprise_id'),
      )
    const { rows, total } = await pageWithTotal(
      grouped.selectFrom('boards').innerJoin('enterprises', 'enterprises.id', 'boards.enterprise_id'),
      (q) =>
        q
          .select([
            'boards.enterprise_id',
            'enterprises.name',
            'boards.average',
            'boards.top',
            'boards.participants',
          ])
          .orderBy('boards.average', 'desc')
          .orderBy('boards.participants', 'desc')
          .orderBy('boards.enterprise_id', 'asc'),
      page,
    )
    return {
      rows: rows.map((r) => ({
        enterpriseId: r.enterprise_id,
        name: r.name,
        average: Math.round(Number(r.average) * 10) / 10,
        top: Number(r.top),
        participants: Number(r.participants),
      })),
      total,
    }
  },
}

/** The counted papers of that quiz within the scope. */
function counted(db: DbOrTrx, quizId: number, scope: BoardScope) {
  let query = db.selectFrom('quiz_papers').where('quiz_id', '=', quizId).where('status', '=', 'submitted')
  if (scope && 'enterpriseId' in scope) query = query.where('enterprise_id', '=', scope.enterpriseId)
  else if (scope) query = query.where('enterprise_id', 'in', supervisedEnterpriseIds(db, scope.departmentIds))
  return query
}
