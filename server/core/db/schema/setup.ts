import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

export interface AdminCodeTable {
  id: Generated<number>
  department_id: number
  code_sha256: string
  expires_at: string
  created_at: string
  revoked_at: string | null
  redeemed_by: number | null
  redeemed_at: string | null
}

/** One row (id 1): the county's settings, kept by the office (migration 0036). */
export interface CountySettingsTable {
  id: number
  /** The county-wide 领导小组与实施方案完成期限; null: the programme's. */
  milestone_deadline: string | null
  updated_by: number | null
  updated_at: string | null
  /** The county's name as `npm run setup -- --county` gave it (null: not set up by it, e.g. the demo). */
  county_name: string | null
}

/** The tables of `server/features/setup/`. */
export interface SetupTables {
  admin_codes: AdminCodeTable
  county_settings: CountySettingsTable
}

export const setupColumns = {
  admin_codes: {
    id: true,
    department_id: true,
    code_sha256: true,
    expires_at: true,
    created_at: true,
    revoked_at: true,
    redeemed_by: true,
    redeemed_at: true,
  },
  county_settings: {
    id: true,
    milestone_deadline: true,
    updated_by: true,
    updated_at: true,
    county_name: true,
  },
} as const satisfies SchemaColumns<SetupTables>
