import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

export interface RiskTable {
  id: Generated<number>
  enterprise_id: number
  area: string
  area_name: string | null
  post: string
  description: string
  likelihood: number
  impact: number
  level: 'high' | 'medium' | 'low'
  measures: string
  owner: string
  review_cycle: number
  next_review_date: string
  status: 'active' | 'rectified' | 'closed'
  starter_code: string | null
  rectification_id: number | null
  version: number
  created_by: number
  created_at: string
  updated_at: string
}

export interface RiskHistoryTable {
  id: Generated<number>
  risk_id: number
  kind: 'created' | 'edited' | 'reviewed' | 'rectification' | 'rectified'
  note: string | null
  from_level: 'high' | 'medium' | 'low' | null
  to_level: 'high' | 'medium' | 'low' | null
  actor_id: number | null
  created_at: string
}

/** The tables of `server/features/risks/`. */
export interface RisksTables {
  risks: RiskTable
  risk_history: RiskHistoryTable
}

export const risksColumns = {
  risks: {
    id: true,
    enterprise_id: true,
    area: true,
    area_name: true,
    post: true,
    description: true,
    likelihood: true,
    impact: true,
    level: true,
    measures: true,
    owner: true,
    review_cycle: true,
    next_review_date: true,
    status: true,
    starter_code: true,
    rectification_id: true,
    version: true,
    created_by: true,
    created_at: true,
    updated_at: true,
  },
  risk_history: {
    id: true,
    risk_id: true,
    kind: true,
    note: true,
    from_level: true,
    to_level: true,
    actor_id: true,
    created_at: true,
  },
} as const satisfies SchemaColumns<RisksTables>
