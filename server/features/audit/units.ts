import type { DbOrTrx } from '../../core/db/database'
import { auditRepository, type AuditRow } from './repository'

/** 单位 of a write made by no one signed in: the county's switching-on (`npm run setup`). */
export const SETUP_UNIT = '系统（开通设置）'

/** What a detail says about the unit a write was made for: its organiser, its event, its department. */
interface UnitHint {
  organiser?: { kind: 'enterprise' | 'department'; id: number }
  eventId?: number
  signInId?: number
  departmentId?: number
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0

function hintOf(row: AuditRow): UnitHint {
  const hint: UnitHint = {}
  if (row.entity_type === 'sign_in' && row.entity_id !== null && /^\d{1,10}$/.test(row.entity_id))
    hint.signInId = Number(row.entity_id)
  if (row.entity_type === 'event' && row.entity_id !== null && /^\d{1,10}$/.test(row.entity_id))
    hint.eventId = Number(row.entity_id)
  if (!row.detail) return hint
  let parsed: unknown
  try {
    parsed = JSON.parse(row.detail)
  } catch {
    return hint
  }
  if (parsed === null || typeof parsed !== 'object') return hint
  const d = parsed as Record<string, unknown>
  const o = d.organiser as Record<string, unknown> | undefined
  if (o && (o.kind === 'enterprise' || o.kind === 'department') && isId(o.id))
    hint.organiser = { kind: o.kind, id: o.id }
  if (isId(d.eventId)) hint.eventId = d.eventId
  if (isId(d.departmentId)) hint.departmentId = d.departmentId
  return hint
}

/**
 * 单位 of the writes filed under no organisation, as their data means it (what they store is left as it
 * is): a write of `npm run setup` is the system's; an organiser's 代签 or an event's write is its organiser's;
 * a write naming the department it acts for (a 督查专报, a 催办) is that department's.
 */
export async function fillUnits(db: DbOrTrx, rows: AuditRow[]): Promise<AuditRow[]> {
  const open = rows.filter((r) => r.organisation_name === null)
  if (open.length === 0) return rows
  const hints = new Map(open.map((r) => [r.id, hintOf(r)]))
  const signIns = [...new Set([...hints.values()].flatMap((h) => (h.signInId ? [h.signInId] : [])))]
  const eventOfSignIn = new Map(
    (await auditRepository.signInEvents(db, signIns)).map((s) => [s.id, s.event_id]),
  )
  for (const h of hints.values())
    if (h.signInId && h.eventId === undefined) h.eventId = eventOfSignIn.get(h.signInId)
  const events = [...new Set([...hints.values()].flatMap((h) => (h.eventId ? [h.eventId] : [])))]
  const organiserOf = new Map((await auditRepository.eventOrganisers(db, events)).map((e) => [e.id, e.name]))
  const wanted = { enterprise: new Set<number>(), department: new Set<number>() }
  for (const h of hints.values()) {
    if (h.organiser) wanted[h.organiser.kind].add(h.organiser.id)
    if (h.departmentId) wanted.department.add(h.departmentId)
  }
  const named = new Map<string, string>()
  for (const kind of ['enterprise', 'department'] as const)
    for (const f of await auditRepository.namesIn(db, `${kind}s`, 'name', [...wanted[kind]]))
      if (f.name) named.set(`${kind}:${f.id}`, f.name)
  return rows.map((r) => {
    if (r.organisation_name !== null) return r
    const h = hints.get(r.id)!
    const unit =
      (r.user_id === null ? SETUP_UNIT : undefined) ??
      (h.organiser && named.get(`${h.organiser.kind}:${h.organiser.id}`)) ??
      (h.eventId !== undefined ? organiserOf.get(h.eventId) : undefined) ??
      (h.departmentId !== undefined ? named.get(`department:${h.departmentId}`) : undefined)
    return unit ? { ...r, organisation_name: unit } : r
  })
}
