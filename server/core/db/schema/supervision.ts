import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/supervision/`. */
export const supervisionColumns = {
  /** 催办 (0022): one matter an enterprise owes, reminded by a department (null: the office), once a day. */
  urges: {
    id: autoId,
    enterprise_id: num,
    department_id: numOrNull,
    kind: column<'rectification' | 'campaign' | 'risk'>(),
    item_id: num,
    /** The 北京时间 day it was sent ('YYYY-MM-DD'). */
    day: text,
    note: textOrNull,
    created_by: num,
    created_at: text,
  },
  /** 督查专报 (0024): `sections` and `snapshot` are JSON text. */
  supervision_reports: {
    id: autoId,
    /** The department it covers; null: the office's report of every enterprise. */
    department_id: numOrNull,
    number: num,
    title: text,
    period_start: text,
    period_end: text,
    status: column<'draft' | 'final'>(),
    version: num,
    sections: text,
    snapshot: text,
    created_by: num,
    created_at: text,
    updated_at: text,
    finalised_at: textOrNull,
    /** JSON list of the section keys the user edited (0032); null on older rows. */
    edited_sections: textOrNull,
  },
  /** 期号 counter of an issuer ('office' / 'd<id>') in a 北京时间 year (0032). */
  supervision_report_numbers: {
    issuer: text,
    year: num,
    last: num,
  },
}
