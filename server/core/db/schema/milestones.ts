import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/milestones/`. */
export const milestonesColumns = {
  leading_group_members: {
    id: autoId,
    enterprise_id: num,
    position: num,
    name: text,
    title: text,
    group_role: text,
    created_at: text,
  },
  plan_filings: {
    id: autoId,
    enterprise_id: num,
    /** 1, 2, … per enterprise: unique, so two filings of the same number cannot both be written. */
    revision: num,
    department_id: num,
    /** JSON array of evidence_files ids */
    file_ids: text,
    status: column<'submitted' | 'received' | 'returned'>(),
    submitted_by: num,
    submitted_at: text,
    decided_by: numOrNull,
    decided_at: textOrNull,
    return_reason: textOrNull,
  },
}
