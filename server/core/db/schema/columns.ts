import type { Generated } from 'kysely'

declare const columnType: unique symbol

/**
 * A column of a table declaration: `true` at runtime (the migration test reads the column names), its
 * TypeScript type for Kysely. Each module declares its tables once, as such lists, and takes the table
 * types from them (`TablesOf`), so a column cannot be in the types and missing from the list.
 */
export type Column<T> = true & { readonly [columnType]: T }

export const column = <T>(): Column<T> => true as Column<T>

/** The table types of a module's declaration: each column's declared type. */
export type TablesOf<Declared> = {
  [T in keyof Declared]: { [C in keyof Declared[T]]: Declared[T][C] extends Column<infer V> ? V : never }
}

// The kinds nearly every column is of; a column of a closed set of values is `column<'a' | 'b'>()`.
/** The id the database assigns on insert. */
export const autoId = column<Generated<number>>()
/** Text: also timestamps (ISO-8601 UTC), dates ('YYYY-MM-DD') and JSON, on both databases. */
export const text = column<string>()
export const textOrNull = column<string | null>()
/** A number: also booleans (0/1). */
export const num = column<number>()
export const numOrNull = column<number | null>()
