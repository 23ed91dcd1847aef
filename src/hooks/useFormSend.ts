import { useState } from 'react'
import { goBack } from '@/services/navigation'
import type { OutboxEntry } from '@/services/outbox'
import { useWrite } from './useWrite'
import { useBusy } from './useBusy'

/** A schema's safeParse answer, as far as a form needs it. */
export type Checked<T> =
  { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }

/** What a form shows of a failed check: its first problem. */
export function firstProblem(
  failed: Checked<unknown> & { success: false },
  fallback = '请检查填写内容',
): string {
  return failed.error.issues[0]?.message ?? fallback
}

/**
 * The one write of a form page: `send(checked, entry, done)` shows the first problem of a failed check
 * in `error`; else it sends `entry(data)` through the outbox (the server's refusal also lands in
 * `error`) and, once delivered or kept for later, marks the form `sent` (no unsaved-changes guard) and
 * goes back. `busy` while it waits; a second tap meanwhile does nothing. `run` is the same check and
 * busy state around a save of the page's own (one that stays on the page, or writes twice).
 */
export function useFormSend() {
  const write = useWrite()
  const [error, setError] = useState<string | null>(null)
  const [busy, whileBusy] = useBusy()
  const [sent, setSent] = useState(false)

  /** Checks, then runs `act` with the checked data while `busy`: a form's save of any kind. */
  const run = async <T>(checked: Checked<T>, act: (data: T) => Promise<void>) => {
    if (busy) return
    if (!checked.success) {
      setError(firstProblem(checked))
      return
    }
    setError(null)
    await whileBusy(() => act(checked.data))
  }

  const send = <T>(checked: Checked<T>, entry: (data: T) => OutboxEntry, done: string) =>
    run(checked, async (data) => {
      const outcome = await write(entry(data), { done, onRefused: setError })
      if (outcome.kind === 'refused') return
      setSent(true)
      void goBack()
    })

  return { error, setError, busy, sent, send, run }
}
