import { useState } from 'react'
import type { OutboxEntry } from '@/services/outbox'
import { useWrite, type WriteOptions } from '@/hooks/useWrite'

/**
 * A page's writes one at a time: `busy` names the one in flight (its buttons show loading, the others
 * wait); once it settles the page reloads.
 */
export function useBusyWrite(reload: () => Promise<void>) {
  const [busy, setBusy] = useState<string | null>(null)
  const send = useWrite()
  async function write(key: string, entry: () => OutboxEntry, options: WriteOptions) {
    setBusy(key)
    try {
      const outcome = await send(entry(), options)
      await reload().catch(() => undefined)
      return outcome
    } finally {
      setBusy(null)
    }
  }
  return { busy, write }
}
