import { useCallback } from 'react'
import Taro from '@tarojs/taro'
import { getOutbox, type OutboxEntry } from '@/services/outbox'
import type { ApiErrorField } from '@/services/request'
import { settleWrite, type WriteOutcome } from '@/services/settleWrite'

/** What the user is told about a write, by its outbox outcome: the one table of these wordings. */
export const WRITE_MESSAGES = {
  /** Delivered, when the page has no text of its own. */
  delivered: '已保存',
  /** Refused: the server's reason is shown; this only when it gave none. */
  refused: '提交未被接受',
  /** Not delivered yet (offline, server busy …): kept in the outbox and sent later. */
  queued: '已保存在本机，联网后自动提交',
} as const

export interface WriteOptions {
  /**
   * The toast once the server has it: the page's own text (a function gets the server's answer), or
   * null when the page shows the result itself. Default: WRITE_MESSAGES.delivered.
   */
  done?: string | ((data: unknown) => string) | null
  /**
   * Where the server's reason goes when the page shows it by the form (e.g. setError); the entry then
   * leaves the outbox, since the user has seen it. Without it the reason is a toast and the entry stays
   * in 任务 with its reason. `message` already says the server's field messages when its own text was
   * only the generic 「提交的内容有误」; `fields` are those messages by field (`path`), for a form that
   * shows each under its field (and the rest, `unplacedText`, by the form).
   */
  onRefused?: (message: string, code: string, fields: readonly ApiErrorField[]) => void
  /** With onRefused: keep the refused entry in 任务 all the same. */
  keepRefused?: boolean
  /** No toast while it waits in the outbox (the page says what it cannot do without the network). */
  quietQueued?: boolean
  /** How long to wait for the network before calling it queued (settleWrite's default: 8 s). */
  waitMs?: number
}

function toast(title: string, success = false) {
  // WeChat cuts a success-icon toast at 7 characters: longer texts go without the icon.
  void Taro.showToast({ title, icon: success && title.length <= 7 ? 'success' : 'none', duration: 2500 })
}

/** Waits for a write just queued in the outbox (settleWrite) and tells the user its outcome. */
export async function runWrite(entry: OutboxEntry, options: WriteOptions = {}): Promise<WriteOutcome> {
  const outbox = getOutbox()
  const outcome = await settleWrite(outbox, entry, options.waitMs)
  if (outcome.kind === 'delivered') {
    const { done = WRITE_MESSAGES.delivered } = options
    const text = typeof done === 'function' ? done(outcome.response?.data) : done
    if (text) toast(text, true)
  } else if (outcome.kind === 'refused') {
    const message = outcome.message || WRITE_MESSAGES.refused
    if (options.onRefused) {
      if (!options.keepRefused) outbox.dismiss(entry.id)
      options.onRefused(message, outcome.code, outcome.fields)
    } else toast(message)
  } else if (!options.quietQueued) toast(WRITE_MESSAGES.queued)
  return outcome
}

/**
 * The field messages of a refusal that a form could not put under one of its fields, as one text (null
 * when it placed them all): what it shows by the form instead of the generic 「提交的内容有误」.
 */
export function unplacedText(
  fields: readonly ApiErrorField[],
  placed: (path: string) => boolean,
): string | null {
  const rest = [...new Set(fields.filter((f) => !placed(f.path)).map((f) => f.message))]
  return rest.length ? rest.join('；') : null
}

/** The pages' way to send a write through the outbox: `const write = useWrite()`, then `await write(entry, …)`. */
export function useWrite(): typeof runWrite {
  return useCallback(runWrite, [])
}
