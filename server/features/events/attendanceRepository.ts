import type { DbOrTrx } from '../../core/db/database'
import { onePage, type PageRequest } from '../../core/db/page'

/** The reads behind 已签到, the counts above the lists and an enterprise's attendance rate. */
export const attendanceRepository = {
  /**
   * An event's sign-ins in order (a page of them, or all), with each person's name, phone and enterprise
   * and, for a 代签, the organiser's name.
   */
  ofEvent(db: DbOrTrx, eventId: number, page?: PageRequest) {
    const q = db
      .selectFrom('sign_ins as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .leftJoin('users as p', 'p.id', 's.proxy_by')
      .select([
        's.id',
        's.user_id',
        's.enterprise_id',
        's.signed_in_at',
        's.received_at',
        's.scanned_at',
        's.method',
        's.flags',
        's.distance_m',
        's.proxy_reason',
        'u.name',
        'u.phone',
        'e.name as enterprise_name',
        'p.name as proxy_by_name',
      ])
      .where('s.event_id', '=', eventId)
      .orderBy('s.signed_in_at')
      .orderBy('s.id')
    return onePage(q, page).execute()
  },

  /** How many sign-ins the event has, and how many of them carry a flag. */
  async counts(db: DbOrTrx, eventId: number): Promise<{ count: number; flagged: number }> {
    const row = await db
      .selectFrom('sign_ins')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('flags', '!=', '[]').then(1).else(0).end()).as('flagged'),
      ])
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow()
    return { count: Number(row.n), flagged: Number(row.flagged ?? 0) }
  },

  /** The enterprise's sign-ins per event, among these events. */
  countByEventOfEnterprise(db: DbOrTrx, enterpriseId: number, eventIds: number[]) {
    if (eventIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('sign_ins')
      .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('enterprise_id', '=', enterpriseId)
      .where('event_id', 'in', eventIds)
      .groupBy('event_id')
      .execute()
  },
}
