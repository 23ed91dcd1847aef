import type { LightMyRequestResponse } from 'fastify'

/** How many copies of one request a race fires at once (the PostgreSQL pool holds 10 connections). */
export const RACERS = 8

/** Fires `n` requests at once (`fire(i)` builds the i-th) and waits for every answer. */
export function race(
  fire: (i: number) => Promise<LightMyRequestResponse>,
  n = RACERS,
): Promise<LightMyRequestResponse[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => fire(i)))
}

/** Each answer as `status` or `status CODE`, sorted: what a race's assertion compares. */
export function outcomes(responses: LightMyRequestResponse[]): string[] {
  return responses
    .map((r) => {
      if (r.statusCode < 300) return String(r.statusCode)
      const body = r.json() as { error?: { code?: string } }
      return `${r.statusCode} ${body.error?.code ?? r.body}`
    })
    .sort()
}

/** One answer of `winner`; every other one `loser` (e.g. `409 ASSESSMENT_LOCKED`). */
export function expectOneWinner(responses: LightMyRequestResponse[], winner: number, loser: string): void {
  const expected = [String(winner), ...Array<string>(responses.length - 1).fill(loser)].sort()
  expect(outcomes(responses)).toEqual(expected)
}
