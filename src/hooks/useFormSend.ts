import { useState } from 'react'
import { goBack } from '@/services/navigation'
import type { OutboxEntry } from '@/services/outbox'
import { useFieldErrors, type FieldOf } from './useFieldErrors'
import { useWrite } from './useWrite'
import { useBusy } from './useBusy'

/** A schema's safeParse answer, as far as a form needs it. */
export type Checked<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: { message: string; path?: readonly PropertyKey[] }[] } }

/** What a form shows of a failed check: its first problem. */
export function firstProblem(
  failed: Checked<unknown> & { success: false },
  fallback = '请检查填写内容',
): string {
  return failed.error.issues[0]?.message ?? fallback
}

/** A problem the page finds itself (a date before today …), under the field its path names. */
export interface OwnIssue {
  path: readonly PropertyKey[]
  message: string
}

/** The schema's check with the page's own problems first (all of them said at once, each by its field). */
export function withIssues<T>(checked: Checked<T>, own: readonly OwnIssue[]): Checked<T> {
  if (!own.length) return checked
  return { success: false, error: { issues: [...own, ...(checked.success ? [] : checked.error.issues)] } }
}

const NO_FIELD: FieldOf<never> = () => null

/**
 * The one write of a form page: `send(checked, entry, done)` shows the first problem of a failed check
 * in `error`; else it sends `entry(data)` through the outbox (the server's refusal also lands in
 * `error`) and, once delivered or kept for later, marks the form `sent` (no unsaved-changes guard) and
 * goes back. `busy` while it waits; a second tap meanwhile does nothing. `run` is the same check and
 * busy state around a save of the page's own (one that stays on the page, or writes twice).
 * With `fieldOf` (the form's fields by a problem's path) every problem of the check and of the server's
 * refusal goes under its field in `errors` (useFieldErrors), only the rest in `error`.
 */
export function useFormSend<K extends string = never>(fieldOf?: FieldOf<K>) {
  const write = useWrite()
  const problems = useFieldErrors<K>(fieldOf ?? NO_FIELD)
  const [busy, whileBusy] = useBusy()
  const [sent, setSent] = useState(false)
  const setError = problems.say

  /** Checks, then runs `act` with the checked data while `busy`: a form's save of any kind. */
  const run = async <T>(checked: Checked<T>, act: (data: T) => Promise<void>) => {
    if (busy) return
    if (!checked.success) {
      if (fieldOf) problems.failed(checked.error.issues)
      else setError(firstProblem(checked))
      return
    }
    setError(null)
    await whileBusy(() => act(checked.data))
  }

  const send = <T>(checked: Checked<T>, entry: (data: T) => OutboxEntry, done: string) =>
    run(checked, async (data) => {
      const outcome = await write(entry(data), {
        done,
        onRefused: fieldOf ? problems.refused : setError,
      })
      if (outcome.kind === 'refused') return
      setSent(true)
      void goBack()
    })

  return {
    error: problems.formError,
    errors: problems.errors,
    setError,
    sayAt: problems.sayAt,
    clear: problems.clear,
    edit: problems.edit,
    busy,
    sent,
    send,
    run,
  }
}
