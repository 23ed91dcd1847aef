/**
 * Synchronous key/value storage used by the outbox (and anything else that must survive a restart).
 *
 * WeChat limits local storage to 1 MB per key and 10 MB in total, so callers should spread data over
 * many small keys (the outbox stores one key per entry plus a small index) instead of one big blob.
 * Values are strings; callers serialise with JSON themselves so corruption is detectable per key.
 */
export interface KeyValueStorage {
  /** The stored string, or null when the key is absent. */
  get(key: string): string | null
  /** Throws when the platform refuses the write (e.g. quota exceeded). */
  set(key: string, value: string): void
  remove(key: string): void
  keys(): string[]
}

/** In-memory storage for tests and for platforms without persistence. */
export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage {
  const map = new Map<string, string>(Object.entries(initial))
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => {
      map.set(key, value)
    },
    remove: (key) => {
      map.delete(key)
    },
    keys: () => [...map.keys()],
  }
}

/** The subset of the Taro API that taroStorage needs; lets the app pass `Taro` in explicitly. */
export interface TaroStorageApi {
  getStorageSync(key: string): unknown
  setStorageSync(key: string, data: unknown): void
  removeStorageSync(key: string): void
  getStorageInfoSync(): { keys: string[] }
}

/** Loads @tarojs/taro on first use only, so unit tests of modules with Taro defaults never load it. */
/**
 * Storage backed by Taro's synchronous storage API (wx storage in the mini-program, localStorage on H5).
 * Taro returns '' for a missing key, so '' is reported as absent; never store an empty string.
 */
export function taroStorage(api: TaroStorageApi): KeyValueStorage {
  const t = (): TaroStorageApi => api
  return {
    get: (key) => {
      const value = t().getStorageSync(key)
      return typeof value === 'string' && value !== '' ? value : null
    },
    set: (key, value) => t().setStorageSync(key, value),
    remove: (key) => t().removeStorageSync(key),
    keys: () => t().getStorageInfoSync().keys,
  }
}
