/**
 * The durable outbox: every write from the app goes through here so that nothing the user submitted is
 * lost when the network drops or the app is killed, and nothing is applied twice.
 *
 * App wiring (once, at startup, after configureRequest()):
 *   import Taro from '@tarojs/taro'
 *   const outbox = configureOutbox({ storage: taroStorage(taroStorageApi) })  // sends through requestRaw() with the Idempotency-Key header
 *   attachOutboxTriggers(outbox, {
 *     onAppShow: (cb) => Taro.onAppShow(() => cb()),
 *     onNetworkStatusChange: (cb) => Taro.onNetworkStatusChange((r) => cb(r.isConnected)),
 *     setTimer: (cb, ms) => setTimeout(cb, ms),
 *     clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
 *   })
 * Pages then call getOutbox().enqueue({ method, path, body, label }) and show getOutbox().pendingCount()
 * / refused() via subscribe(). Exported names: createOutbox, configureOutbox, getOutbox,
 * attachOutboxTriggers, sendWithRequest, defaultBackoff, OUTBOX_KEYS and the types below. The entries in
 * storage: `outboxStore.ts`; one attempt and what its answer means: `outboxOutcome.ts`.
 *
 * Guarantees: an entry is persisted before enqueue() returns; its idempotency key is chosen once and
 * reused for every attempt, across restarts, so the server applies it at most once; entries are sent
 * FIFO and a transient failure holds back the ones behind it; a refusal (4xx) is kept for the user.
 */
import { newIdempotencyKey } from './idempotencyKey'
import type { FileUpload, TransportResponse } from './request'
import type { KeyValueStorage } from './storage'
import { attempt, defaultBackoff, sendWithRequest, type OutboxSend } from './outboxOutcome'
import { OUTBOX_METHODS, openOutboxStore, type OutboxEntry, type OutboxMethod } from './outboxStore'

export { defaultBackoff, sendWithRequest, type OutboxSend } from './outboxOutcome'
export {
  OUTBOX_KEYS,
  type OutboxEntry,
  type OutboxFailure,
  type OutboxMethod,
  type OutboxStatus,
} from './outboxStore'

export interface EnqueueInput {
  method: OutboxMethod
  path: string
  body?: unknown
  file?: FileUpload
  label: string
  kind?: string
}

export interface OutboxOptions {
  storage: KeyValueStorage
  send: OutboxSend
  now?: () => number
  randomId?: () => string
  /** Delay in ms before attempt number `attempts + 1`, given the failed attempts so far (>= 1). */
  backoff?: (attempts: number) => number
  /** Storage failures during background flushes and listener exceptions end up here. */
  onError?: (err: unknown) => void
}

export interface Delivered {
  entry: OutboxEntry
  response: TransportResponse
}

export interface OutboxState {
  pending: number
  refused: number
  syncing: boolean
}

export interface Outbox {
  /** Persists the entry (throws if storage refuses) and starts a flush in the background. */
  enqueue(input: EnqueueInput): OutboxEntry
  /** Sends due entries FIFO. Concurrent calls share one run. `force` ignores the backoff wait. */
  flush(opts?: { force?: boolean }): Promise<void>
  /** All entries, FIFO, pending and refused. */
  list(): OutboxEntry[]
  /** Entries waiting to be delivered (refused ones excluded). */
  pendingCount(): number
  refused(): OutboxEntry[]
  /** Removes a refused entry after the user has seen it. Returns false if there is no such refused entry. */
  dismiss(id: string): boolean
  /** Puts a refused entry back in the queue with the same idempotency key, and flushes. */
  retry(id: string): boolean
  /** When the head of the queue may next be sent, or null if nothing is pending. */
  nextAttemptAt(): number | null
  isSyncing(): boolean
  /** True once another outbox was created on the same storage; a stale outbox never writes. */
  isStale(): boolean
  /** Called after every change; returns the unsubscribe function. */
  subscribe(listener: (state: OutboxState) => void): () => void
  onDelivered(listener: (delivered: Delivered) => void): () => void
}

export class OutboxStaleError extends Error {
  constructor() {
    super('此发件箱实例已被替换')
    Object.setPrototypeOf(this, new.target.prototype)
    this.name = 'OutboxStaleError'
  }
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { storage, send } = options
  const now = options.now ?? Date.now
  const randomId = options.randomId ?? (() => newIdempotencyKey())
  const backoff = options.backoff ?? ((attempts: number) => defaultBackoff(attempts))
  const onError = options.onError ?? ((err: unknown) => console.error('[outbox]', err))

  const store = openOutboxStore(storage)
  const isCurrent = store.isCurrent

  const stateListeners = new Set<(state: OutboxState) => void>()
  const deliveredListeners = new Set<(d: Delivered) => void>()
  let entries: OutboxEntry[] = store.load()
  let running: Promise<void> | null = null
  let again = false
  let againForce = false

  function assertCurrent(): void {
    if (!isCurrent()) throw new OutboxStaleError()
  }

  function replace(updated: OutboxEntry): void {
    store.putEntry(updated)
    entries = entries.map((e) => (e.id === updated.id ? updated : e))
  }

  function removeEntry(id: string): void {
    const next = entries.filter((e) => e.id !== id)
    // Entry key first: a crash in between leaves a dangling id, which load() skips, never a resend.
    store.removeEntry(id)
    store.writeIndex(next)
    entries = next
  }

  function state(): OutboxState {
    return {
      pending: entries.filter((e) => e.status === 'pending').length,
      refused: entries.filter((e) => e.status === 'refused').length,
      syncing: running !== null,
    }
  }

  function emit(): void {
    const s = state()
    for (const listener of [...stateListeners]) {
      try {
        listener(s)
      } catch (err) {
        onError(err)
      }
    }
  }

  function background(): void {
    flush().catch(onError)
  }

  async function drain(force: boolean): Promise<void> {
    for (;;) {
      if (!isCurrent()) return
      const entry = entries.find((e) => e.status === 'pending')
      if (!entry) return
      if (!force && entry.nextAttemptAt > now()) return
      const outcome = await attempt(send, entry)
      if (!isCurrent()) return
      const latest = entries.find((e) => e.id === entry.id)
      if (!latest || latest.status !== 'pending') continue
      if (outcome.kind === 'delivered') {
        removeEntry(latest.id)
        emit()
        for (const listener of [...deliveredListeners]) {
          try {
            listener({ entry: { ...latest }, response: outcome.response })
          } catch (err) {
            onError(err)
          }
        }
        continue
      }
      const attempts = latest.attempts + 1
      if (outcome.kind === 'retry') {
        replace({ ...latest, attempts, nextAttemptAt: now() + backoff(attempts), lastError: outcome.failure })
        emit()
        return // later entries wait: keeps the order of dependent writes
      }
      replace({ ...latest, attempts, status: 'refused', lastError: outcome.failure })
      emit()
    }
  }

  async function run(force: boolean): Promise<void> {
    try {
      let f = force
      do {
        again = false
        againForce = false
        await drain(f)
        f = againForce
      } while (again && isCurrent())
    } finally {
      // Runs after flush() has stored `running`: run() always suspends at the await above first.
      running = null
      emit()
    }
  }

  function flush(opts: { force?: boolean } = {}): Promise<void> {
    if (running) {
      // Whatever was enqueued or retried since the run began gets another pass before it resolves.
      again = true
      againForce = againForce || !!opts.force
      return running
    }
    if (!isCurrent()) return Promise.resolve()
    running = run(!!opts.force)
    emit()
    return running
  }

  function enqueue(input: EnqueueInput): OutboxEntry {
    assertCurrent()
    if (!OUTBOX_METHODS.includes(input.method))
      throw new Error(`outbox: unsupported method ${String(input.method)}`)
    if (!input.label) throw new Error('outbox: label is required')
    // Normalise through JSON so memory, storage and every resend carry the very same body.
    const body: unknown = input.body === undefined ? undefined : JSON.parse(JSON.stringify(input.body))
    const entry: OutboxEntry = {
      id: randomId(),
      method: input.method,
      path: input.path,
      body,
      ...(input.file ? { file: { ...input.file } } : {}),
      label: input.label,
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      idempotencyKey: newIdempotencyKey(),
      createdAt: now(),
      attempts: 0,
      nextAttemptAt: 0,
      status: 'pending',
    }
    store.putEntry(entry)
    try {
      store.writeIndex([...entries, entry])
    } catch (err) {
      store.removeEntry(entry.id)
      throw err
    }
    entries = [...entries, entry]
    emit()
    background()
    return { ...entry }
  }

  function dismiss(id: string): boolean {
    assertCurrent()
    const e = entries.find((x) => x.id === id)
    if (!e || e.status !== 'refused') return false
    removeEntry(id)
    emit()
    return true
  }

  function retry(id: string): boolean {
    assertCurrent()
    const e = entries.find((x) => x.id === id)
    if (!e || e.status !== 'refused') return false
    const { lastError: _reason, ...rest } = e
    replace({ ...rest, status: 'pending', nextAttemptAt: 0 })
    emit()
    background()
    return true
  }

  return {
    enqueue,
    flush,
    list: () => entries.map((e) => ({ ...e })),
    pendingCount: () => entries.filter((e) => e.status === 'pending').length,
    refused: () => entries.filter((e) => e.status === 'refused').map((e) => ({ ...e })),
    dismiss,
    retry,
    nextAttemptAt: () => entries.find((e) => e.status === 'pending')?.nextAttemptAt ?? null,
    isSyncing: () => running !== null,
    isStale: () => !isCurrent(),
    subscribe(listener) {
      stateListeners.add(listener)
      return () => {
        stateListeners.delete(listener)
      }
    },
    onDelivered(listener) {
      deliveredListeners.add(listener)
      return () => {
        deliveredListeners.delete(listener)
      }
    },
  }
}

let appOutbox: Outbox | null = null

/** Creates the app's outbox (replacing, and making stale, any previous one). Default send: sendWithRequest. */
export function configureOutbox(
  options: Omit<OutboxOptions, 'send'> & Partial<Pick<OutboxOptions, 'send'>>,
): Outbox {
  appOutbox = createOutbox({ ...options, send: options.send ?? sendWithRequest })
  return appOutbox
}

/** The app's outbox; the session configures it for the signed-in user at start. */
export function getOutbox(): Outbox {
  if (!appOutbox) throw new Error('configureOutbox() must be called before getOutbox()')
  return appOutbox
}
