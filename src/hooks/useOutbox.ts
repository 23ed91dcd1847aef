import { useEffect, useState } from 'react'
import type { Outbox, OutboxEntry } from '@/services/outbox'
import { subscribeSession, userOutbox } from '@/services/session'

export interface OutboxView {
  outbox: Outbox | null
  entries: OutboxEntry[]
  pending: OutboxEntry[]
  refused: OutboxEntry[]
  syncing: boolean
}

function snapshot(outbox: Outbox | null): OutboxView {
  const entries = outbox ? outbox.list() : []
  return {
    outbox,
    entries,
    pending: entries.filter((e) => e.status === 'pending'),
    refused: entries.filter((e) => e.status === 'refused'),
    syncing: outbox ? outbox.isSyncing() : false,
  }
}

/** The signed-in user's outbox, kept up to date. */
export function useOutbox(): OutboxView {
  const [view, setView] = useState<OutboxView>(() => snapshot(userOutbox()))
  useEffect(() => {
    let unsubscribe: (() => void) | null = null
    const follow = () => {
      unsubscribe?.()
      const outbox = userOutbox()
      setView(snapshot(outbox))
      unsubscribe = outbox ? outbox.subscribe(() => setView(snapshot(outbox))) : null
    }
    follow()
    const offSession = subscribeSession(follow)
    return () => {
      offSession()
      unsubscribe?.()
    }
  }, [])
  return view
}

/** Reloads a page once a write of `kind` that waited in the outbox is delivered (a file sent later shows). */
export function useReloadOnDelivered(outbox: Outbox | null, kind: string, reload: () => Promise<void>): void {
  useEffect(
    () =>
      outbox?.onDelivered((d) => {
        if (d.entry.kind === kind) reload().catch(() => undefined)
      }),
    [outbox, kind, reload],
  )
}
