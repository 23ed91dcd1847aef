import type { DbOrTrx } from './database'

/**
 * Approved members (distinct people) of each of these enterprises, as of now: what attendance rates and
 * pledge coverage are counted against. An enterprise without any is missing from the answer.
 */
export function approvedMemberCounts(db: DbOrTrx, enterpriseIds: number[]) {
  return db
    .selectFrom('memberships')
    .select(['organisation_id', (eb) => eb.fn.count<number>('user_id').distinct().as('n')])
    .where('organisation_kind', '=', 'enterprise')
    .where('status', '=', 'approved')
    .where('organisation_id', 'in', enterpriseIds)
    .groupBy('organisation_id')
    .execute()
}
