import { num, text } from './columns'

/** The tables of `server/features/todos/`. */
export const todosColumns = {
  todo_seen: {
    user_id: num,
    /** JSON array of to-do keys */
    keys: text,
    seen_at: text,
  },
}
