import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The table of `server/core/writes.ts` (the Idempotency-Key's claim and stored answer). */
export const writesColumns = {
  idempotency_keys: {
    id: autoId,
    user_id: num,
    key: text,
    method: text,
    path: text,
    request_hash: text,
    state: column<'in_progress' | 'done'>(),
    response_status: numOrNull,
    response_body: textOrNull,
    created_at: text,
    updated_at: text,
  },
}
