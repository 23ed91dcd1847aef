import type { Generated, Selectable } from 'kysely'
import type { SchemaColumns } from './columns'

export interface EvidenceFileTable {
  id: Generated<number>
  enterprise_id: number
  assessment_id: number | null
  item_code: string | null
  rectification_id: number | null
  filename: string
  mime: string
  size: number
  sha256: string
  storage_key: string
  uploaded_by: number
  deleted_at: string | null
  created_at: string
  /** A meeting record's attachment (签到表, 现场照片): its meeting and kind. */
  meeting_id: number | null
  attachment_kind: string | null
  /** A risk point's attachment. */
  risk_id: number | null
  /** A “三重一大” decision's attachment. */
  major_decision_id: number | null
}

export type StoredFileRow = Selectable<EvidenceFileTable>

/** The tables of `server/features/files/`. */
export interface FilesTables {
  evidence_files: EvidenceFileTable
}

export const filesColumns = {
  evidence_files: {
    id: true,
    enterprise_id: true,
    assessment_id: true,
    item_code: true,
    rectification_id: true,
    filename: true,
    mime: true,
    size: true,
    sha256: true,
    storage_key: true,
    uploaded_by: true,
    deleted_at: true,
    created_at: true,
    meeting_id: true,
    attachment_kind: true,
    risk_id: true,
    major_decision_id: true,
  },
} as const satisfies SchemaColumns<FilesTables>
