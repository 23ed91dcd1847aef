import type { DbOrTrx } from '../../core/db/database'
import {
  auditActionLabel,
  type TAuditEntry,
  type TAuditPage,
  type TAuditPageQuery,
} from '../../../src/models/audit'
import { shortenAuditDetail } from '../../../src/models/auditDetail'
import { maskPhone } from '../../../src/models/phone'
import type { KnownPerson } from '../../../src/models/userName'
import { auditRepository, type AuditRow } from './repository'
import { namesOfRow, recordNames } from './names'
import { fillUnits } from './units'

/** The row's person as personLabel reads them (the phone masked, as in every list). */
export function rowPerson(row: AuditRow): KnownPerson {
  return {
    id: row.user_id,
    name: row.user_name,
    otherName: row.user_other_name,
    phoneMasked: maskPhone(row.user_phone),
  }
}

/**
 * One row of the list (its detail shortened: `shortenAuditDetail`), with the names of the records it refers to
 * (`names`: the page's, by `type:id`).
 */
export function toAuditEntry(row: AuditRow, names: Map<string, string>): TAuditEntry {
  return {
    id: row.id,
    at: row.created_at,
    userId: row.user_id,
    userName: row.user_name,
    userOtherName: row.user_other_name,
    userPhoneMasked: rowPerson(row).phoneMasked,
    organisationKind: row.organisation_kind,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    entityType: row.entity_type,
    entityId: row.entity_id,
    detail: row.detail,
    ip: row.ip,
    names: namesOfRow(row, names),
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
  // Each detail kept short but whole JSON (a long list to its first names and its length), so the app reads it
  // in words as the export does, and only the names it shows are looked up.
  const page = (await fillUnits(db, more ? rows.slice(0, limit) : rows)).map((row) => ({
    ...row,
    detail: row.detail === null ? null : shortenAuditDetail(row.detail),
  }))
  const last = page[page.length - 1]
  // The page's names in one look-up per kind of record, as the export names its rows.
  const names = await recordNames(db, page)
  return {
    entries: page.map((row) => toAuditEntry(row, names)),
    nextCursor: more && last ? `${last.created_at}~${last.id}` : null,
  }
}
