import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

/** 专项整治 (migration 0027). */
export interface SpecialCampaignTable {
  id: Generated<number>
  title: string
  basis: string
  description: string
  deadline: string
  status: 'open' | 'closed'
  department_id: number
  by_office: number
  scope_label: string
  writes: Generated<number>
  version: number
  created_by: number
  created_at: string
  updated_at: string
  closed_at: string | null
}

export interface SpecialScopeTable {
  id: Generated<number>
  special_id: number
  enterprise_id: number
  reported_at: string | null
}

export interface SpecialProblemTable {
  id: Generated<number>
  special_id: number
  enterprise_id: number
  problem: string
  measure: string
  owner: string
  planned_date: string
  status: 'in_progress' | 'done'
  version: number
  created_by: number
  created_at: string
  updated_at: string
}

export interface SpecialProblemHistoryTable {
  id: Generated<number>
  problem_id: number
  kind: 'created' | 'edited' | 'note'
  note: string | null
  status: 'in_progress' | 'done' | null
  actor_id: number | null
  created_at: string
}

/** The tables of `server/features/specials/`. */
export interface SpecialsTables {
  special_campaigns: SpecialCampaignTable
  special_scope: SpecialScopeTable
  special_problems: SpecialProblemTable
  special_problem_history: SpecialProblemHistoryTable
}

export const specialsColumns = {
  special_campaigns: {
    id: true,
    title: true,
    basis: true,
    description: true,
    deadline: true,
    status: true,
    department_id: true,
    by_office: true,
    scope_label: true,
    writes: true,
    version: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    closed_at: true,
  },
  special_scope: { id: true, special_id: true, enterprise_id: true, reported_at: true },
  special_problems: {
    id: true,
    special_id: true,
    enterprise_id: true,
    problem: true,
    measure: true,
    owner: true,
    planned_date: true,
    status: true,
    version: true,
    created_by: true,
    created_at: true,
    updated_at: true,
  },
  special_problem_history: {
    id: true,
    problem_id: true,
    kind: true,
    note: true,
    status: true,
    actor_id: true,
    created_at: true,
  },
} as const satisfies SchemaColumns<SpecialsTables>
