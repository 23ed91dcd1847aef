import { z } from 'zod'
import { ZIdParam } from './common'
import { oneLine } from './textLimit'
import { OWNERSHIP_LABELS, PARTY_ORG_LABELS, ROLE_LABELS, ZOrgKind } from './org'
import { EVENT_KIND_LABELS } from './event'
import { formatVerifyCode, PLEDGE_KIND_LABELS, VERIFY_CODE_PATTERN } from './pledge'
import { MEETING_TYPE_LABELS } from './meetingCompliance'

/**
 * The audit log as the office reads it: every write (server/core/writes.ts), who made it, in which
 * organisation, what. Actions are stable English codes; the Chinese label is shown where one exists.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'admin_code.redeem': '兑换管理员码',
  'user.update': '修改个人资料',
  'department.create': '新建监管部门',
  'department.rename': '监管部门改名',
  'supervision.link': '关联监管企业',
  'supervision.rule': '按企业性质关联监管企业',
  'enterprise.create': '登记企业',
  'enterprise.update': '修改企业资料',
  'invite.create': '生成邀请码',
  'membership.request': '申请加入',
  'membership.approve': '通过加入申请',
  'membership.reject': '拒绝加入申请',
  'membership.role': '调整角色',
  'membership.remove': '移出成员',
  'membership.liaison_handover': '移交联络员',
  'department.retire': '撤销监管部门',
  'supervision.unlink': '取消关联监管企业',
  'import.upload': '上传企业导入表',
  'import.commit': '确认导入企业',
  'dealings.draft.create': '起草政商交往清单',
  'dealings.draft.update': '修改政商交往清单草稿',
  'dealings.publish': '发布政商交往清单',
  'powers.edit': '编辑权力清单',
  'powers.publish': '发布权力清单',
  'powers.acknowledge': '已阅权力清单',
  'decision.create': '登记“三重一大”决策',
  'decision.correct': '更正“三重一大”决策',
  'decision.attach': '上传决策附件',
  'pledge_chain.checkpoint': '写入承诺链外锚点',
  'party_branch.create': '新建党支部',
  'party_group.create': '新建党小组',
  'party_member.create': '添加党员',
  'party_member.update': '修改党员信息',
  'campaign.create': '发起自查期次',
  'campaign.update': '修改自查期次',
  'campaign.close': '结束自查期次',
  'assessment.answers': '保存自查答案',
  'assessment.submit': '提交自查',
  'assessment.accept': '自查审核通过',
  'assessment.return': '自查退回',
  'evidence.upload': '上传佐证',
  'evidence.remove': '撤下佐证',
  'rectification.notice': '下发整改通知',
  'rectification.respond': '报送整改',
  'rectification.verify': '核验整改',
  'risk.create': '登记廉洁风险点',
  'risk.update': '修改廉洁风险点',
  'risk.review': '复核廉洁风险点',
  'risk.rectify': '廉洁风险点转为整改',
  'risk.attach': '上传风险点附件',
  'special.create': '开展专项整治',
  'special.update': '修改专项整治',
  'special.close': '结束专项整治',
  'special.report': '报送突出问题清单',
  'special.problem.create': '填报突出问题',
  'special.problem.update': '更新突出问题整改进展',
  'risk.detach': '撤下风险点附件',
  'event.create': '发起活动',
  'event.update': '修改活动',
  'event.cancel': '取消活动',
  'event.display_link.create': '生成大屏链接',
  'event.display_link.revoke': '撤销大屏链接',
  'sign_in.scan': '扫码签到',
  'sign_in.proxy': '组织者代签',
  'meeting.create': '新建会议记录',
  'meeting.update': '修改会议记录',
  'meeting.submit': '提交会议记录',
  'meeting.delete': '删除会议记录草稿',
  'meeting.sign_in_session': '开启会议扫码签到',
  'meeting.attachment.upload': '上传会议附件',
  'meeting.attachment.remove': '撤下会议附件',
  'subscribe.consent': '开启微信提醒',
  'pledge.sign': '签署承诺',
  'pledge.countersign': '会签承诺',
  'pledge.withdraw': '撤回承诺',
  'pledge.remind': '提醒签署承诺',
  'pledge_template.publish': '发布承诺书模板',
  'milestones.leading_group.save': '登记领导小组',
  'milestones.plan.upload': '上传实施方案文件',
  'milestones.plan.file': '报送实施方案',
  'milestones.plan.receive': '实施方案已收到',
  'milestones.plan.return': '退回实施方案',
  'milestones.deadline.set': '设定里程碑截止日期',
  'milestones.county_deadline.set': '设定全县领导小组与实施方案完成期限',
  'supervision.urge': '催办',
  'supervision_report.create': '生成督查专报',
  'supervision_report.edit': '修改督查专报',
  'supervision_report.finalise': '督查专报定稿',
  'supervision_report.refresh': '更新督查专报数据',
  'exemplar.round.create': '发起示范选树',
  'exemplar.round.cancel': '取消示范选树',
  'exemplar.candidate.add': '列为示范候选企业',
  'exemplar.candidate.remove': '移出示范候选企业',
  'exemplar.choose': '选定示范企业',
  'exemplar.unchoose': '取消选定示范企业',
  'exemplar.publish': '发布示范公示',
  'exemplar.notice': '列入示范公示',
}

/** The Chinese label of an action, or the action itself when it has none. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

const auditFilter = {
  userId: ZIdParam.optional(),
  /** Part of the person's name. */
  person: oneLine(z.string().trim().min(1).max(30), '姓名').optional(),
  organisationKind: ZOrgKind.optional(),
  organisationId: ZIdParam.optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z_.]{1,60}$/, '操作类型无效')
    .optional(),
  /** 北京时间 days, inclusive. */
  from: ZDay.optional(),
  to: ZDay.optional(),
}

function checkFilter(
  q: { organisationKind?: unknown; organisationId?: unknown; from?: string; to?: string },
  ctx: z.RefinementCtx,
) {
  if (q.organisationId !== undefined && q.organisationKind === undefined)
    ctx.addIssue({ code: 'custom', path: ['organisationKind'], message: '请同时指定单位类型' })
  if (q.from && q.to && q.from > q.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' })
}

/** The filters of the list and the export. */
export const ZAuditQuery = z.object(auditFilter).superRefine(checkFilter)
export type TAuditQuery = z.infer<typeof ZAuditQuery>

export const ZAuditPageQuery = z
  .object({
    ...auditFilter,
    /** From the previous page's `nextCursor` (the last row's time and id: newest first, ties by id). */
    cursor: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z~\d{1,10}$/, '分页参数无效')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .superRefine(checkFilter)
export type TAuditPageQuery = z.infer<typeof ZAuditPageQuery>

export const ZAuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.number().int().nullable(),
    userName: z.string().nullable(),
    organisationKind: ZOrgKind.nullable(),
    organisationId: z.number().int().nullable(),
    organisationName: z.string().nullable(),
    action: z.string(),
    actionLabel: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    detail: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' })
export type TAuditEntry = z.infer<typeof ZAuditEntry>

export const ZAuditPage = z
  .object({ entries: z.array(ZAuditEntry), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' })
export type TAuditPage = z.infer<typeof ZAuditPage>

// ---------- a write's detail as the office reads it ----------

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
