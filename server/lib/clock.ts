/** Milliseconds since the epoch. The server reads time through one of these so tests can move it. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()
