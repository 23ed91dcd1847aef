import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { loadEnv, type Env } from '../../../server/env'
import { buildServer, prepareDatabase } from '../../../server/bootstrap'
import type { DatabaseHandle } from '../../../server/core/db/database'
import type { Clock } from '../../../server/core/clock'

/**
 * The API suite runs once per database: TEST_DB=sqlite (default) or TEST_DB=postgres, the latter
 * against TEST_DATABASE_URL (default: the local server). Each app gets a fresh database: an
 * in-memory SQLite file, or its own PostgreSQL schema dropped afterwards.
 */
export const TEST_DB = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres'
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface TestApp {
  app: FastifyInstance
  database: DatabaseHandle
  env: Env
  close(): Promise<void>
}

export async function createTestApp(
  overrides: Record<string, string> = {},
  options: { clock?: Clock; logStream?: NodeJS.WritableStream } = {},
): Promise<TestApp> {
  const schema =
    TEST_DB === 'postgres' ? `t_${process.pid}_${crypto.randomBytes(4).toString('hex')}` : undefined
  if (schema) {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    await client.query(`create schema ${schema}`)
    await client.end()
  }
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-uploads-'))
  // The pledge chain's checkpoints: one file per app, as its database is its own.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-data-'))
  const env = loadEnv({
    UPLOAD_DIR: uploads,
    APP_MODE: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    SQLITE_FILE: ':memory:',
    H5_DIST: '/nonexistent',
    // Tests sign in hundreds of times a minute from one address (tests/api/rateLimit.test.ts checks the limits).
    LOGIN_PER_ADDRESS_PER_MINUTE: '1000000',
    LOGIN_PER_ACCOUNT_PER_MINUTE: '1000000',
    PLEDGE_CHECKPOINT_FILE: path.join(dataDir, 'pledge-checkpoints.log'),
    ...(TEST_DB === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL } : {}),
    ...overrides,
  })
  const database = await prepareDatabase(env, schema, options.clock)
  const app = await buildServer(env, database, false, { clock: options.clock, logStream: options.logStream })
  return {
    app,
    database,
    env,
    async close() {
      await app.close()
      await database.close()
      fs.rmSync(uploads, { recursive: true, force: true })
      fs.rmSync(dataDir, { recursive: true, force: true })
      if (schema) {
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
        await client.connect()
        await client.query(`drop schema ${schema} cascade`)
        await client.end()
      }
    },
  }
}

export async function loginAs(app: FastifyInstance, openid: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { openid } })
  if (response.statusCode !== 200) throw new Error(`login ${openid} failed: ${response.body}`)
  return response.json().token as string
}

/** `sub`s no user id can be: a string, a fraction, past int4, past 2^53, negative, huge, null. */
export const FORGED_SUBS: unknown[] = ['1', 1.5, 2 ** 31, 2 ** 53 + 2, -1, 1e308, null]

/** A token signed with the server's own secret (so only its payload is wrong) naming `sub`. */
export function forgedToken(secret: string, sub: unknown): string {
  const exp = Math.floor(Date.now() / 1000) + 3600
  const body = Buffer.from(JSON.stringify({ sub, iat: exp - 60, exp })).toString('base64url')
  return `${body}.${crypto.createHmac('sha256', secret).update(body).digest('base64url')}`
}

/** inject with a bearer token; `as` names the demo user. */
export function call(
  app: FastifyInstance,
  token: string | null,
  options: Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> },
): Promise<LightMyRequestResponse> {
  return app.inject({
    ...options,
    headers: { ...(options.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  } as InjectOptions)
}

export async function idOf(
  app: FastifyInstance,
  table: 'enterprises' | 'departments',
  name: string,
): Promise<number> {
  const row = await app.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()
  return row.id
}

/** Someone new who asked to join an enterprise as an employee and waits for approval. */
export async function addJoinRequest(
  app: FastifyInstance,
  enterpriseId: number,
  openid: string,
  at = new Date().toISOString(),
): Promise<void> {
  const user = await app.db
    .insertInto('users')
    .values({ openid, name: '新员工', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  await app.db
    .insertInto('memberships')
    .values({
      user_id: user.id,
      organisation_kind: 'enterprise',
      organisation_id: enterpriseId,
      role: 'employee',
      status: 'pending',
      created_at: at,
    })
    .execute()
}
