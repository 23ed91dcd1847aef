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
 * attachOutboxTriggers, sendWithRequest, defaultBackoff, OUTBOX_KEYS and the types below.
 *
 * Guarantees: an entry is persisted before enqueue() returns; its idempotency key is chosen once and
 * reused for every attempt, across restarts, so the server applies it at most once; entries are sent
 * FIFO and a transient failure holds back the ones behind it; a refusal (4xx) is kept for the user.
 */
import { newIdempotencyKey } from './idempotencyKey'
import {
  ApiError,
  apiErrorFromResponse,
  requestRaw,
  toApiError,
  type FileUpload,
  type TransportResponse,
} from './request'
import type { KeyValueStorage } from './storage'

export type OutboxMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type OutboxStatus = 'pending' | 'refused'

export interface OutboxFailure {
  status: number
  code: string
  message: string
}

export interface OutboxEntry {
  id: string
  method: OutboxMethod
  path: string
  /** JSON-normalised at enqueue, so every attempt (and every restart) sends the identical body. */
  body: unknown
  /** A file sent as multipart instead of a body (kept on the device until it is delivered). */
  file?: FileUpload
  /** Chinese, shown to the user, e.g. '提交自查答案'. */
  label: string
  kind?: string
  idempotencyKey: string
  createdAt: number
  attempts: number
  /** Epoch ms before which the entry is not sent again (unless a flush is forced). */
  nextAttemptAt: number
  status: OutboxStatus
  /** For pending entries the last transient failure; for refused ones the server's reason. */
  lastError?: OutboxFailure
}

export interface EnqueueInput {
  method: OutboxMethod
  path: string
  body?: unknown
  file?: FileUpload
  label: string
  kind?: string
}

/**
 * Sends one entry with `Idempotency-Key: entry.idempotencyKey`. Resolves with any HTTP status; rejects
 * on network failure. Throwing an ApiError (e.g. from request()) is classified the same way.
 */
export type OutboxSend = (entry: OutboxEntry) => Promise<TransportResponse>

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

export const OUTBOX_KEYS = {
  index: 'outbox:index',
  entryPrefix: 'outbox:entry:',
  generation: 'outbox:generation',
} as const

const BACKOFF_BASE_MS = 2000
const BACKOFF_MAX_MS = 5 * 60 * 1000

/** Exponential backoff with "equal jitter": never shorter than half the exponential step. */
export function defaultBackoff(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(step / 2 + (random() * step) / 2)
}

export class OutboxStaleError extends Error {
  constructor() {
    super('此发件箱实例已被替换')
    Object.setPrototypeOf(this, new.target.prototype)
    this.name = 'OutboxStaleError'
  }
}

const METHODS: readonly string[] = ['POST', 'PUT', 'PATCH', 'DELETE']

function parseEntry(raw: string | null): OutboxEntry | null {
  if (raw === null) return null
  try {
    const e = JSON.parse(raw) as Partial<OutboxEntry> | null
    if (
      !e ||
      typeof e.id !== 'string' ||
      typeof e.method !== 'string' ||
      !METHODS.includes(e.method) ||
      typeof e.path !== 'string' ||
      typeof e.label !== 'string' ||
      typeof e.idempotencyKey !== 'string' ||
      (e.status !== 'pending' && e.status !== 'refused')
    ) {
      return null
    }
    return {
      ...e,
      createdAt: typeof e.createdAt === 'number' ? e.createdAt : 0,
      attempts: typeof e.attempts === 'number' ? e.attempts : 0,
      nextAttemptAt: typeof e.nextAttemptAt === 'number' ? e.nextAttemptAt : 0,
    } as OutboxEntry
  } catch {
    return null
  }
}

function parseIndex(raw: string | null): string[] {
  if (raw === null) return []
  try {
    const ids = JSON.parse(raw) as unknown
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

type Outcome =
  | { kind: 'delivered'; response: TransportResponse }
  | { kind: 'retry'; failure: OutboxFailure }
  | { kind: 'refused'; failure: OutboxFailure }

function classifyError(err: ApiError, response?: TransportResponse): Outcome {
  if (err.status >= 200 && err.status < 300) {
    // The server accepted it (e.g. only a response schema mismatch): resending would only replay.
    return { kind: 'delivered', response: response ?? { status: err.status, data: undefined } }
  }
  const failure = { status: err.status, code: err.code, message: err.message }
  // 401 survived the request layer's relogin: the write is fine, the session is not; try again later.
  return err.isRetryable || err.status === 401 ? { kind: 'retry', failure } : { kind: 'refused', failure }
}

function classify(result: { response: TransportResponse } | { error: unknown }): Outcome {
  if ('error' in result) return classifyError(toApiError(result.error))
  const { response } = result
  if (response.status >= 200 && response.status < 300) return { kind: 'delivered', response }
  return classifyError(apiErrorFromResponse(response.status, response.data), response)
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { storage, send } = options
  const now = options.now ?? Date.now
  const randomId = options.randomId ?? (() => newIdempotencyKey())
  const backoff = options.backoff ?? ((attempts: number) => defaultBackoff(attempts))
  const onError = options.onError ?? ((err: unknown) => console.error('[outbox]', err))

  // Each instance claims a new generation; an older instance whose sends resolve after a restart
  // (or a re-configure) sees it is stale and stops instead of overwriting the newer instance's data.
  const prevGen = Number(storage.get(OUTBOX_KEYS.generation))
  const generation = String((Number.isFinite(prevGen) ? prevGen : 0) + 1)
  storage.set(OUTBOX_KEYS.generation, generation)
  const isCurrent = () => storage.get(OUTBOX_KEYS.generation) === generation

  const stateListeners = new Set<(state: OutboxState) => void>()
  const deliveredListeners = new Set<(d: Delivered) => void>()
  let entries: OutboxEntry[] = load()
  let running: Promise<void> | null = null
  let again = false
  let againForce = false

  function entryKey(id: string): string {
    return OUTBOX_KEYS.entryPrefix + id
  }

  function load(): OutboxEntry[] {
    const ids = parseIndex(storage.get(OUTBOX_KEYS.index))
    const seen = new Set<string>()
    const loaded: OutboxEntry[] = []
    for (const id of ids) {
      if (seen.has(id)) continue
      const e = parseEntry(storage.get(entryKey(id)))
      if (e && e.id === id) {
        seen.add(id)
        loaded.push(e)
      }
    }
    // An entry written just before the app died, before the index was updated, is still owed to the server.
    const orphans = storage
      .keys()
      .filter(
        (k) => k.startsWith(OUTBOX_KEYS.entryPrefix) && !seen.has(k.slice(OUTBOX_KEYS.entryPrefix.length)),
      )
      .map((k) => parseEntry(storage.get(k)))
      .filter((e): e is OutboxEntry => e !== null && !seen.has(e.id))
      .sort((a, b) => a.createdAt - b.createdAt)
    loaded.push(...orphans)
    if (orphans.length || loaded.length !== ids.length) {
      storage.set(OUTBOX_KEYS.index, JSON.stringify(loaded.map((e) => e.id)))
    }
    return loaded
  }

  function assertCurrent(): void {
    if (!isCurrent()) throw new OutboxStaleError()
  }

  function writeIndex(next: OutboxEntry[]): void {
    storage.set(OUTBOX_KEYS.index, JSON.stringify(next.map((e) => e.id)))
  }

  function replace(updated: OutboxEntry): void {
    storage.set(entryKey(updated.id), JSON.stringify(updated))
    entries = entries.map((e) => (e.id === updated.id ? updated : e))
  }

  function removeEntry(id: string): void {
    const next = entries.filter((e) => e.id !== id)
    // Entry key first: a crash in between leaves a dangling id, which load() skips, never a resend.
    storage.remove(entryKey(id))
    writeIndex(next)
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

  async function attempt(entry: OutboxEntry): Promise<Outcome> {
    try {
      return classify({ response: await send({ ...entry }) })
    } catch (error) {
      return classify({ error })
    }
  }

  async function drain(force: boolean): Promise<void> {
    for (;;) {
      if (!isCurrent()) return
      const entry = entries.find((e) => e.status === 'pending')
      if (!entry) return
      if (!force && entry.nextAttemptAt > now()) return
      const outcome = await attempt(entry)
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
    if (!METHODS.includes(input.method)) throw new Error(`outbox: unsupported method ${String(input.method)}`)
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
    const key = entryKey(entry.id)
    storage.set(key, JSON.stringify(entry))
    try {
      writeIndex([...entries, entry])
    } catch (err) {
      storage.remove(key)
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

/** The production sender: the request layer (auth + relogin on 401) with the entry's idempotency key. */
export const sendWithRequest: OutboxSend = (entry) =>
  requestRaw({
    method: entry.method,
    path: entry.path,
    body: entry.body,
    ...(entry.file ? { file: entry.file } : {}),
    headers: { 'Idempotency-Key': entry.idempotencyKey },
  })

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
