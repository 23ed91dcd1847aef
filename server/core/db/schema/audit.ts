import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

export interface AuditLogTable {
  id: Generated<number>
  user_id: number | null
  action: string
  entity_type: string
  entity_id: string | null
  detail: string | null
  ip: string | null
  created_at: string
  /** The organisation the write belongs to (the route's enterprise or department), when it has one. */
  organisation_kind: 'enterprise' | 'department' | null
  organisation_id: number | null
}

/** The tables of `server/features/audit/`. */
export interface AuditTables {
  audit_log: AuditLogTable
}

export const auditColumns = {
  audit_log: {
    id: true,
    user_id: true,
    action: true,
    entity_type: true,
    entity_id: true,
    detail: true,
    ip: true,
    created_at: true,
    organisation_kind: true,
    organisation_id: true,
  },
} as const satisfies SchemaColumns<AuditTables>
