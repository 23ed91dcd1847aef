/**
 * What every bench does around its measurements: a server with demo data on a fresh SQLite file or its
 * own PostgreSQL schema (dropped afterwards), extra members for an enterprise, and whether PostgreSQL
 * answers at all.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { FastifyInstance } from 'fastify'
import { loadEnv, type Env } from '../server/env'
import { buildServer, prepareDatabase } from '../server/bootstrap'
import type { DatabaseHandle } from '../server/core/db/database'

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export type BenchDb = 'sqlite' | 'postgres'

export interface BenchServer {
  app: FastifyInstance
  database: DatabaseHandle
  env: Env
  /** Closes the server and the database and removes the bench's files or schema. */
  close(): Promise<void>
}

async function onPostgres(query: string) {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    await client.query(query)
  } finally {
    await client.end()
  }
}

export async function startBenchServer(
  kind: BenchDb,
  extraEnv: Record<string, string> = {},
): Promise<BenchServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-bench-'))
  const schema = kind === 'postgres' ? `bench_${crypto.randomBytes(4).toString('hex')}` : undefined
  if (schema) await onPostgres(`create schema ${schema}`)
  const env = loadEnv({
    APP_MODE: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    SQLITE_FILE: path.join(tmp, 'bench.db'),
    UPLOAD_DIR: path.join(tmp, 'uploads'),
    PLEDGE_CHECKPOINT_FILE: path.join(tmp, 'pledge-checkpoints.log'),
    H5_DIST: '/nonexistent',
    // The benchmarks sign in thousands of users from one address.
    LOGIN_PER_ADDRESS_PER_MINUTE: '1000000',
    LOGIN_PER_ACCOUNT_PER_MINUTE: '1000000',
    ...(kind === 'postgres' ? { DATABASE_URL: PG_URL } : {}),
    ...extraEnv,
  })
  const database = await prepareDatabase(env, schema)
  const app = await buildServer(env, database, false)
  return {
    app,
    database,
    env,
    async close() {
      await app.close()
      await database.close()
      fs.rmSync(tmp, { recursive: true, force: true })
      if (schema) await onPostgres(`drop schema ${schema} cascade`)
    },
  }
}

/** Approved 职工 of the enterprise, one per openid, named 职工0, 职工1 … (phones 139…). */
export async function addEmployees(
  db: DatabaseHandle['db'],
  enterpriseId: number,
  openids: readonly string[],
): Promise<void> {
  const now = new Date().toISOString()
  for (let i = 0; i < openids.length; i += 250) {
    const users = await db
      .insertInto('users')
      .values(
        openids.slice(i, i + 250).map((openid, j) => ({
          openid,
          unionid: null,
          name: `职工${i + j}`,
          phone: `139${String(i + j).padStart(8, '0')}`,
          session_key: null,
          disabled_at: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute()
    await db
      .insertInto('memberships')
      .values(
        users.map((u) => ({
          user_id: u.id,
          organisation_kind: 'enterprise' as const,
          organisation_id: enterpriseId,
          role: 'employee',
          status: 'approved' as const,
          invite_id: null,
          decided_by: null,
          decided_at: now,
          created_at: now,
        })),
      )
      .execute()
  }
}

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}
