import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/specials/`. */
export const specialsColumns = {
  /** 专项整治 (migration 0027). */
  special_campaigns: {
    id: autoId,
    title: text,
    basis: text,
    description: text,
    deadline: text,
    status: column<'open' | 'closed'>(),
    department_id: num,
    by_office: num,
    scope_label: text,
    writes: autoId,
    version: num,
    created_by: num,
    created_at: text,
    updated_at: text,
    closed_at: textOrNull,
  },
  special_scope: {
    id: autoId,
    special_id: num,
    enterprise_id: num,
    reported_at: textOrNull,
  },
  special_problems: {
    id: autoId,
    special_id: num,
    enterprise_id: num,
    problem: text,
    measure: text,
    owner: text,
    planned_date: text,
    status: column<'in_progress' | 'done'>(),
    version: num,
    created_by: num,
    created_at: text,
    updated_at: text,
  },
  special_problem_history: {
    id: autoId,
    problem_id: num,
    kind: column<'created' | 'edited' | 'note'>(),
    note: textOrNull,
    status: column<'in_progress' | 'done' | null>(),
    actor_id: numOrNull,
    created_at: text,
  },
}
