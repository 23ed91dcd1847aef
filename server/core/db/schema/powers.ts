import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

/** 国企“一把手”权力清单 (task 12): the draft; `content` is JSON (`TPowerListContent`). */
export interface PowerListTable {
  id: Generated<number>
  enterprise_id: number
  content: string
  revision: number
  /** 1 while the draft differs from the last published version. */
  dirty: number
  published_version: number
  updated_by: number
  updated_at: string
}

export interface PowerListVersionTable {
  id: Generated<number>
  enterprise_id: number
  version: number
  content: string
  published_by: number
  published_at: string
}

export interface PowerListAckTable {
  id: Generated<number>
  version_id: number
  department_id: number
  user_id: number
  acknowledged_at: string
}

/** “三重一大” decision log (task 12). */
export interface MajorDecisionTable {
  id: Generated<number>
  enterprise_id: number
  subject: string
  category: 'decision' | 'personnel' | 'project' | 'funds'
  decided_on: string
  meeting: string
  attendees: string
  result: string
  version: number
  created_by: number
  created_at: string
  updated_at: string
}

/** A create or a correction of a decision: its fields before (null on create) and after, JSON. */
export interface MajorDecisionRevisionTable {
  id: Generated<number>
  decision_id: number
  before: string | null
  after: string
  note: string | null
  actor_id: number | null
  created_at: string
}

/** The tables of `server/features/powers/`. */
export interface PowersTables {
  power_lists: PowerListTable
  power_list_versions: PowerListVersionTable
  power_list_acks: PowerListAckTable
  major_decisions: MajorDecisionTable
  major_decision_revisions: MajorDecisionRevisionTable
}

export const powersColumns = {
  power_lists: {
    id: true,
    enterprise_id: true,
    content: true,
    revision: true,
    dirty: true,
    published_version: true,
    updated_by: true,
    updated_at: true,
  },
  power_list_versions: {
    id: true,
    enterprise_id: true,
    version: true,
    content: true,
    published_by: true,
    published_at: true,
  },
  power_list_acks: { id: true, version_id: true, department_id: true, user_id: true, acknowledged_at: true },
  major_decisions: {
    id: true,
    enterprise_id: true,
    subject: true,
    category: true,
    decided_on: true,
    meeting: true,
    attendees: true,
    result: true,
    version: true,
    created_by: true,
    created_at: true,
    updated_at: true,
  },
  major_decision_revisions: {
    id: true,
    decision_id: true,
    before: true,
    after: true,
    note: true,
    actor_id: true,
    created_at: true,
  },
} as const satisfies SchemaColumns<PowersTables>
