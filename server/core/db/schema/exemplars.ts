import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/exemplars/`. */
export const exemplarsColumns = {
  /** 示范点 / 示范企业 selection rounds (0025); `notice_*` set once, when the 公示 is published. */
  exemplar_rounds: {
    id: autoId,
    kind: column<'pilot' | 'exemplar'>(),
    name: text,
    notice_code: textOrNull,
    notice_starts: textOrNull,
    notice_ends: textOrNull,
    published_at: textOrNull,
    published_by: numOrNull,
    created_by: num,
    created_at: text,
    updated_at: text,
    /** Set when the office cancels the round (0032); one 示范点 round stands uncancelled. */
    cancelled_at: textOrNull,
  },
  /** A round's candidate (0025); `chosen_slot` unique per round: 'soe' / 'private' in a 示范点 round. */
  exemplar_candidates: {
    id: autoId,
    round_id: num,
    enterprise_id: num,
    class: column<'soe' | 'private' | 'other'>(),
    chosen_slot: textOrNull,
    chosen_at: textOrNull,
    chosen_by: numOrNull,
    created_by: num,
    created_at: text,
  },
}
