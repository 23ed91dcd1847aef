import { sql } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'
import { supervisedEnterpriseIds } from '../../core/access'

/**
 * The 竞赛成绩 workbook's rows: the leaderboards' own rankings (repository.ts `enterprises` and `people`),
 * every row at once and limited to the enterprises a department supervises (null: the whole county).
 * Only counted papers (`submitted`); 超时交卷 (`late`) never count, as on the leaderboards.
 */
export const quizExportRepository = {
  /** Enterprises by the average of their people's best scores, then by how many took part (as 全县). */
  async enterprises(db: DbOrTrx, quizId: number, departmentIds: number[] | null) {
    let counted = db
      .selectFrom('quiz_papers')
      .select([
        'enterprise_id',
        'score',
        sql<number>`row_number() over (partition by enterprise_id, user_id order by score desc)`.as('rn'),
      ])
      .where('quiz_id', '=', quizId)
      .where('status', '=', 'submitted')
    if (departmentIds)
      counted = counted.where('enterprise_id', 'in', supervisedEnterpriseIds(db, departmentIds))
    const rows = await db
      .with('ranked', () => counted)
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
      .selectFrom('boards')
      .innerJoin('enterprises', 'enterprises.id', 'boards.enterprise_id')
      .select([
        'boards.enterprise_id',
        'enterprises.name',
        'boards.average',
        'boards.top',
        'boards.participants',
      ])
      .orderBy('boards.average', 'desc')
      .orderBy('boards.participants', 'desc')
      .orderBy('boards.enterprise_id', 'asc')
      .execute()
    return rows.map((r) => ({
      enterpriseId: r.enterprise_id,
      name: r.name,
      average: Math.round(Number(r.average) * 10) / 10,
      top: Number(r.top),
      participants: Number(r.participants),
    }))
  },

  /**
   * Each person's best counted paper per enterprise (score, then shorter time, then earlier hand-in, as
   * 本企业), with how many counted papers they handed in and when the last one was.
   */
  async people(db: DbOrTrx, quizId: number, departmentIds: number[] | null) {
    const window = sql`partition by enterprise_id, user_id`
    let counted = db
      .selectFrom('quiz_papers')
      .select([
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
      ])
      .where('quiz_id', '=', quizId)
      .where('status', '=', 'submitted')
    if (departmentIds)
      counted = counted.where('enterprise_id', 'in', supervisedEnterpriseIds(db, departmentIds))
    const rows = await db
      .with('ranked', () => counted)
      .selectFrom('ranked')
      .innerJoin('users', 'users.id', 'ranked.user_id')
      .select([
        'ranked.enterprise_id',
        'ranked.user_id',
        'users.name',
        'ranked.score',
        'ranked.seconds',
        'ranked.attempts',
        'ranked.last_at',
      ])
      .where('ranked.rn', '=', 1)
      .orderBy('ranked.enterprise_id', 'asc')
      .orderBy('ranked.score', 'desc')
      .orderBy('ranked.seconds', 'asc')
      .orderBy('ranked.submitted_at', 'asc')
      .orderBy('ranked.user_id', 'asc')
      .execute()
    return rows.map((r) => ({
      enterpriseId: r.enterprise_id,
      userId: r.user_id,
      name: r.name,
      best: Number(r.score),
      seconds: Number(r.seconds),
      attempts: Number(r.attempts),
      lastAt: r.last_at,
    }))
  },
}
