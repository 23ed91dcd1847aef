import { OWNERSHIP_LABELS, PARTY_ORG_LABELS, ROLE_LABELS } from './org'
import { EVENT_KIND_LABELS } from './event'
import { PLEDGE_KIND_LABELS } from './pledge'
import { formatVerifyCode, VERIFY_CODE_PATTERN } from './pledgeVerification'
import { MEETING_TYPE_LABELS } from './meetingCompliance'
import { AUDIT_ACTION_LABELS } from './audit'

/** A write's detail as the office reads it in the 操作日志 (list and export): its keys and codes in words. */

/** The detail's keys in words; a key not listed is shown as it is stored. */
const DETAIL_KEY_LABELS: Record<string, string> = {
  method: '方式',
  eventId: '活动编号',
  flags: '标记',
  repeat: '重复提交',
  kind: '类型',
  organiser: '组织单位',
  audience: '参加企业数',
  // Only a pledge's detail has a code: its 核验码, as the certificate and the verify page print it.
  code: '核验码',
  side: '签署方',
  templateVersion: '模板版本',
  items: '涉及检查项',
  branchId: '党支部编号',
  type: '会议类型',
  status: '状态',
  evidence: '佐证材料',
  specialId: '专项整治编号',
  first: '首次填报',
  source: '来源',
  deadline: '整改期限',
  decision: '决定',
  title: '标题',
  name: '名称',
  periodStart: '起始日期',
  periodEnd: '截止日期',
  departmentId: '部门编号',
  enterpriseId: '企业编号',
  userId: '用户编号',
  round: '评选',
  overall: '综合得分',
  reason: '理由',
  comment: '意见',
  role: '角色',
  count: '数量',
  inviteId: '邀请码编号',
  organisationKind: '单位类型',
  filename: '文件名',
  sha256: '文件校验值',
  total: '行数',
  created: '新增',
  updated: '更新',
  unchanged: '无变化',
  invites: '联络员邀请码',
  createdEnterpriseIds: '新增企业编号',
  updatedEnterpriseIds: '更新企业编号',
  createdIds: '新增编号',
  fields: '修改项',
  phone: '手机号',
  itemId: '检查项',
  groupId: '党小组编号',
  fileIds: '文件编号',
  userIds: '人员编号',
  riskId: '风险点编号',
  rectificationId: '整改编号',
  signInEventId: '签到活动编号',
  topic: '主题',
  startsAt: '开始时间',
  setUpDate: '成立日期',
  creditCode: '统一社会信用代码',
  ownerships: '企业性质',
  correctionReason: '更正原因',
  note: '备注',
  members: '成员',
  branchRole: '支部职务',
  disabled: '停用',
  version: '版本',
  revision: '修订',
  // An enterprise's 资料 as 修改企业资料 changes them.
  ownership: '企业性质',
  partyOrg: '党组织',
  industry: '行业',
  // A pledge's own step (会签, 撤回, 提醒) and the year its coverage counts.
  action: '操作',
  year: '年度',
}

/** Stored codes that read better in words, whatever the key. */
const DETAIL_VALUE_LABELS: Record<string, string> = {
  ...ROLE_LABELS,
  ...OWNERSHIP_LABELS,
  ...PARTY_ORG_LABELS,
  ...EVENT_KIND_LABELS,
  ...PLEDGE_KIND_LABELS,
  ...MEETING_TYPE_LABELS,
  dev: '演示登录',
  wechat: '微信登录',
  scan: '扫码',
  offline: '离线补传',
  proxy: '组织者代签',
  close: '销号',
  countersign: '会签',
  withdraw: '撤回',
  returned: '退回',
  return: '退回',
  accepted: '通过',
  submitted: '已提交',
  draft: '草稿',
  notice: '整改通知',
  finding: '自查发现',
  enterprise: '企业',
  department: '部门',
  approved: '通过',
  rejected: '拒绝',
  name: '姓名',
  phone: '手机号',
}

/** The organisation the entry is filed under: a detail naming it by id shows its name instead. */
export interface AuditOwnOrganisation {
  organisationKind: string | null
  organisationId: number | null
  organisationName: string | null
}

/** Long fingerprints: their start identifies the file, the rest only fills the line. */
const SHORTENED_KEYS = new Set(['sha256'])

/** The detail keys that hold ids of named records, and of which records (the 操作日志 export names them). */
export const DETAIL_ID_KEYS: Record<string, string> = {
  departmentId: 'department',
  enterpriseId: 'enterprise',
  createdEnterpriseIds: 'enterprise',
  updatedEnterpriseIds: 'enterprise',
  eventId: 'event',
  signInEventId: 'event',
  branchId: 'party_branch',
  groupId: 'party_group',
  userId: 'user',
  userIds: 'user',
  specialId: 'special',
  rectificationId: 'rectification',
}

/** A record's name by its entity type (`enterprise`, `event`, …) and id, where the caller has looked it up. */
export type AuditNames = (type: string, id: number) => string | undefined

/** The names of the ids under `key` (one, or every one of a list), when each is known. */
function namedIds(key: string, value: unknown, names?: AuditNames): string | undefined {
  const type = DETAIL_ID_KEYS[key]
  if (!names || !type) return undefined
  const list = Array.isArray(value) ? value : [value]
  const found = list.map((v) => (typeof v === 'number' ? names(type, v) : undefined))
  return list.length > 0 && found.every((n) => n !== undefined) ? found.join('、') : undefined
}

function detailValue(value: unknown, own?: AuditOwnOrganisation, names?: AuditNames): string {
  if (value === null || value === undefined) return '无'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'string') return DETAIL_VALUE_LABELS[value] ?? value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value))
    return value.length === 0
      ? '无'
      : value.every((v) => typeof v === 'string' || typeof v === 'number')
        ? value.map((v) => detailValue(v)).join('、')
        : `${value.length} 项`
  const o = value as Record<string, unknown>
  if ((o.kind === 'enterprise' || o.kind === 'department') && typeof o.id === 'number')
    return own?.organisationName && own.organisationKind === o.kind && own.organisationId === o.id
      ? own.organisationName
      : (names?.(o.kind, o.id) ?? `${DETAIL_VALUE_LABELS[o.kind]} ${o.id}`)
  return Object.entries(o)
    .map(([k, v]) => `${DETAIL_KEY_LABELS[k] ?? k} ${detailValue(v, own, names)}`)
    .join('，')
}

/**
 * `kind` is a pledge's, an event's or a 催办's kind: its own words win over the general ones (a pledge of
 * kind `enterprise` is 企业诚信守法经营承诺书, not 企业; a 催办 of kind `campaign` is about a 自查).
 */
const KIND_VALUE_LABELS: Record<string, string> = {
  ...EVENT_KIND_LABELS,
  ...PLEDGE_KIND_LABELS,
  rectification: '整改',
  campaign: '自查',
  risk: '廉洁风险点',
}

function keyedValue(key: string, value: unknown, own?: AuditOwnOrganisation, names?: AuditNames): string {
  if (key === 'kind' && typeof value === 'string' && KIND_VALUE_LABELS[value]) return KIND_VALUE_LABELS[value]
  if (key === 'action' && typeof value === 'string' && AUDIT_ACTION_LABELS[value])
    return AUDIT_ACTION_LABELS[value]
  if (key === 'code' && typeof value === 'string' && VERIFY_CODE_PATTERN.test(value))
    return formatVerifyCode(value)
  if (SHORTENED_KEYS.has(key) && typeof value === 'string' && value.length > 12)
    return `${value.slice(0, 12)}…`
  return detailValue(value, own, names)
}

/** `部门编号：2`, or `部门：县财政局` where the record's name is known. */
function keyedPart(key: string, value: unknown, own?: AuditOwnOrganisation, names?: AuditNames): string {
  const label = DETAIL_KEY_LABELS[key] ?? key
  const named = namedIds(key, value, names)
  return named ? `${label.replace(/编号$/, '')}：${named}` : `${label}：${keyedValue(key, value, own, names)}`
}

/**
 * A write's stored detail (JSON) in words for the 操作日志: `方式：演示登录；…`, an edit as `标题：旧 → 新`.
 * Text that is not JSON (a cut one) is shown as it is. `own`: the entry's organisation, named where the
 * detail refers to it by id; `names`: other records' names (the export looks them up), likewise.
 */
export function auditDetailText(detail: string, own?: AuditOwnOrganisation, names?: AuditNames): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return detail
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return detailValue(parsed, own, names)
  const o = parsed as Record<string, unknown>
  const parts: string[] = []
  const before = o.before as Record<string, unknown> | undefined
  const after = o.after as Record<string, unknown> | undefined
  if (before && after && typeof before === 'object' && typeof after === 'object')
    for (const k of Object.keys(after))
      parts.push(
        `${DETAIL_KEY_LABELS[k] ?? k}：${keyedValue(k, before[k], own, names)} → ${keyedValue(k, after[k], own, names)}`,
      )
  for (const [k, v] of Object.entries(o)) {
    if ((k === 'before' || k === 'after') && before && after) continue
    parts.push(keyedPart(k, v, own, names))
  }
  return parts.join('；')
}
