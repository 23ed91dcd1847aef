/**
 * One attempt at an outbox entry and what its answer means: delivered (2xx), refused (a 4xx the user must
 * see) or retry (network, 5xx, 401), and how long a retry waits. The production sender is here too.
 */
import { ERROR_MESSAGES } from '@/models/errorMessages'
import {
  apiErrorFromResponse,
  requestRaw,
  toApiError,
  type ApiError,
  type ApiErrorField,
  type TransportResponse,
} from './request'
import type { OutboxEntry, OutboxFailure } from './outboxStore'

/**
 * Sends one entry with `Idempotency-Key: entry.idempotencyKey`. Resolves with any HTTP status; rejects
 * on network failure. Throwing an ApiError (e.g. from request()) is classified the same way.
 */
export type OutboxSend = (entry: OutboxEntry) => Promise<TransportResponse>

const BACKOFF_BASE_MS = 2000
const BACKOFF_MAX_MS = 5 * 60 * 1000

/** Exponential backoff with "equal jitter": never shorter than half the exponential step. */
export function defaultBackoff(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(step / 2 + (random() * step) / 2)
}

export type Outcome =
  | { kind: 'delivered'; response: TransportResponse }
  | { kind: 'retry'; failure: OutboxFailure }
  | { kind: 'refused'; failure: OutboxFailure }

/**
 * What a refusal says to the user: the server's own reason, except that the generic 「提交的内容有误」
 * gives way to its field messages, which say what is wrong (a page that shows them by its fields still
 * has `fields`).
 */
export function refusalMessage(message: string, fields: readonly ApiErrorField[] = []): string {
  const said = [...new Set(fields.map((f) => f.message.trim()).filter(Boolean))]
  return said.length && message === ERROR_MESSAGES.VALIDATION_FAILED ? said.join('；') : message
}

function classifyError(err: ApiError, response?: TransportResponse): Outcome {
  if (err.status >= 200 && err.status < 300) {
    // The server accepted it (e.g. only a response schema mismatch): resending would only replay.
    return { kind: 'delivered', response: response ?? { status: err.status, data: undefined } }
  }
  const failure = {
    status: err.status,
    code: err.code,
    message: refusalMessage(err.message, err.fields),
    ...(err.fields.length ? { fields: err.fields.map(({ path, message }) => ({ path, message })) } : {}),
  }
  // 401 survived the request layer's relogin: the write is fine, the session is not; try again later.
  return err.isRetryable || err.status === 401 ? { kind: 'retry', failure } : { kind: 'refused', failure }
}

function classify(result: { response: TransportResponse } | { error: unknown }): Outcome {
  if ('error' in result) return classifyError(toApiError(result.error))
  const { response } = result
  if (response.status >= 200 && response.status < 300) return { kind: 'delivered', response }
  return classifyError(apiErrorFromResponse(response.status, response.data), response)
}

/** Sends the entry (a copy: the sender cannot change the queue's) and classifies the answer or the error. */
export async function attempt(send: OutboxSend, entry: OutboxEntry): Promise<Outcome> {
  try {
    return classify({ response: await send({ ...entry }) })
  } catch (error) {
    return classify({ error })
  }
}

/** The production sender: the request layer (auth + relogin on 401) with the entry's idempotency key. */
export const sendWithRequest: OutboxSend = (entry) =>
  requestRaw({
    method: entry.method,
    path: entry.path,
    body: entry.body,
    ...(entry.file ? { file: entry.file } : {}),
    headers: { 'Idempotency-Key': entry.idempotencyKey },
  })
