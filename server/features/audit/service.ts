import type { DbOrTrx } from '../../core/db/database'
import {
  auditActionLabel,
  type TAuditEntry,
  type TAuditPage,
  type TAuditPageQuery,
} from '../../../src/models/audit'
import { auditRepository, type AuditRow } from './repository'
import { fillUnits } from './units'

/** What the list shows of a write's detail: its JSON as stored, cut to a readable length. */
const DETAIL_MAX = 500

export function toAuditEntry(row: AuditRow): TAuditEntry {
  return {
    id: row.id,
    at: row.created_at,
    userId: row.user_id,
    userName: row.user_name,
    organisationKind: row.organisation_kind,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    entityType: row.entity_type,
    entityId: row.entity_id,
    detail: row.detail === null ? null : row.detail.slice(0, DETAIL_MAX),
    ip: row.ip,
  }
}

/** One page of the log, newest first; `nextCursor` continues after its last row (null: nothing more). */
export async function auditPage(db: DbOrTrx, query: TAuditPageQuery): Promise<TAuditPage> {
  const { cursor, limit, ...filter } = query
  let after: { at: string; id: number } | undefined
  if (cursor) {
    const [at, id] = cursor.split('~')
    after = { at, id: Number(id) }
  }
  const rows = await auditRepository.list(db, filter, { after, limit: limit + 1 })
  const more = rows.length > limit
  const page = await fillUnits(db, more ? rows.slice(0, limit) : rows)
  const last = page[page.length - 1]
  return {
    entries: page.map(toAuditEntry),
    nextCursor: more && last ? `${last.created_at}~${last.id}` : null,
  }
}
