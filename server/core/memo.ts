/**
 * A pure function of a string key, its answers kept (up to `size` keys; all dropped past that, as the auth
 * cache does). For the HMACs every signed-in request computes again with the same inputs (its token's
 * signature, the event's current QR code): issue 15 measured them at ~5% of a sign-in's CPU. Only what
 * is computed is kept, never what is checked against it: the caller still compares in constant time.
 */
export function memoized<V>(size: number, compute: (key: string) => V): (key: string) => V {
  const kept = new Map<string, V>()
  return (key) => {
    let value = kept.get(key)
    if (value === undefined) {
      value = compute(key)
      if (kept.size >= size) kept.clear()
      kept.set(key, value)
    }
    return value
  }
}
