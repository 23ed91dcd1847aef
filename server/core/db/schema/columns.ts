/**
 * The runtime column list of a group of tables: every table and every column, each `true`. A module's
 * list `satisfies` it against its own interfaces both ways: a column missing from the list, or one the
 * types do not have, fails to compile.
 */
export type SchemaColumns<Tables> = { [T in keyof Tables]: Record<keyof Tables[T], true> }
