import { formatVerifyCode, VERIFY_CODE_PATTERN } from './pledgeVerification'
import { AUDIT_ACTION_LABELS } from './audit'
import { chineseDateTime, formatShanghaiTime } from './shanghaiTime'
import { formatDate } from './format'
import {
  ABSENT_TEXT,
  ACTION_ID_KEYS,
  ACTION_KEY_LABELS,
  BOOLEAN_PHRASES,
  COUNTED_KEYS,
  PRESENCE_PHRASES,
  DETAIL_ID_KEYS,
  DETAIL_KEY_LABELS,
  DETAIL_VALUE_LABELS,
  KEYED_VALUE_LABELS,
  KIND_VALUE_LABELS,
} from './auditDetailLabels'

export { DETAIL_ID_KEYS } from './auditDetailLabels'

/** A write's detail as the office reads it in the 操作日志 (list and export): its keys and codes in words. */

/**
 * The entry the detail belongs to: its action (some keys mean something else in one action's detail) and
 * the organisation it is filed under (a detail naming it by id shows its name instead).
 */
export interface AuditOwnOrganisation {
  action?: string | null
  organisationKind: string | null
  organisationId: number | null
  organisationName: string | null
}

/** Long fingerprints: their start identifies the file, the rest only fills the line. */
const SHORTENED_KEYS = new Set(['sha256', 'mac'])

/**
 * A list of more than LIST_WHOLE_MAX items reads as its first LIST_NAMED and how many in all (`新增企业：甲、乙、丙
 * 等 120 家`), in the list page and the export alike: a county's import would otherwise fill the line.
 */
const LIST_WHOLE_MAX = 5
const LIST_NAMED = 3
/** Where a list was shortened (`shortenAuditDetail`), its last item says how long it was: `{"$total": 120}`. */
const LIST_TOTAL = '$total'
/** The measure word of a counted list by the records it holds. */
const LIST_UNITS: Record<string, string> = { enterprise: '家', department: '个', user: '人' }
/** Text of a detail the list page carries whole (a note, a reason); longer is cut with …. */
const TEXT_KEPT = 200
/** A detail that is not JSON (stored before details were) is cut here. */
const RAW_KEPT = 500

/** A list as stored, or as `shortenAuditDetail` kept it: its items and how many the whole list had. */
function listOf(value: readonly unknown[]): { items: unknown[]; total: number } {
  const last = value[value.length - 1]
  const total =
    last !== null && typeof last === 'object' && !Array.isArray(last)
      ? (last as Record<string, unknown>)[LIST_TOTAL]
      : undefined
  return typeof total === 'number'
    ? { items: value.slice(0, -1), total }
    : { items: [...value], total: value.length }
}

/** The words of a list's items, whole when short, else the first few and how many in all. */
function listWords(words: string[], total: number, unit = '项'): string {
  return total > LIST_WHOLE_MAX || words.length < total
    ? `${words.slice(0, LIST_NAMED).join('、')} 等 ${total} ${unit}`
    : words.join('、')
}

/**
 * A detail as the 操作日志 list carries it: still JSON (so it reads in words like the export), each list longer
 * than LIST_WHOLE_MAX kept to the items it names and its length, each long text cut with …; a detail that
 * is not JSON is cut as it is.
 */
export function shortenAuditDetail(detail: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return detail.slice(0, RAW_KEPT)
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.length > TEXT_KEPT ? `${v.slice(0, TEXT_KEPT)}…` : v
    if (Array.isArray(v))
      return v.length > LIST_WHOLE_MAX
        ? [...v.slice(0, LIST_NAMED).map(walk), { [LIST_TOTAL]: v.length }]
        : v.map(walk)
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return JSON.stringify(walk(parsed))
}

/** A stored instant (ISO, UTC): printed in 北京时间. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
/** A stored day (a deadline, a period's start). */
const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * How 内容 writes an instant and a day: the export keeps `2026-11-30 10:00:00` and `2026-11-30` (北京时间), the
 * app passes its own format (`2026年11月30日`), as on its other pages.
 */
export interface AuditDates {
  instant: (iso: string) => string
  day: (day: string) => string
}
const EXPORT_DATES: AuditDates = { instant: formatShanghaiTime, day: (day) => day }
/** The app's: `2026年11月30日 10:00:00`, `2026年11月30日`. */
export const APP_DATES: AuditDates = {
  instant: (iso) => chineseDateTime(formatShanghaiTime(iso)),
  day: formatDate,
}

/** What reading a detail needs besides it: other records' names, and how dates are written. */
interface Reading {
  names?: AuditNames
  dates: AuditDates
}

/** A 催办's item is a 整改, a 自查 or a 风险点, by its kind. */
const URGED_ITEM_TYPES: Record<string, string> = {
  rectification: 'rectification',
  campaign: 'campaign',
  risk: 'risk',
}

/**
 * Which records the ids under `key` are (`enterprise`, `user`, …), or undefined when it holds no ids. `detail`:
 * the object the key is in (a 催办's item is named by its kind); `action`: the entry's.
 */
export function detailIdType(
  key: string,
  detail: Record<string, unknown>,
  action?: string | null,
): string | undefined {
  if (key === 'itemId' && typeof detail.kind === 'string' && action === 'supervision.urge')
    return URGED_ITEM_TYPES[detail.kind]
  if (action && ACTION_ID_KEYS[`${action} ${key}`]) return ACTION_ID_KEYS[`${action} ${key}`]
  // A list under `enterprises` is named only where its action says so (elsewhere it is a count).
  return typeof detail[key] === 'number' || Array.isArray(detail[key]) || detail[key] === null
    ? DETAIL_ID_KEYS[key]
    : undefined
}

/** A record's name by its entity type (`enterprise`, `event`, …) and id, where the caller has looked it up. */
export type AuditNames = (type: string, id: number) => string | undefined

/** The key in words: this action's own word for it first. */
function keyLabel(key: string, action?: string | null): string {
  return (action && ACTION_KEY_LABELS[`${action} ${key}`]) || DETAIL_KEY_LABELS[key] || key
}

/** The names of the ids (one, or every one of a list), when each is known. */
function namedIds(type: string | undefined, value: unknown, { names }: Reading): string | undefined {
  if (!names || !type) return undefined
  const { items, total } = Array.isArray(value) ? listOf(value) : { items: [value], total: 1 }
  const found = items.map((v) => (typeof v === 'number' ? names(type, v) : undefined))
  return items.length > 0 && found.every((n) => n !== undefined)
    ? listWords(found as string[], total, LIST_UNITS[type])
    : undefined
}

function detailValue(
  value: unknown,
  own: AuditOwnOrganisation | undefined,
  read: Reading,
  key?: string,
): string {
  if (value === null || value === undefined) return '无'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return read.dates.instant(value)
    if (DAY.test(value)) return read.dates.day(value)
    return (key && KEYED_VALUE_LABELS[key]?.[value]) ?? DETAIL_VALUE_LABELS[value] ?? value
  }
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    const { items, total } = listOf(value)
    return total === 0
      ? '无'
      : items.every((v) => typeof v === 'string' || typeof v === 'number')
        ? listWords(
            items.map((v) => detailValue(v, undefined, { dates: read.dates }, key)),
            total,
          )
        : `${total} 项`
  }
  const o = value as Record<string, unknown>
  if ((o.kind === 'enterprise' || o.kind === 'department') && typeof o.id === 'number')
    return own?.organisationName && own.organisationKind === o.kind && own.organisationId === o.id
      ? own.organisationName
      : (read.names?.(o.kind, o.id) ?? `${DETAIL_VALUE_LABELS[o.kind]} ${o.id}`)
  return Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${keyLabel(k)} ${detailValue(v, own, read, k)}`)
    .join('，')
}

function keyedValue(
  key: string,
  value: unknown,
  own: AuditOwnOrganisation | undefined,
  read: Reading,
): string {
  if (key === 'kind' && typeof value === 'string' && KIND_VALUE_LABELS[value]) return KIND_VALUE_LABELS[value]
  if (key === 'action' && typeof value === 'string' && AUDIT_ACTION_LABELS[value])
    return AUDIT_ACTION_LABELS[value]
  if (key === 'code' && typeof value === 'string' && VERIFY_CODE_PATTERN.test(value))
    return formatVerifyCode(value)
  if (SHORTENED_KEYS.has(key) && typeof value === 'string' && value.length > 12)
    return `${value.slice(0, 12)}…`
  return detailValue(value, own, read, key)
}

/**
 * `部门编号：2`, or `部门：县财政局` where the record's name is known; an absent one as the action means it
 * (an office's report: `出具单位：办公室（全县）`); a yes/no key by its phrase (`监管关系已取消`).
 */
function keyedPart(
  key: string,
  value: unknown,
  o: Record<string, unknown>,
  own: AuditOwnOrganisation | undefined,
  read: Reading,
): string {
  const action = own?.action
  const label = keyLabel(key, action)
  if (typeof value === 'boolean' && BOOLEAN_PHRASES[key]) return BOOLEAN_PHRASES[key][value ? 0 : 1]
  const type = detailIdType(key, o, action)
  if (PRESENCE_PHRASES[key]) return PRESENCE_PHRASES[key]
  if (Array.isArray(value) && COUNTED_KEYS.has(`${action} ${key}`))
    return `${label}：${listOf(value).total} 项`
  const absent = action ? ABSENT_TEXT[`${action} ${key}`] : undefined
  if (value === null && absent) return `${label.replace(/编号$/, '')}：${absent}`
  if (type && (value === null || (Array.isArray(value) && value.length === 0)))
    return `${label.replace(/编号$/, '')}：无`
  const named = namedIds(type, value, read)
  return named ? `${label.replace(/编号$/, '')}：${named}` : `${label}：${keyedValue(key, value, own, read)}`
}

/**
 * A write's stored detail (JSON) in words for the 操作日志: `方式：演示登录；…`, an edit as `标题：旧 → 新`.
 * Text that is not JSON (a cut one) is shown as it is. `own`: the entry (its action, and its organisation,
 * named where the detail refers to it by id); `names`: other records' names (the export looks them up);
 * `dates`: how times and days are written (the export's by default).
 */
export function auditDetailText(
  detail: string,
  own?: AuditOwnOrganisation,
  names?: AuditNames,
  dates: AuditDates = EXPORT_DATES,
): string {
  const read: Reading = { names, dates }
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return detail
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return detailValue(parsed, own, read)
  const o = parsed as Record<string, unknown>
  const parts: string[] = []
  const before = o.before as Record<string, unknown> | undefined
  const after = o.after as Record<string, unknown> | undefined
  const edit = before && after && typeof before === 'object' && typeof after === 'object'
  if (edit)
    for (const k of Object.keys(after))
      parts.push(
        `${keyLabel(k, own?.action)}：${keyedValue(k, before[k], own, read)} → ${keyedValue(k, after[k], own, read)}`,
      )
  for (const [k, v] of Object.entries(o)) {
    if ((k === 'before' || k === 'after') && edit) continue
    if (v === undefined) continue
    // A 代签's flag repeats its method (组织者代签): said once.
    const flags = k === 'flags' && Array.isArray(v) ? v.filter((f) => f !== o.method) : v
    if (Array.isArray(v) && v.length > 0 && Array.isArray(flags) && flags.length === 0) continue
    parts.push(keyedPart(k, flags, o, own, read))
  }
  return parts.join('；')
}
