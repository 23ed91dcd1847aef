import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

/** A version of a 政商交往清单 (0029): a draft (`version` null) until published; `in_force_kind` unique. */
export interface DealingListVersionTable {
  id: Generated<number>
  kind: 'positive' | 'negative' | 'guidance'
  version: number | null
  /** JSON array of { text, basis } */
  items: string
  revision: number
  in_force_kind: string | null
  created_by: number
  created_at: string
  updated_at: string
  published_at: string | null
  published_by: number | null
}

/** The tables of `server/features/dealings/`. */
export interface DealingsTables {
  dealing_list_versions: DealingListVersionTable
}

export const dealingsColumns = {
  dealing_list_versions: {
    id: true,
    kind: true,
    version: true,
    items: true,
    revision: true,
    in_force_kind: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    published_at: true,
    published_by: true,
  },
} as const satisfies SchemaColumns<DealingsTables>
