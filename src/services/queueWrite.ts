import { getOutbox, type OutboxEntry } from './outbox'
import type { OutboxMethod } from './outboxStore'

/**
 * Queues one write in the outbox: its method and path, what it sends (none: `undefined`), what the
 * 待同步 list calls it, and its kind (which the pages' settle hooks match on). The one call every
 * feature's `queue…` writes through, so that each reads as a single line.
 */
export function queueWrite(
  method: OutboxMethod,
  path: string,
  body: unknown,
  label: string,
  kind: string,
): OutboxEntry {
  return getOutbox().enqueue({ method, path, body, label, kind })
}
