import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import {
  type DeleteResult,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type Transaction,
  type UpdateResult,
} from 'kysely'
import pg from 'pg'
import type { Database } from './schema'
import { migrationsFor } from './migrations'
import { GroupCommitDialect, GroupCommitDriver } from './groupCommit'
import { preparedPool } from './preparedPool'
import { hotQuery } from './hotQuery'

export type Dialect = 'sqlite' | 'postgres'
export type Db = Kysely<Database>
/** Repositories take either the database or an open transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>

export interface DatabaseHandle {
  db: Db
  dialect: Dialect
  /** The PostgreSQL schema in use when one was named (tests: one per suite). */
  pgSchema?: string
  /**
   * A value that changes whenever users, memberships or departments may have changed (this process's
   * writes, or any commit by another connection): the auth cache's check. SQLite: the driver's write
   * counter and `pragma data_version`, no query. PostgreSQL: the `access_version` row (migration 0033),
   * moved by trigger in the committing transaction, one primary-key read. Absent: nothing is cached.
   */
  accessVersion?: () => string | Promise<string>
  /** SQLite's group commit, when on. */
  groupCommit?: GroupCommitDriver
  close(): Promise<void>
}

// PostgreSQL returns int8 (count(*)) and numeric as strings unless told otherwise.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10))
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v))

export interface DatabaseOptions {
  databaseUrl?: string
  sqliteFile?: string
  /** PostgreSQL schema to use (tests run each suite in its own schema). */
  pgSchema?: string
  /** SQLite: batch concurrent write transactions into one COMMIT (default); false: one COMMIT each. */
  groupCommit?: boolean
  /**
   * SQLite with group commit: `full` (default), SQLite syncs inside COMMIT; `wal-thread`, `synchronous =
   * NORMAL` and the driver fdatasyncs the WAL on the thread pool before a write answers (GroupCommitOptions).
   */
  sqliteSync?: 'full' | 'wal-thread'
  /**
   * PostgreSQL: name data statements so each connection parses them once (server/core/db/preparedPool.ts).
   * Off unless PG_PREPARED_STATEMENTS=on: bench/signin showed no gain measurable above the noise, and a
   * statement kept across another process's migration of its table could fail.
   */
  preparedStatements?: boolean
}

/** Read before every signed-in request on PostgreSQL: compiled once (see hotQuery). */
const readAccessVersion = hotQuery((db) =>
  db.selectFrom('access_version').select('version').where('id', '=', 1),
)

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    })
    const prepared = options.preparedStatements ?? process.env.PG_PREPARED_STATEMENTS === 'on'
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: prepared ? preparedPool(pool) : pool }),
    })
    const accessVersion = async () => {
      const [row] = (await readAccessVersion(db, {})).rows
      // Before migration 0033 (a server started on an old database migrates first): never the same twice.
      return row ? String(row.version) : `none:${Math.random()}`
    }
    return { db, dialect: 'postgres', pgSchema: options.pgSchema, accessVersion, close: () => db.destroy() }
  }
  const file = options.sqliteFile ?? 'data/qinglian.db'
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  // WAL for concurrent readers; FULL so a committed write survives a power cut (see `sqliteSync` for the
  // other way to the same end).
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Each request's transaction is a SAVEPOINT inside the group commit's (groupCommit.ts): SQLite copies
  // the pages it changes into the savepoint's sub-journal, a temporary file once past 64 KiB (created,
  // written and deleted per batch). That journal only serves ROLLBACK TO inside the open transaction, never
  // crash recovery (the WAL does): in memory, bench/signin measured ~100 µs less kernel time per sign-in.
  // Temporary tables and sort spills are kept in memory too (a county's rows: small).
  sqlite.pragma('temp_store = MEMORY')
  if (options.groupCommit === false) {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
    return { db, dialect: 'sqlite', close: () => db.destroy() }
  }
  // An in-memory database has no file to sync.
  const walThread = options.sqliteSync === 'wal-thread' && file !== ':memory:'
  if (walThread) sqlite.pragma('synchronous = NORMAL')
  const driver = new GroupCommitDriver(sqlite, walThread ? { walFile: `${path.resolve(file)}-wal` } : {})
  const db = new Kysely<Database>({ dialect: new GroupCommitDialect(driver) })
  // data_version moves when another connection (a CLI, a worker) commits; the driver counts our own writes.
  const dataVersion = sqlite.prepare('pragma data_version').pluck()
  return {
    db,
    dialect: 'sqlite',
    groupCommit: driver,
    accessVersion: () => `${driver.accessGeneration}:${String(dataVersion.get())}`,
    close: () => db.destroy(),
  }
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  const migrations = migrationsFor(handle.dialect)
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its migration tables in every schema unless told which: another schema's tables
    // (a parallel test run, a bench) would make it skip creating this schema's own.
    ...(handle.pgSchema ? { migrationTableSchema: handle.pgSchema } : {}),
  })
  let { error, results } = await migrator.migrateToLatest()
  // Kysely looks for its tables across every schema; another schema dropped meanwhile (a parallel test's,
  // a bench's) fails that look-up with "schema … does not exist" before any migration runs: look again.
  for (let retry = 0; retry < 3 && error && otherSchemaVanished(error, handle.pgSchema); retry++)
    ({ error, results } = await migrator.migrateToLatest())
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}

function otherSchemaVanished(error: unknown, own: string | undefined): boolean {
  const gone = /schema "([^"]+)" does not exist/.exec(String(error))
  return gone !== null && gone[1] !== own
}

/** Whether a query finds a row. */
export async function exists(query: { executeTakeFirst(): Promise<unknown> }): Promise<boolean> {
  return (await query.executeTakeFirst()) !== undefined
}

/**
 * Whether a conditional update or delete changed exactly one row: the write whose condition (a version, a
 * status, the row still there) held, not the one that came second.
 */
export async function changedOne(query: {
  executeTakeFirst(): Promise<UpdateResult | DeleteResult>
}): Promise<boolean> {
  const result = await query.executeTakeFirst()
  return Number('numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows) === 1
}
