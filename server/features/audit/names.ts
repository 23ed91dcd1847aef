import type { DbOrTrx } from '../../core/db/database'
import type { Database } from '../../core/db/schema'
import { detailIdType } from '../../../src/models/auditDetail'
import { NUMBERED_ID, supervisionLinkOf } from '../../../src/models/auditEntity'
import { formatVerifyCode } from '../../../src/models/pledgeVerification'
import { auditRepository, type AuditRow } from './repository'

/** The records whose name (or title, topic, file name) 对象 and 内容 show instead of their number. */
const ENTITY_NAMES = {
  user: ['users', 'name'],
  enterprise: ['enterprises', 'name'],
  department: ['departments', 'name'],
  party_branch: ['party_branches', 'name'],
  party_group: ['party_groups', 'name'],
  party_member: ['party_members', 'name'],
  campaign: ['campaigns', 'name'],
  event: ['events', 'title'],
  meeting: ['meetings', 'topic'],
  rectification: ['rectifications', 'title'],
  supervision_report: ['supervision_reports', 'title'],
  exemplar_round: ['exemplar_rounds', 'name'],
  special: ['special_campaigns', 'title'],
  major_decision: ['major_decisions', 'subject'],
  enterprise_import: ['enterprise_imports', 'filename'],
  pledge: ['pledges', 'code'],
  risk: ['risks', 'post'],
  file: ['evidence_files', 'filename'],
} as const satisfies Record<string, readonly [keyof Database, string]>

/** The types named by a look-up of their own: a sign-in, a membership by its person, a 自查表. */
const NAMED_TYPES = new Set([...Object.keys(ENTITY_NAMES), 'sign_in', 'assessment', 'membership'])

/** The ids a detail names records by (`departmentId`, `createdEnterpriseIds`, an organiser), by entity type. */
function detailIds(row: AuditRow, add: (type: string | undefined, id: unknown) => void) {
  if (!row.detail) return
  let parsed: unknown
  try {
    parsed = JSON.parse(row.detail)
  } catch {
    return
  }
  const walk = (value: unknown) => {
    if (Array.isArray(value)) for (const v of value) walk(v)
    else if (value !== null && typeof value === 'object') {
      const o = value as Record<string, unknown>
      if (o.kind === 'enterprise' || o.kind === 'department') add(o.kind, o.id)
      for (const [k, v] of Object.entries(o)) {
        const type = detailIdType(k, o, row.action)
        if (type) for (const id of Array.isArray(v) ? v : [v]) add(type, id)
        else walk(v)
      }
    }
  }
  walk(parsed)
}

/** The records a row refers to, as `type:id`: its 对象 (a 监管关系 by both ends) and the ids of its detail. */
function refsOf(row: AuditRow): Set<string> {
  const refs = new Set<string>()
  const add = (type: string | undefined, id: unknown) => {
    if (type && NAMED_TYPES.has(type) && typeof id === 'number' && Number.isSafeInteger(id))
      refs.add(`${type}:${id}`)
  }
  if (row.entity_id !== null && NUMBERED_ID.test(row.entity_id)) add(row.entity_type, Number(row.entity_id))
  const link = supervisionLinkOf(row.entity_type, row.entity_id)
  if (link) {
    add('department', link.department)
    add('enterprise', link.enterprise)
  }
  detailIds(row, add)
  return refs
}

/** The names of the rows' records and of those their details refer to, by `type:id` (looked up in batches). */
export async function recordNames(db: DbOrTrx, rows: AuditRow[]): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<number>>([...NAMED_TYPES].map((type) => [type, new Set()]))
  for (const r of rows)
    for (const ref of refsOf(r)) {
      const [type, id] = ref.split(':')
      wanted.get(type)!.add(Number(id))
    }
  const names = new Map<string, string>()
  for (const [type, [table, column]] of Object.entries(ENTITY_NAMES))
    for (const f of await auditRepository.namesIn(db, table, column, [...wanted.get(type)!]))
      if (f.name)
        names.set(`${type}:${f.id}`, type === 'pledge' ? `核验码 ${formatVerifyCode(f.name)}` : f.name)
  // A sign-in by the person signed in (an organiser's 代签 names whom it was for).
  for (const f of await auditRepository.signInNames(db, [...wanted.get('sign_in')!]))
    if (f.name) names.set(`sign_in:${f.id}`, f.name)
  // A membership by its person.
  for (const f of await auditRepository.membershipNames(db, [...wanted.get('membership')!]))
    names.set(`membership:${f.id}`, f.name)
  // A 自查表 by its enterprise and its period.
  for (const f of await auditRepository.assessmentNames(db, [...wanted.get('assessment')!]))
    names.set(`assessment:${f.id}`, `${f.enterprise} ${f.campaign}`)
  return names
}

/** The names one row needs (`type:id` → name), out of the page's: what the list's entry carries. */
export function namesOfRow(row: AuditRow, names: Map<string, string>): Record<string, string> {
  const own: Record<string, string> = {}
  for (const ref of refsOf(row)) {
    const name = names.get(ref)
    if (name !== undefined) own[ref] = name
  }
  return own
}
