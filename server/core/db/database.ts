import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Transaction } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'
import { migrationsFor } from './migrations'

export type Dialect = 'sqlite' | 'postgres'
export type Db = Kysely<Database>
/** Repositories take either the database or an open transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>

export interface DatabaseHandle {
  db: Db
  dialect: Dialect
  /** The PostgreSQL schema the handle works in, when not the default (tests, benches). */
  pgSchema?: string
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
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', pgSchema: options.pgSchema, close: () => db.destroy() }
  }
  const file = options.sqliteFile ?? 'data/qinglian.db'
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  // WAL for concurrent readers; FULL so a committed write survives a power cut.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  const migrations = migrationsFor(handle.dialect)
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its own tables in every schema unless told which: another schema's migration
    // tables (a concurrent test run's) would otherwise pass for this one's.
    ...(handle.pgSchema ? { migrationTableSchema: handle.pgSchema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}

/** Whether a query finds a row. */
export async function exists(query: { executeTakeFirst(): Promise<unknown> }): Promise<boolean> {
  return (await query.executeTakeFirst()) !== undefined
}
