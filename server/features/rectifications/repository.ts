import type { Selectable } from 'kysely'
import { changedOne, type DbOrTrx } from '../../core/db/database'
import { findOfEnterprise } from '../../core/db/rows'
import { recordStatusChange, statusHistory, type StatusChange } from '../../core/db/statusHistory'
import type { RectificationTable } from '../../core/db/schema'
import type { TRectificationStatus } from '../../../src/models/rectification'

export type RectificationRow = Selectable<RectificationTable>

export type RectificationHistoryRow = StatusChange<TRectificationStatus>

export const rectificationsRepository = {
  /** The 整改 of that enterprise with the enterprise's name; another enterprise's id finds nothing. */
  find(db: DbOrTrx, enterpriseId: number, id: number) {
    return findOfEnterprise(db, 'rectifications', enterpriseId, id)
  },

  /** An enterprise's 整改 ids, earliest deadline first. */
  async idsOfEnterprise(db: DbOrTrx, enterpriseId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('rectifications')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('deadline')
      .orderBy('id')
      .execute()
    return rows.map((r) => r.id)
  },

  /**
   * When each 整改 now 待核验 or 已销号 (of these enterprises, or the one id) was handed in to get there:
   * the latest move out of 待整改 / 退回重改. A returned hand-in is followed by a later one, so it never
   * counts; a 销号 from 待核验 is the check, not the hand-in. Should a 整改 ever be closed straight from
   * 待整改 (nothing does so today), that close is when it was done. One grouped query, whatever the number.
   */
  async submittedAt(
    db: DbOrTrx,
    scope: { enterpriseIds: number[] } | { id: number },
  ): Promise<Map<number, string>> {
    if ('enterpriseIds' in scope && scope.enterpriseIds.length === 0) return new Map()
    const rows = await db
      .selectFrom('rectification_events as ev')
      .innerJoin('rectifications as r', 'r.id', 'ev.rectification_id')
      .select(['ev.rectification_id', (eb) => eb.fn.max('ev.created_at').as('at')])
      .where('r.status', 'in', ['awaiting_verification', 'closed'])
      .where('ev.to_status', 'in', ['awaiting_verification', 'closed'])
      .where((eb) =>
        eb.or([eb('ev.from_status', 'is', null), eb('ev.from_status', 'in', ['open', 'returned'])]),
      )
      .where((eb) =>
        'id' in scope ? eb('r.id', '=', scope.id) : eb('r.enterprise_id', 'in', scope.enterpriseIds),
      )
      .groupBy('ev.rectification_id')
      .execute()
    return new Map(rows.map((r) => [r.rectification_id, r.at]))
  },

  history(db: DbOrTrx, id: number): Promise<RectificationHistoryRow[]> {
    return statusHistory<TRectificationStatus>(db, 'rectification_events', id)
  },

  /** A new 待整改 item with the first entry of its history. */
  async open(
    db: DbOrTrx,
    values: Pick<
      RectificationRow,
      'enterprise_id' | 'source' | 'assessment_id' | 'item_code' | 'title' | 'detail' | 'deadline'
    > & { created_by: number; risk_id?: number },
    comment: string,
    now: string,
  ): Promise<number> {
    const rect = await db
      .insertInto('rectifications')
      .values({ ...values, status: 'open', response: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    await this.recordEvent(db, rect.id, null, 'open', values.created_by, comment, now)
    return rect.id
  },

  /** Moves the item from `from` to `to`; false when it was not in `from` any more. */
  async transition(
    db: DbOrTrx,
    id: number,
    from: TRectificationStatus,
    to: TRectificationStatus,
    now: string,
    extra: { response?: string } = {},
  ): Promise<boolean> {
    return changedOne(
      db
        .updateTable('rectifications')
        .set({
          status: to,
          updated_at: now,
          ...(extra.response !== undefined ? { response: extra.response } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', from),
    )
  },

  async recordEvent(
    db: DbOrTrx,
    id: number,
    from: TRectificationStatus | null,
    to: TRectificationStatus,
    actorId: number,
    comment: string | null,
    now: string,
  ): Promise<void> {
    await recordStatusChange(db, 'rectification_events', id, { from, to, actorId, comment, at: now })
  },

  /** The name of the first department (lowest id) through which the caller may issue a notice to the enterprise. */
  async issuerName(db: DbOrTrx, userId: number, enterpriseId: number): Promise<string | undefined> {
    const issuer = await db
      .selectFrom('memberships as m')
      .innerJoin('departments as d', 'd.id', 'm.organisation_id')
      .select('d.name')
      .where('m.user_id', '=', userId)
      .where('m.organisation_kind', '=', 'department')
      .where('m.status', '=', 'approved')
      .where((eb) =>
        eb.or([
          eb('m.role', '=', 'office'),
          eb(
            'm.organisation_id',
            'in',
            eb
              .selectFrom('supervision_links')
              .select('department_id')
              .where('enterprise_id', '=', enterpriseId),
          ),
        ]),
      )
      .orderBy('d.id')
      .executeTakeFirst()
    return issuer?.name
  },
}
