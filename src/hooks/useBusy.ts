import { useState } from 'react'

/**
 * A page's flag for its action in flight (the button shows loading, a second tap is refused by the
 * page): `whileBusy(act)` raises it, runs `act` and lowers it however `act` ends.
 */
export function useBusy(): [boolean, <T>(act: () => Promise<T>) => Promise<T>] {
  const [busy, setBusy] = useState(false)
  const whileBusy = async <T>(act: () => Promise<T>): Promise<T> => {
    setBusy(true)
    try {
      return await act()
    } finally {
      setBusy(false)
    }
  }
  return [busy, whileBusy]
}
