import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

export interface LeadingGroupMemberTable {
  id: Generated<number>
  enterprise_id: number
  position: number
  name: string
  title: string
  group_role: string
  created_at: string
}

export interface PlanFilingTable {
  id: Generated<number>
  enterprise_id: number
  /** 1, 2, … per enterprise: unique, so two filings of the same number cannot both be written. */
  revision: number
  department_id: number
  /** JSON array of evidence_files ids */
  file_ids: string
  status: 'submitted' | 'received' | 'returned'
  submitted_by: number
  submitted_at: string
  decided_by: number | null
  decided_at: string | null
  return_reason: string | null
}

/** The tables of `server/features/milestones/`. */
export interface MilestonesTables {
  leading_group_members: LeadingGroupMemberTable
  plan_filings: PlanFilingTable
}

export const milestonesColumns = {
  leading_group_members: {
    id: true,
    enterprise_id: true,
    position: true,
    name: true,
    title: true,
    group_role: true,
    created_at: true,
  },
  plan_filings: {
    id: true,
    enterprise_id: true,
    revision: true,
    department_id: true,
    file_ids: true,
    status: true,
    submitted_by: true,
    submitted_at: true,
    decided_by: true,
    decided_at: true,
    return_reason: true,
  },
} as const satisfies SchemaColumns<MilestonesTables>
