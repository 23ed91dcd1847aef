import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

export interface RectificationTable {
  id: Generated<number>
  enterprise_id: number
  source: 'finding' | 'notice' | 'risk'
  assessment_id: number | null
  item_code: string | null
  title: string
  detail: string | null
  deadline: string
  status: 'open' | 'awaiting_verification' | 'closed' | 'returned'
  response: string | null
  created_by: number | null
  created_at: string
  updated_at: string
  /** The risk point a supervisor raised this 整改 from (source 'risk'). */
  risk_id: number | null
}

export interface RectificationEventTable {
  id: Generated<number>
  rectification_id: number
  from_status: string | null
  to_status: string
  actor_id: number | null
  comment: string | null
  created_at: string
}

/** The tables of `server/features/rectifications/`. */
export interface RectificationsTables {
  rectifications: RectificationTable
  rectification_events: RectificationEventTable
}

export const rectificationsColumns = {
  rectifications: {
    id: true,
    enterprise_id: true,
    source: true,
    assessment_id: true,
    item_code: true,
    title: true,
    detail: true,
    deadline: true,
    status: true,
    response: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    risk_id: true,
  },
  rectification_events: {
    id: true,
    rectification_id: true,
    from_status: true,
    to_status: true,
    actor_id: true,
    comment: true,
    created_at: true,
  },
} as const satisfies SchemaColumns<RectificationsTables>
