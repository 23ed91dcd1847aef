import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/rectifications/`. */
export const rectificationsColumns = {
  rectifications: {
    id: autoId,
    enterprise_id: num,
    source: column<'finding' | 'notice' | 'risk'>(),
    assessment_id: numOrNull,
    item_code: textOrNull,
    title: text,
    detail: textOrNull,
    deadline: text,
    status: column<'open' | 'awaiting_verification' | 'closed' | 'returned'>(),
    response: textOrNull,
    created_by: numOrNull,
    created_at: text,
    updated_at: text,
    /** The risk point a supervisor raised this 整改 from (source 'risk'). */
    risk_id: numOrNull,
  },
  rectification_events: {
    id: autoId,
    rectification_id: num,
    from_status: textOrNull,
    to_status: text,
    actor_id: numOrNull,
    comment: textOrNull,
    created_at: text,
  },
}
