import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/dealings/`. */
export const dealingsColumns = {
  /** A version of a 政商交往清单 (0029): a draft (`version` null) until published; `in_force_kind` unique. */
  dealing_list_versions: {
    id: autoId,
    kind: column<'positive' | 'negative' | 'guidance'>(),
    version: numOrNull,
    /** JSON array of { text, basis } */
    items: text,
    revision: num,
    in_force_kind: textOrNull,
    created_by: num,
    created_at: text,
    updated_at: text,
    published_at: textOrNull,
    published_by: numOrNull,
  },
}
