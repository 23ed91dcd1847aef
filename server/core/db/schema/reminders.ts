import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

export interface SubscribeGrantTable {
  id: Generated<number>
  user_id: number
  template_id: string
  purpose: string
  result: string
  created_at: string
  used_at: string | null
  send_result: string | null
}

export interface TodoReminderTable {
  id: Generated<number>
  user_id: number
  kind: string
  todo_key: string
  occasion: 'new' | 'overdue'
  status: 'known' | 'sending' | 'sent' | 'retry' | 'failed'
  attempts: Generated<number>
  grant_id: number | null
  result: string | null
  created_at: string
  updated_at: string
}

/** The tables of `server/features/reminders/`. */
export interface RemindersTables {
  subscribe_grants: SubscribeGrantTable
  todo_reminders: TodoReminderTable
}

export const remindersColumns = {
  subscribe_grants: {
    id: true,
    user_id: true,
    template_id: true,
    purpose: true,
    result: true,
    created_at: true,
    used_at: true,
    send_result: true,
  },
  todo_reminders: {
    id: true,
    user_id: true,
    kind: true,
    todo_key: true,
    occasion: true,
    status: true,
    attempts: true,
    grant_id: true,
    result: true,
    created_at: true,
    updated_at: true,
  },
} as const satisfies SchemaColumns<RemindersTables>
