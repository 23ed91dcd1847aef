import type { DbOrTrx } from '../../core/db/database'
import { namesById } from '../../core/db/names'
import { heldOrganisationIds, type AuthContext } from '../../core/access'
import type { TTodo } from '../../../src/models/todo'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { quizRepository } from './repository'

/**
 * 参加廉政知识竞赛: for everyone with an enterprise membership, each open 竞赛 in which they have no counted
 * paper yet (a late one does not count), due on its last day. It goes once a paper is handed in on time.
 */
export async function quizTodos(
  db: DbOrTrx,
  auth: AuthContext,
  now: number,
): Promise<Omit<TTodo, 'overdue'>[]> {
  const enterprises = heldOrganisationIds(auth, 'enterprise')
  if (enterprises.length === 0) return []
  const open = await quizRepository.openOn(db, shanghaiDate(now))
  if (open.length === 0) return []
  const [done, names] = await Promise.all([
    quizRepository.usersWithCountedPaper(
      db,
      open.map((q) => q.id),
      auth.user.id,
    ),
    namesById(db, 'enterprises', [enterprises[0]]),
  ])
  return open
    .filter((q) => !done.has(q.id))
    .map((q) => ({
      kind: 'quiz_open' as const,
      key: `quiz:${q.id}`,
      title: `参加「${q.title}」`,
      detail: names.get(enterprises[0]) ?? '',
      dueDate: q.ends_on,
      enterpriseId: enterprises[0],
      recordId: q.id,
    }))
}
