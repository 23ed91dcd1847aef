import type { FastifyInstance } from 'fastify'
import { call } from './testApp'

/** An id no table will reach in a test database. */
export const MISSING_ID = 987_654

export interface IsolationCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Builds the URL for a given id of the other tenant's record. */
  url: (id: number) => string
  payload?: unknown
}

/**
 * Tenant isolation, proven the same way everywhere: for every id belonging to another enterprise, the
 * caller gets exactly the answer (status and body) that an id which exists nowhere gets.
 */
export async function expectSameAsMissing(
  app: FastifyInstance,
  token: string,
  cases: IsolationCase[],
  foreignIds: number[],
): Promise<void> {
  for (const c of cases) {
    const missing = await call(app, token, {
      method: c.method,
      url: c.url(MISSING_ID),
      payload: c.payload as never,
    })
    expect(missing.statusCode).toBeGreaterThanOrEqual(400)
    for (const id of foreignIds) {
      const foreign = await call(app, token, {
        method: c.method,
        url: c.url(id),
        payload: c.payload as never,
      })
      expect({ route: `${c.method} ${c.url(0)}`, status: foreign.statusCode, body: foreign.json() }).toEqual({
        route: `${c.method} ${c.url(0)}`,
        status: missing.statusCode,
        body: missing.json(),
      })
    }
  }
}
