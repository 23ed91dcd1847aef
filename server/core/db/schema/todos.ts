import type { SchemaColumns } from './columns'
export interface TodoSeenTable {
  user_id: number
  /** JSON array of to-do keys */
  keys: string
  seen_at: string
}

/** The tables of `server/features/todos/`. */
export interface TodosTables {
  todo_seen: TodoSeenTable
}

export const todosColumns = {
  todo_seen: { user_id: true, keys: true, seen_at: true },
} as const satisfies SchemaColumns<TodosTables>
