import type { Outbox, OutboxEntry } from './outbox'
import type { ApiErrorField, TransportResponse } from './request'

export type WriteOutcome =
  | { kind: 'delivered'; response: TransportResponse | null }
  /** The server refused it for good: the reason is shown to the user. */
  | { kind: 'refused'; code: string; message: string; fields: ApiErrorField[] }
  /** Not delivered yet (offline, server busy …): it stays in the outbox and is sent later. */
  | { kind: 'queued'; message: string | null }

/**
 * Waits a little for a write just queued in the outbox, so a form can say "已保存" or show the
 * server's reason when the network is good, and "已保存在本机，稍后自动同步" when it is not.
 */
export async function settleWrite(outbox: Outbox, entry: OutboxEntry, waitMs = 8000): Promise<WriteOutcome> {
  let response: TransportResponse | null = null
  let delivered = false
  const off = outbox.onDelivered((d) => {
    if (d.entry.id === entry.id) {
      delivered = true
      response = d.response
    }
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      outbox.flush().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs)
      }),
    ])
  } finally {
    if (timer !== undefined) clearTimeout(timer)
    off()
  }
  const now = outbox.list().find((e) => e.id === entry.id)
  if (delivered || !now) return { kind: 'delivered', response }
  if (now.status === 'refused')
    return {
      kind: 'refused',
      code: now.lastError?.code ?? '',
      message: now.lastError?.message ?? '提交未被接受',
      // (an entry stored by an older version has none)
      fields: Array.isArray(now.lastError?.fields) ? now.lastError.fields : [],
    }
  return { kind: 'queued', message: now.lastError?.message ?? null }
}

/** Thrown from a NutUI Dialog's onConfirm to keep the dialog open (it closes when onConfirm resolves). */
export const KEEP_OPEN = new Error('keep the dialog open')
