import type { z } from 'zod'
import type { DbOrTrx } from '../../core/db/database'
import { AppError, found, notFound } from '../../core/errors'
import {
  heldOrganisationIds,
  holdsRole,
  isOffice,
  supervisesEnterprise,
  type AuthContext,
} from '../../core/access'
import { hasRow } from '../../core/db/rows'
import { ENTERPRISE_ROLES } from '../../../src/models/roles'
import type { TLeaderboard, ZLeaderboardQuery } from '../../../src/models/quiz'
import { quizRepository } from './repository'
import { quizBoardRepository } from './leaderboardRepository'

/**
 * 排行榜: only counted papers (handed in within the time limit plus the grace), each person's best.
 * 本企业 is seen by the enterprise's members, its supervising departments and the office (anyone else: the
 * 404 of a missing enterprise); 全县 by everyone signed in.
 */
async function mayReadEnterprise(db: DbOrTrx, auth: AuthContext, enterpriseId: number): Promise<boolean> {
  if (holdsRole(auth, 'enterprise', enterpriseId, ENTERPRISE_ROLES)) return true
  if (isOffice(auth)) return hasRow(db, 'enterprises', { id: enterpriseId })
  return supervisesEnterprise(db, auth, enterpriseId)
}

export async function leaderboard(
  db: DbOrTrx,
  auth: AuthContext,
  quizId: number,
  query: z.infer<typeof ZLeaderboardQuery>,
): Promise<TLeaderboard> {
  await found(quizRepository.findQuiz(db, quizId))
  const { page, pageSize } = query
  const offset = (page - 1) * pageSize
  if (query.scope === 'enterprise') {
    if (query.enterpriseId === undefined)
      throw new AppError(400, 'VALIDATION_FAILED', undefined, [
        { path: 'enterpriseId', message: '请选择企业' },
      ])
    if (!(await mayReadEnterprise(db, auth, query.enterpriseId))) throw notFound()
    const { rows, total } = await quizBoardRepository.people(
      db,
      quizId,
      { enterpriseId: query.enterpriseId },
      { page, pageSize },
    )
    return {
      scope: 'enterprise',
      people: {
        items: rows.map((r, i) => ({
          rank: offset + i + 1,
          name: r.name,
          best: r.best,
          seconds: r.seconds,
          isMe: r.userId === auth.user.id,
        })),
        total,
        page,
        pageSize,
      },
      enterprises: null,
    }
  }
  const mine = new Set(heldOrganisationIds(auth, 'enterprise'))
  const { rows, total } = await quizBoardRepository.enterprises(db, quizId, null, { page, pageSize })
  return {
    scope: 'county',
    people: null,
    enterprises: {
      items: rows.map((r, i) => ({
        rank: offset + i + 1,
        enterpriseId: r.enterpriseId,
        name: r.name,
        participants: r.participants,
        average: r.average,
        isMine: mine.has(r.enterpriseId),
      })),
      total,
      page,
      pageSize,
    },
  }
}
