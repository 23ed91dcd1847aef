import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

export interface IdempotencyKeyTable {
  id: Generated<number>
  user_id: number
  key: string
  method: string
  path: string
  request_hash: string
  state: 'in_progress' | 'done'
  response_status: number | null
  response_body: string | null
  created_at: string
  updated_at: string
}

/** The table of `server/core/writes.ts` (the Idempotency-Key's claim and stored answer). */
export interface WritesTables {
  idempotency_keys: IdempotencyKeyTable
}

export const writesColumns = {
  idempotency_keys: {
    id: true,
    user_id: true,
    key: true,
    method: true,
    path: true,
    request_hash: true,
    state: true,
    response_status: true,
    response_body: true,
    created_at: true,
    updated_at: true,
  },
} as const satisfies SchemaColumns<WritesTables>
