import type { Outbox } from './outbox'

export interface OutboxTriggerHooks {
  onAppShow: (cb: () => void) => void
  onNetworkStatusChange: (cb: (online: boolean) => void) => void
  setTimer: (cb: () => void, ms: number) => unknown
  clearTimer: (handle: unknown) => void
  /** Same clock as the outbox. Default Date.now. */
  now?: () => number
}

/**
 * Flushes now, when the app comes to the foreground, when the network comes back (both ignoring the
 * backoff wait: the cause of the failure has likely gone) and by timer when the queue head is due.
 * Returns a function that detaches the timer and makes the registered callbacks inert.
 */
export function attachOutboxTriggers(outbox: Outbox, hooks: OutboxTriggerHooks): () => void {
  const now = hooks.now ?? Date.now
  let disposed = false
  let online = true
  let timer: unknown = undefined
  let timerAt: number | null = null

  const kick = (force: boolean) => {
    if (disposed || outbox.isStale()) return
    outbox.flush({ force }).catch((err: unknown) => console.error('[outbox]', err))
  }

  const clear = () => {
    if (timer !== undefined) hooks.clearTimer(timer)
    timer = undefined
    timerAt = null
  }

  const schedule = () => {
    if (disposed) return
    const at = online && !outbox.isStale() && !outbox.isSyncing() ? outbox.nextAttemptAt() : null
    if (at === timerAt) return
    clear()
    if (at === null) return
    timerAt = at
    timer = hooks.setTimer(
      () => {
        timer = undefined
        timerAt = null
        kick(false)
      },
      Math.max(0, at - now()),
    )
  }

  const unsubscribe = outbox.subscribe(schedule)
  hooks.onAppShow(() => kick(true))
  hooks.onNetworkStatusChange((isOnline) => {
    const cameBack = isOnline && !online
    online = isOnline
    if (cameBack) kick(true)
    schedule()
  })
  kick(false)
  schedule()

  return () => {
    disposed = true
    unsubscribe()
    clear()
  }
}
