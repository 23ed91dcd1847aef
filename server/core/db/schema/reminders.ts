import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/reminders/`. */
export const remindersColumns = {
  subscribe_grants: {
    id: autoId,
    user_id: num,
    template_id: text,
    purpose: text,
    result: text,
    created_at: text,
    used_at: textOrNull,
    send_result: textOrNull,
  },
  todo_reminders: {
    id: autoId,
    user_id: num,
    kind: text,
    todo_key: text,
    occasion: column<'new' | 'overdue'>(),
    status: column<'known' | 'sending' | 'sent' | 'retry' | 'failed'>(),
    attempts: autoId,
    grant_id: numOrNull,
    result: textOrNull,
    created_at: text,
    updated_at: text,
  },
}
