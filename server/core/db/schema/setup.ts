import { autoId, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/setup/`. */
export const setupColumns = {
  admin_codes: {
    id: autoId,
    department_id: num,
    code_sha256: text,
    expires_at: text,
    created_at: text,
    revoked_at: textOrNull,
    redeemed_by: numOrNull,
    redeemed_at: textOrNull,
  },
  /** One row (id 1): the county's settings, kept by the office (migration 0036). */
  county_settings: {
    id: num,
    /** The county-wide 领导小组与实施方案完成期限; null: the programme's. */
    milestone_deadline: textOrNull,
    updated_by: numOrNull,
    updated_at: textOrNull,
    /** The county's name as `npm run setup -- --county` gave it (null: not set up by it, e.g. the demo). */
    county_name: textOrNull,
  },
}
