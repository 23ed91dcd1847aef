import type { Insertable, Selectable } from 'kysely'
import { changedOne, type DbOrTrx } from '../../core/db/database'
import type { DealingListVersionTable } from '../../core/db/schema'
import { DEALING_LIST_PUBLISHER_DEPARTMENTS, type TDealingListKind } from '../../../src/models/dealings'

export type DealingVersionRow = Selectable<DealingListVersionTable>

/** 政商交往清单 versions. Every change to a draft is conditional on its revision (and on it being a draft). */
export const dealingsRepository = {
  /** Every version, oldest first (a few dozen rows at most: three lists, a version a year or so). */
  all(db: DbOrTrx): Promise<DealingVersionRow[]> {
    return db.selectFrom('dealing_list_versions').selectAll().orderBy('id').execute()
  },

  byId(db: DbOrTrx, id: number): Promise<DealingVersionRow | undefined> {
    return db.selectFrom('dealing_list_versions').selectAll().where('id', '=', id).executeTakeFirst()
  },

  byIds(db: DbOrTrx, ids: number[]): Promise<DealingVersionRow[]> {
    if (ids.length === 0) return Promise.resolve([])
    return db.selectFrom('dealing_list_versions').selectAll().where('id', 'in', ids).execute()
  },

  /** The versions in force, one per kind at most (the unique in_force_kind). */
  inForce(db: DbOrTrx): Promise<DealingVersionRow[]> {
    return db
      .selectFrom('dealing_list_versions')
      .selectAll()
      .where('in_force_kind', 'is not', null)
      .orderBy('id')
      .execute()
  },

  async insert(db: DbOrTrx, row: Insertable<DealingListVersionTable>): Promise<number> {
    return (
      await db.insertInto('dealing_list_versions').values(row).returning('id').executeTakeFirstOrThrow()
    ).id
  },

  /** A draft's items, only at the revision the editor saw. False: missing, published or stale. */
  async updateDraft(db: DbOrTrx, id: number, revision: number, items: string, at: string): Promise<boolean> {
    return changedOne(
      db
        .updateTable('dealing_list_versions')
        .set((eb) => ({ items, updated_at: at, revision: eb('revision', '+', 1) }))
        .where('id', '=', id)
        .where('version', 'is', null)
        .where('revision', '=', revision),
    )
  },

  /**
   * Claims a draft for publishing at the revision the publisher saw (on PostgreSQL its row stays locked to
   * the end of the transaction: a second publish of the same draft waits, then finds it stale).
   */
  async claimDraft(db: DbOrTrx, id: number, revision: number, at: string): Promise<boolean> {
    return changedOne(
      db
        .updateTable('dealing_list_versions')
        .set((eb) => ({ updated_at: at, revision: eb('revision', '+', 1) }))
        .where('id', '=', id)
        .where('version', 'is', null)
        .where('revision', '=', revision),
    )
  },

  async lastNumber(db: DbOrTrx, kind: TDealingListKind): Promise<number> {
    const row = await db
      .selectFrom('dealing_list_versions')
      .select((eb) => eb.fn.max<number | null>('version').as('n'))
      .where('kind', '=', kind)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  },

  /** The kind's version in force is no longer (it stays, readable, as an earlier version). */
  async retire(db: DbOrTrx, kind: TDealingListKind): Promise<void> {
    await db
      .updateTable('dealing_list_versions')
      .set({ in_force_kind: null })
      .where('in_force_kind', '=', kind)
      .execute()
  },

  /** Puts the claimed draft in force with its number; a racing publish of the same kind hits the unique keys. */
  async putInForce(
    db: DbOrTrx,
    id: number,
    kind: TDealingListKind,
    version: number,
    by: number,
    at: string,
  ): Promise<void> {
    await db
      .updateTable('dealing_list_versions')
      .set({ version, in_force_kind: kind, published_at: at, published_by: by, updated_at: at })
      .where('id', '=', id)
      .where('version', 'is', null)
      .execute()
  },

  /** The caller's departments that may publish: task 10's 牵头单位 by name, not retired. */
  async publisherDepartments(db: DbOrTrx, departmentIds: number[]): Promise<number[]> {
    if (departmentIds.length === 0) return []
    const rows = await db
      .selectFrom('departments')
      .select('id')
      .where('id', 'in', departmentIds)
      .where('name', 'in', [...DEALING_LIST_PUBLISHER_DEPARTMENTS])
      .where('retired_at', 'is', null)
      .execute()
    return rows.map((r) => r.id)
  },
}
