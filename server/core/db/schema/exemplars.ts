import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

/** 示范点 / 示范企业 selection rounds (0025); `notice_*` set once, when the 公示 is published. */
export interface ExemplarRoundTable {
  id: Generated<number>
  kind: 'pilot' | 'exemplar'
  name: string
  notice_code: string | null
  notice_starts: string | null
  notice_ends: string | null
  published_at: string | null
  published_by: number | null
  created_by: number
  created_at: string
  updated_at: string
  /** Set when the office cancels the round (0032); one 示范点 round stands uncancelled. */
  cancelled_at: string | null
}

/** A round's candidate (0025); `chosen_slot` unique per round: 'soe' / 'private' in a 示范点 round. */
export interface ExemplarCandidateTable {
  id: Generated<number>
  round_id: number
  enterprise_id: number
  class: 'soe' | 'private' | 'other'
  chosen_slot: string | null
  chosen_at: string | null
  chosen_by: number | null
  created_by: number
  created_at: string
}

/** The tables of `server/features/exemplars/`. */
export interface ExemplarsTables {
  exemplar_rounds: ExemplarRoundTable
  exemplar_candidates: ExemplarCandidateTable
}

export const exemplarsColumns = {
  exemplar_rounds: {
    id: true,
    kind: true,
    name: true,
    notice_code: true,
    notice_starts: true,
    notice_ends: true,
    published_at: true,
    published_by: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    cancelled_at: true,
  },
  exemplar_candidates: {
    id: true,
    round_id: true,
    enterprise_id: true,
    class: true,
    chosen_slot: true,
    chosen_at: true,
    chosen_by: true,
    created_by: true,
    created_at: true,
  },
} as const satisfies SchemaColumns<ExemplarsTables>
