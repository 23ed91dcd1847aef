import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

/** 催办 (0022): one matter an enterprise owes, reminded by a department (null: the office), once a day. */
export interface UrgeTable {
  id: Generated<number>
  enterprise_id: number
  department_id: number | null
  kind: 'rectification' | 'campaign' | 'risk'
  item_id: number
  /** The 北京时间 day it was sent ('YYYY-MM-DD'). */
  day: string
  note: string | null
  created_by: number
  created_at: string
}

/** 督查专报 (0024): `sections` and `snapshot` are JSON text. */
export interface SupervisionReportTable {
  id: Generated<number>
  /** The department it covers; null: the office's report of every enterprise. */
  department_id: number | null
  number: number
  title: string
  period_start: string
  period_end: string
  status: 'draft' | 'final'
  version: number
  sections: string
  snapshot: string
  created_by: number
  created_at: string
  updated_at: string
  finalised_at: string | null
  /** JSON list of the section keys the user edited (0032); null on older rows. */
  edited_sections: string | null
}

/** 期号 counter of an issuer ('office' / 'd<id>') in a 北京时间 year (0032). */
export interface SupervisionReportNumberTable {
  issuer: string
  year: number
  last: number
}

/** The tables of `server/features/supervision/`. */
export interface SupervisionTables {
  urges: UrgeTable
  supervision_reports: SupervisionReportTable
  supervision_report_numbers: SupervisionReportNumberTable
}

export const supervisionColumns = {
  urges: {
    id: true,
    enterprise_id: true,
    department_id: true,
    kind: true,
    item_id: true,
    day: true,
    note: true,
    created_by: true,
    created_at: true,
  },
  supervision_reports: {
    id: true,
    department_id: true,
    number: true,
    title: true,
    period_start: true,
    period_end: true,
    status: true,
    version: true,
    sections: true,
    snapshot: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    finalised_at: true,
    edited_sections: true,
  },
  supervision_report_numbers: { issuer: true, year: true, last: true },
} as const satisfies SchemaColumns<SupervisionTables>
