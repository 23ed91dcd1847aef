import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/organisations/`. */
export const organisationsColumns = {
  departments: {
    id: autoId,
    name: text,
    is_office: num,
    created_at: text,
    /** Set when the office retires it: it keeps its name and history and supervises nothing. */
    retired_at: textOrNull,
  },
  enterprises: {
    id: autoId,
    name: text,
    credit_code: text,
    ownership: text,
    party_org: text,
    industry: textOrNull,
    leading_group_date: textOrNull,
    plan_filed_date: textOrNull,
    demonstration: num,
    liaison_name: textOrNull,
    liaison_phone: textOrNull,
    created_at: text,
    updated_at: text,
    /** The 实施步骤 deadline the office set for this enterprise (null: the programme's). */
    milestone_deadline: textOrNull,
  },
  supervision_links: {
    department_id: num,
    enterprise_id: num,
    created_at: text,
  },
  memberships: {
    id: autoId,
    user_id: num,
    organisation_kind: column<'department' | 'enterprise'>(),
    organisation_id: num,
    role: text,
    /** removed: the person left (ended by the liaison); the row and their records stay. */
    status: column<'pending' | 'approved' | 'rejected' | 'removed'>(),
    invite_id: numOrNull,
    decided_by: numOrNull,
    decided_at: textOrNull,
    created_at: text,
  },
  /** An invite names exactly one organisation: an enterprise or a department. */
  invites: {
    id: autoId,
    code: text,
    enterprise_id: numOrNull,
    department_id: numOrNull,
    role: text,
    created_by: num,
    expires_at: text,
    max_uses: num,
    uses: num,
    revoked_at: textOrNull,
    created_at: text,
  },
}
