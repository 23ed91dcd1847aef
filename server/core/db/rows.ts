import type { Selectable, Updateable } from 'kysely'
import { changedOne, exists, type DbOrTrx } from './database'
import type { Database } from './schema'

type Table = keyof Database & string
type Row<T extends Table> = Selectable<Database[T]>

/**
 * Looking a row up by its id and its owner's (a meeting of that branch, an assessment of that enterprise):
 * every value of `match` must hold, so another owner's id finds nothing.
 */
export type Match<T extends Table> = Partial<Row<T>>

function matching<T extends Table>(db: DbOrTrx, table: T, match: Match<T>) {
  let query = db.selectFrom(table as Table).selectAll()
  for (const [column, value] of Object.entries(match)) query = query.where(db.dynamic.ref(column), '=', value)
  return query
}

/** The row of `table` matching every value of `match`, or undefined. */
export function findRow<T extends Table>(
  db: DbOrTrx,
  table: T,
  match: Match<T>,
): Promise<Row<T> | undefined> {
  return matching(db, table, match).executeTakeFirst() as Promise<Row<T> | undefined>
}

/** Whether `table` holds a row matching every value of `match`. */
export function hasRow<T extends Table>(db: DbOrTrx, table: T, match: Match<T>): Promise<boolean> {
  return exists(matching(db, table, match))
}

/** The tables whose rows are edited on the version their editor read (optimistic locking). */
type Versioned = { [T in Table]: Database[T] extends { version: number } ? T : never }[Table]

/**
 * Applies `changes` to the row of `table` matching every value of `match` (its id; its owner's or its
 * status where the write needs them) at the version the editor read, and moves that version on: false when
 * someone else moved it first, or when the row does not match.
 */
export function updateAtVersion<T extends Versioned>(
  db: DbOrTrx,
  table: T,
  match: Match<T>,
  version: number,
  changes: Updateable<Database[T]>,
): Promise<boolean> {
  // Typed as one such table: the statement names only the columns of `match` and `changes`, and `version`.
  let query = db
    .updateTable(table as Versioned as 'special_campaigns')
    .set({ ...(changes as Updateable<Database['special_campaigns']>), version: version + 1 })
  for (const [column, value] of Object.entries(match)) query = query.where(db.dynamic.ref(column), '=', value)
  return changedOne(query.where('version', '=', version))
}

/** The tables of rows an enterprise owns that are shown with its name (a 整改, a 党支部). */
type EnterpriseOwned = 'rectifications' | 'party_branches'

/**
 * The row of `table` with that id, owned by that enterprise, with the enterprise's name; another
 * enterprise's id finds nothing.
 */
export function findOfEnterprise<T extends EnterpriseOwned>(
  db: DbOrTrx,
  table: T,
  enterpriseId: number,
  id: number,
): Promise<(Row<T> & { enterprise_name: string }) | undefined> {
  // Typed as the 整改 table: the query names only the columns every such table has (id, enterprise_id).
  return db
    .selectFrom(`${table as EnterpriseOwned} as r` as 'rectifications as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .selectAll('r')
    .select('e.name as enterprise_name')
    .where('r.id', '=', id)
    .where('r.enterprise_id', '=', enterpriseId)
    .executeTakeFirst() as Promise<(Row<T> & { enterprise_name: string }) | undefined>
}
