/**
 * The outbox's entries in device storage: one key per entry plus an index of their ids in FIFO order,
 * and a generation counter that tells an outbox instance whether a newer one has taken over. Everything
 * read back is checked, since storage outlives app versions and a crash can stop between two writes.
 */
import type { ApiErrorField, FileUpload } from './request'
import type { KeyValueStorage } from './storage'

export type OutboxMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type OutboxStatus = 'pending' | 'refused'

export interface OutboxFailure {
  status: number
  code: string
  message: string
  /** The server's per-field reasons (`{ path, message }`), so a form can show each under its field. */
  fields?: ApiErrorField[]
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

export const OUTBOX_KEYS = {
  index: 'outbox:index',
  entryPrefix: 'outbox:entry:',
  generation: 'outbox:generation',
} as const

export const OUTBOX_METHODS: readonly string[] = ['POST', 'PUT', 'PATCH', 'DELETE']

function parseEntry(raw: string | null): OutboxEntry | null {
  if (raw === null) return null
  try {
    const e = JSON.parse(raw) as Partial<OutboxEntry> | null
    if (
      !e ||
      typeof e.id !== 'string' ||
      typeof e.method !== 'string' ||
      !OUTBOX_METHODS.includes(e.method) ||
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

function entryKey(id: string): string {
  return OUTBOX_KEYS.entryPrefix + id
}

export interface OutboxStore {
  /** False once another outbox was created on the same storage: this one must not write again. */
  isCurrent(): boolean
  /** The stored entries, FIFO, repairing the index when it lost or gained ids. */
  load(): OutboxEntry[]
  putEntry(entry: OutboxEntry): void
  removeEntry(id: string): void
  writeIndex(entries: OutboxEntry[]): void
}

/** Opens the outbox's storage for a new instance, claiming the next generation. */
export function openOutboxStore(storage: KeyValueStorage): OutboxStore {
  // Each instance claims a new generation; an older instance whose sends resolve after a restart
  // (or a re-configure) sees it is stale and stops instead of overwriting the newer instance's data.
  const prevGen = Number(storage.get(OUTBOX_KEYS.generation))
  const generation = String((Number.isFinite(prevGen) ? prevGen : 0) + 1)
  storage.set(OUTBOX_KEYS.generation, generation)
  const isCurrent = () => storage.get(OUTBOX_KEYS.generation) === generation

  function writeIndex(entries: OutboxEntry[]): void {
    storage.set(OUTBOX_KEYS.index, JSON.stringify(entries.map((e) => e.id)))
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
      writeIndex(loaded)
    }
    return loaded
  }

  return {
    isCurrent,
    load,
    putEntry: (entry) => storage.set(entryKey(entry.id), JSON.stringify(entry)),
    removeEntry: (id) => storage.remove(entryKey(id)),
    writeIndex,
  }
}
