import type { Generated, Selectable } from 'kysely'
import type { SchemaColumns } from './columns'

export interface DepartmentTable {
  id: Generated<number>
  name: string
  is_office: number
  created_at: string
  /** Set when the office retires it: it keeps its name and history and supervises nothing. */
  retired_at: string | null
}

export interface EnterpriseTable {
  id: Generated<number>
  name: string
  credit_code: string
  ownership: string
  party_org: string
  industry: string | null
  leading_group_date: string | null
  plan_filed_date: string | null
  demonstration: number
  liaison_name: string | null
  liaison_phone: string | null
  created_at: string
  updated_at: string
  /** The 实施步骤 deadline the office set for this enterprise (null: the programme's). */
  milestone_deadline: string | null
}

export interface SupervisionLinkTable {
  department_id: number
  enterprise_id: number
  created_at: string
}

export interface MembershipTable {
  id: Generated<number>
  user_id: number
  organisation_kind: 'department' | 'enterprise'
  organisation_id: number
  role: string
  /** removed: the person left (ended by the liaison); the row and their records stay. */
  status: 'pending' | 'approved' | 'rejected' | 'removed'
  invite_id: number | null
  decided_by: number | null
  decided_at: string | null
  created_at: string
}

/** An invite names exactly one organisation: an enterprise or a department. */
export interface InviteTable {
  id: Generated<number>
  code: string
  enterprise_id: number | null
  department_id: number | null
  role: string
  created_by: number
  expires_at: string
  max_uses: number
  uses: number
  revoked_at: string | null
  created_at: string
}

export type DepartmentRow = Selectable<DepartmentTable>
export type EnterpriseRow = Selectable<EnterpriseTable>
export type MembershipRow = Selectable<MembershipTable>
export type InviteRow = Selectable<InviteTable>

/** The tables of `server/features/organisations/`. */
export interface OrganisationsTables {
  departments: DepartmentTable
  enterprises: EnterpriseTable
  supervision_links: SupervisionLinkTable
  memberships: MembershipTable
  invites: InviteTable
}

export const organisationsColumns = {
  departments: { id: true, name: true, is_office: true, created_at: true, retired_at: true },
  enterprises: {
    id: true,
    name: true,
    credit_code: true,
    ownership: true,
    party_org: true,
    industry: true,
    leading_group_date: true,
    plan_filed_date: true,
    demonstration: true,
    liaison_name: true,
    liaison_phone: true,
    created_at: true,
    updated_at: true,
    milestone_deadline: true,
  },
  supervision_links: { department_id: true, enterprise_id: true, created_at: true },
  memberships: {
    id: true,
    user_id: true,
    organisation_kind: true,
    organisation_id: true,
    role: true,
    status: true,
    invite_id: true,
    decided_by: true,
    decided_at: true,
    created_at: true,
  },
  invites: {
    id: true,
    code: true,
    enterprise_id: true,
    department_id: true,
    role: true,
    created_by: true,
    expires_at: true,
    max_uses: true,
    uses: true,
    revoked_at: true,
    created_at: true,
  },
} as const satisfies SchemaColumns<OrganisationsTables>
