import { useCallback, useState } from 'react'
import type { OutboxEntry } from '@/services/outbox'
import { userOutbox } from '@/services/session'
import { KEEP_OPEN, type WriteOutcome } from '@/services/settleWrite'
import { firstProblem, type Checked } from './useFormSend'
import { useWrite, type WriteOptions } from './useWrite'

/**
 * The confirm of a NutUI Dialog that sends a form: its onConfirm resolves when done (the Dialog then
 * closes itself) and rejects with KEEP_OPEN to stay open, the reason shown in `error`.
 *
 * - `checked(result)`: a schema's data, or its first problem in `error` (the dialog stays open);
 *   `refuse(message)` does the same for a check of the dialog's own.
 * - `send(entry, options)`: queues `entry()` in the outbox and waits for it while `busy`; resolves with
 *   the outcome once delivered or kept for later. Stays open while busy, signed out, when the server
 *   refuses (its reason in `error`, where it can be corrected: not kept in 任务 as well) or on a failure.
 * - `edit(set)`: a field's onChange that stores the value and clears the message (the next keystroke
 *   may have fixed it).
 * - `reset()`: a dialog opened again (useOnOpen) starts without the last one's error or busy state.
 */
export function useDialogSubmit() {
  const write = useWrite()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const refuse = (message: string): never => {
    setError(message)
    throw KEEP_OPEN
  }

  const checked = <T>(result: Checked<T>, fallback?: string): T =>
    result.success ? result.data : refuse(firstProblem(result, fallback))

  const send = async (
    entry: () => OutboxEntry,
    options: Omit<WriteOptions, 'onRefused'> = {},
  ): Promise<WriteOutcome> => {
    if (busy || !userOutbox()) throw KEEP_OPEN
    setBusy(true)
    setError(null)
    try {
      const outcome = await write(entry(), { ...options, onRefused: setError })
      if (outcome.kind === 'refused') throw KEEP_OPEN
      return outcome
    } catch (err) {
      if (err !== KEEP_OPEN) setError(err instanceof Error ? err.message : '提交失败，请稍后重试')
      throw KEEP_OPEN
    } finally {
      setBusy(false)
    }
  }

  const edit =
    <T>(set: (value: T) => void) =>
    (value: T) => {
      set(value)
      setError(null)
    }

  const reset = useCallback(() => {
    setError(null)
    setBusy(false)
  }, [])

  return { error, setError, busy, checked, refuse, send, edit, reset }
}
