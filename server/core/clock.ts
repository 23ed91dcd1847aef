/** Milliseconds since the epoch. The server reads time through one of these so tests can move it. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

/** The ISO timestamp the database stores for an instant. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString()
}

/** Now as stored in the database, by the given clock (seeds and scripts run outside the app's clock). */
export function nowIso(clock: Clock = systemClock): string {
  return isoAt(clock())
}
