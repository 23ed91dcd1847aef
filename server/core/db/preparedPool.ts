import crypto from 'node:crypto'
import type pg from 'pg'
import type { PostgresPool, PostgresPoolClient } from 'kysely'

/**
 * PostgreSQL named prepared statements (issue 15): Kysely sends every query as an unnamed statement, so
 * the server parses and plans it anew each time. Here a data statement (SELECT, INSERT, UPDATE, DELETE,
 * WITH) is named by a hash of its SQL, and pg parses it once per connection and then only binds and runs
 * it. PostgreSQL keeps prepared statements per connection until it closes, and pg offers no eviction, so
 * each connection names at most `PREPARED_PER_CONNECTION` statements (the first seen: the hot ones) and
 * sends the rest unnamed as before. Transaction control and DDL are never named (a plan kept across a
 * migration of its table could fail). Off by default (PG_PREPARED_STATEMENTS=on): on bench/signin it
 * showed no gain above the noise of a loaded machine (see database.ts).
 */
export const PREPARED_PER_CONNECTION = 200

const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i

const namedOn = new WeakMap<pg.PoolClient, Set<string>>()

function nameOf(sql: string): string {
  return `q_${crypto.createHash('sha1').update(sql).digest('base64url')}`
}

function preparing(client: pg.PoolClient): PostgresPoolClient {
  let named = namedOn.get(client)
  if (!named) namedOn.set(client, (named = new Set()))
  const kept = named
  return {
    query(sqlOrCursor: unknown, parameters?: readonly unknown[]) {
      if (typeof sqlOrCursor === 'string' && DATA_STATEMENT.test(sqlOrCursor)) {
        const name = nameOf(sqlOrCursor)
        if (kept.has(name) || kept.size < PREPARED_PER_CONNECTION) {
          kept.add(name)
          return client.query({ name, text: sqlOrCursor, values: parameters as unknown[] })
        }
      }
      return (client.query as (a: unknown, b?: unknown) => unknown)(sqlOrCursor, parameters)
    },
    release: (destroy?: boolean) => client.release(destroy),
  } as PostgresPoolClient
}

/** The pool as Kysely's PostgresDialect takes it, its clients naming their data statements. */
export function preparedPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => preparing(await pool.connect()),
    end: () => pool.end(),
  }
}
