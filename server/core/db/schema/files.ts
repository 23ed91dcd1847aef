import { autoId, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/files/`. */
export const filesColumns = {
  evidence_files: {
    id: autoId,
    enterprise_id: num,
    assessment_id: numOrNull,
    item_code: textOrNull,
    rectification_id: numOrNull,
    filename: text,
    mime: text,
    size: num,
    sha256: text,
    storage_key: text,
    uploaded_by: num,
    deleted_at: textOrNull,
    created_at: text,
    /** A meeting record's attachment (签到表, 现场照片): its meeting and kind. */
    meeting_id: numOrNull,
    attachment_kind: textOrNull,
    /** A risk point's attachment. */
    risk_id: numOrNull,
    /** A “三重一大” decision's attachment. */
    major_decision_id: numOrNull,
  },
}
