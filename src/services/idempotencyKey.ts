/** Fills the array with random bytes; matches `crypto.getRandomValues`. */
export type RandomBytes = (bytes: Uint8Array) => void

/**
 * Uses Web Crypto when the platform has it (H5, newer base libraries). The mini-program has no
 * synchronous crypto, so fall back to Math.random: keys only need to be unique, not secret.
 */
function defaultRandomBytes(): RandomBytes {
  // `typeof` guard: the mini-program has no `crypto` global (and old WebViews no `globalThis`).
  const c = typeof crypto !== 'undefined' ? crypto : undefined
  if (c && typeof c.getRandomValues === 'function') {
    const getRandomValues = c.getRandomValues.bind(c)
    return (bytes) => {
      getRandomValues(bytes)
    }
  }
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  }
}

/** A random RFC 4122 version-4 UUID, e.g. '3b241101-e2bb-4255-8caf-4136c566a962'. */
export function newIdempotencyKey(randomBytes: RandomBytes = defaultRandomBytes()): string {
  const b = new Uint8Array(16)
  randomBytes(b)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
