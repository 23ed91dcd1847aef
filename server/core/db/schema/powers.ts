import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/powers/`. */
export const powersColumns = {
  /** 国企“一把手”权力清单 (task 12): the draft; `content` is JSON (`TPowerListContent`). */
  power_lists: {
    id: autoId,
    enterprise_id: num,
    content: text,
    revision: num,
    /** 1 while the draft differs from the last published version. */
    dirty: num,
    published_version: num,
    updated_by: num,
    updated_at: text,
  },
  power_list_versions: {
    id: autoId,
    enterprise_id: num,
    version: num,
    content: text,
    published_by: num,
    published_at: text,
  },
  power_list_acks: {
    id: autoId,
    version_id: num,
    department_id: num,
    user_id: num,
    acknowledged_at: text,
  },
  /** “三重一大” decision log (task 12). */
  major_decisions: {
    id: autoId,
    enterprise_id: num,
    subject: text,
    category: column<'decision' | 'personnel' | 'project' | 'funds'>(),
    decided_on: text,
    meeting: text,
    attendees: text,
    result: text,
    version: num,
    created_by: num,
    created_at: text,
    updated_at: text,
  },
  /** A create or a correction of a decision: its fields before (null on create) and after, JSON. */
  major_decision_revisions: {
    id: autoId,
    decision_id: num,
    before: textOrNull,
    after: text,
    note: textOrNull,
    actor_id: numOrNull,
    created_at: text,
  },
}
