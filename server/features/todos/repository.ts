import { supervisedEnterpriseIds } from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'

/** Self-assessments with their campaign and enterprise, as a to-do names them. */
const assessmentRows = (db: DbOrTrx) =>
  db
    .selectFrom('assessments as a')
    .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select([
      'a.id',
      'a.status',
      'a.enterprise_id',
      'a.submitted_at',
      'a.reviewed_at',
      'e.name as enterprise_name',
    ])
    .select(['c.name as campaign_name', 'c.due_date'])

/** 整改 items with their enterprise, as a to-do names them. */
const rectificationRows = (db: DbOrTrx) =>
  db
    .selectFrom('rectifications as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select([
      'r.id',
      'r.status',
      'r.source',
      'r.title',
      'r.deadline',
      'r.enterprise_id',
      'r.updated_at',
      'e.name as enterprise_name',
    ])

/** The open records behind the to-do list; each query is narrowed to the caller's organisations. */
export const todosRepository = {
  /** The to-do keys the user had when they last looked at 任务 (H5 digest), and when. */
  async seen(db: DbOrTrx, userId: number): Promise<{ keys: string[]; seenAt: string } | null> {
    const row = await db
      .selectFrom('todo_seen')
      .select(['keys', 'seen_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return row ? { keys: JSON.parse(row.keys) as string[], seenAt: row.seen_at } : null
  },

  async markSeen(db: DbOrTrx, userId: number, keys: string[], now: string): Promise<void> {
    const values = { keys: JSON.stringify(keys), seen_at: now }
    await db
      .insertInto('todo_seen')
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute()
  },

  /** Self-assessments still to fill or to correct, of the enterprises where the caller answers them. */
  async openAssessments(db: DbOrTrx, enterpriseIds: number[]) {
    if (enterpriseIds.length === 0) return []
    // A closed campaign's drafts are no longer anyone's task.
    return assessmentRows(db)
      .where('a.enterprise_id', 'in', enterpriseIds)
      .where('a.status', 'in', ['draft', 'returned'])
      .where('c.closed_at', 'is', null)
      .execute()
  },

  /** Submitted self-assessments of the enterprises these departments supervise: they wait for 审核. */
  async assessmentsToReview(db: DbOrTrx, departmentIds: number[]) {
    if (departmentIds.length === 0) return []
    return assessmentRows(db)
      .where('a.enterprise_id', 'in', supervisedEnterpriseIds(db, departmentIds))
      .where('a.status', '=', 'submitted')
      .execute()
  },

  /** 整改 items the enterprises must still work on (open, returned). */
  async openRectifications(db: DbOrTrx, enterpriseIds: number[]) {
    if (enterpriseIds.length === 0) return []
    return rectificationRows(db)
      .where('r.enterprise_id', 'in', enterpriseIds)
      .where('r.status', 'in', ['open', 'returned'])
      .execute()
  },

  /** 整改 items answered by the enterprises these departments supervise: they wait for 核验. */
  async rectificationsToVerify(db: DbOrTrx, departmentIds: number[]) {
    if (departmentIds.length === 0) return []
    return rectificationRows(db)
      .where('r.enterprise_id', 'in', supervisedEnterpriseIds(db, departmentIds))
      .where('r.status', '=', 'awaiting_verification')
      .execute()
  },
}
