import { autoId, column, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/audit/`. */
export const auditColumns = {
  audit_log: {
    id: autoId,
    user_id: numOrNull,
    action: text,
    entity_type: text,
    entity_id: textOrNull,
    detail: textOrNull,
    ip: textOrNull,
    created_at: text,
    /** The organisation the write belongs to (the route's enterprise or department), when it has one. */
    organisation_kind: column<'enterprise' | 'department' | null>(),
    organisation_id: numOrNull,
  },
}
