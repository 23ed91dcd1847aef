import { exportedAt } from '../../core/workbook'
import { exportJob } from '../../core/exports/exporter'
import type { WorkbookSpec } from '../../core/exports/spec'
import type { DbOrTrx } from '../../core/db/database'
import { auditActionLabel, type TAuditQuery } from '../../../src/models/audit'
import { auditDetailText, detailIdType } from '../../../src/models/auditDetail'
import { formatShanghaiTime } from '../../../src/models/shanghaiTime'
import { formatVerifyCode } from '../../../src/models/pledgeVerification'
import type { Database } from '../../core/db/schema'
import { auditRepository, type AuditRow } from './repository'
import { fillUnits } from './units'

/** At most this many rows go into one export (newest first); the title says when the filter matched more. */
export const AUDIT_EXPORT_MAX_ROWS = 20_000

export const AUDIT_COLUMNS = [
  { header: '序号', width: 7 },
  { header: '时间（北京时间）', width: 20 },
  { header: '操作人', width: 12 },
  { header: '单位', width: 30 },
  { header: '操作', width: 20 },
  { header: '对象', width: 20 },
  { header: '内容', width: 48 },
  { header: 'IP', width: 16 },
] as const

/** What each kind of record is called in the 对象 column (every entity_type a write stores). */
const ENTITY_LABELS: Record<string, string> = {
  enterprise: '企业',
  department: '部门',
  user: '用户',
  membership: '成员',
  invite: '邀请码',
  admin_code: '管理员码',
  assessment: '自查表',
  campaign: '自查期次',
  evidence_file: '文件',
  rectification: '整改',
  event: '活动',
  event_display_token: '签到大屏链接',
  sign_in: '签到',
  meeting: '会议记录',
  pledge: '承诺书',
  pledge_template: '承诺书模板',
  pledge_chain: '承诺书核验链',
  plan_filing: '实施方案报送',
  county_setting: '全县设置',
  party_branch: '党支部',
  party_group: '党小组',
  party_member: '党员',
  supervision_link: '监管关系',
  supervision_report: '督查专报',
  urge: '催办',
  enterprise_import: '企业导入',
  exemplar_round: '示范评选',
  dealing_list_version: '政商交往清单',
  risk: '廉洁风险点',
  power_list: '权力清单',
  major_decision: '“三重一大”事项',
  special: '专项整治',
  special_sheet: '专项整治问题表',
  subscribe_grant: '微信提醒授权',
}

/** The records whose name (or title, topic, file name) the 对象 column shows instead of their number. */
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

/** The ids a detail names records by (`departmentId`, `createdEnterpriseIds`, an organiser), by entity type. */
function detailIds(row: AuditRow, into: Map<string, Set<number>>) {
  if (!row.detail) return
  let parsed: unknown
  try {
    parsed = JSON.parse(row.detail)
  } catch {
    return
  }
  const add = (type: string | undefined, id: unknown) => {
    if (type && typeof id === 'number' && Number.isSafeInteger(id)) into.get(type)?.add(id)
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

/** The names of the rows' records and of those their details refer to, by `type:id` (looked up in batches). */
async function recordNames(db: DbOrTrx, rows: AuditRow[]): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<number>>(
    [...Object.keys(ENTITY_NAMES), 'sign_in', 'assessment', 'membership'].map((type) => [type, new Set()]),
  )
  for (const r of rows) {
    if (r.entity_id !== null && /^\d{1,15}$/.test(r.entity_id))
      wanted.get(r.entity_type)?.add(Number(r.entity_id))
    const link = linkOf(r)
    if (link) {
      wanted.get('department')!.add(link.department)
      wanted.get('enterprise')!.add(link.enterprise)
    }
    detailIds(r, wanted)
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

/** A 监管关系's department and enterprise (its id is `department:enterprise`). */
function linkOf(row: AuditRow): { department: number; enterprise: number } | null {
  const m =
    row.entity_type === 'supervision_link' ? /^(\d{1,10}):(\d{1,10})$/.exec(row.entity_id ?? '') : null
  return m ? { department: Number(m[1]), enterprise: Number(m[2]) } : null
}

/** 对象: what the record is, and its name where it has one (its number otherwise). */
function entityText(row: AuditRow, names: Map<string, string>): string {
  const label = ENTITY_LABELS[row.entity_type] ?? '其他'
  if (row.entity_id === null) return label
  const link = linkOf(row)
  const [department, enterprise] = link
    ? [names.get(`department:${link.department}`), names.get(`enterprise:${link.enterprise}`)]
    : []
  const name =
    department && enterprise
      ? `${department} → ${enterprise}`
      : names.get(`${row.entity_type}:${row.entity_id}`)
  return name ? `${label}：${name}` : `${label} ${row.entity_id}`
}

/** What the filter was, in words, for the title block. */
function describeFilter(query: TAuditQuery, names: { person?: string; organisation?: string }): string {
  const parts: string[] = []
  if (query.from || query.to) parts.push(`日期：${query.from ?? '…'} 至 ${query.to ?? '…'}`)
  if (names.person) parts.push(`操作人：${names.person}`)
  if (query.person) parts.push(`姓名含“${query.person}”`)
  if (names.organisation) parts.push(`单位：${names.organisation}`)
  if (query.action) parts.push(`操作：${auditActionLabel(query.action)}`)
  return parts.length ? parts.join('；') : '全部记录'
}

/**
 * 操作日志 as .xlsx for the office: the one export layout (title with the office and the period, the filter
 * and export time, header repeated on every printed page, borders, A4 landscape one page wide); 北京时间.
 * Laid out (and, where it can, queried) in an export worker: `auditExport`.
 */
export async function auditWorkbook(
  db: DbOrTrx,
  query: TAuditQuery,
  now: number,
  office: string,
): Promise<{ spec: WorkbookSpec }> {
  const rows = await auditRepository.list(db, query, { limit: AUDIT_EXPORT_MAX_ROWS + 1 })
  const truncated = rows.length > AUDIT_EXPORT_MAX_ROWS
  const shown = await fillUnits(db, truncated ? rows.slice(0, AUDIT_EXPORT_MAX_ROWS) : rows)
  const first = shown[0]
  const objects = await recordNames(db, shown)
  const named = (type: string, id: number) => objects.get(`${type}:${id}`)
  const names = {
    person: query.userId !== undefined ? (first?.user_name ?? `用户 ${query.userId}`) : undefined,
    organisation:
      query.organisationId !== undefined
        ? (first?.organisation_name ??
          `${query.organisationKind === 'department' ? '部门' : '企业'} ${query.organisationId}`)
        : undefined,
  }
  const period = query.from || query.to ? `（${query.from ?? '…'} 至 ${query.to ?? '…'}）` : ''

  const options = {
    title: `${office}清廉企业建设操作日志${period}`,
    subtitle: `${describeFilter(query, names)}    共 ${shown.length} 条${
      truncated ? `（仅导出最新 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小日期范围）` : ''
    }    ${exportedAt(now)}`,
    columns: AUDIT_COLUMNS.map((c, i) => ({ ...c, center: i === 0 })),
  }
  const cells = shown.map((r, i) => [
    i + 1,
    formatShanghaiTime(r.created_at),
    r.user_name ?? (r.user_id === null ? '（未登录）' : `用户 ${r.user_id}`),
    r.organisation_name ?? '',
    auditActionLabel(r.action),
    entityText(r, objects),
    r.detail
      ? auditDetailText(
          r.detail,
          {
            action: r.action,
            organisationKind: r.organisation_kind,
            organisationId: r.organisation_id,
            organisationName: r.organisation_name,
          },
          named,
        ).slice(0, 300)
      : '',
    r.ip ?? '',
  ])
  return { spec: { now, sheets: [{ name: '操作日志', options, rows: cells }] } }
}

export const auditExport = exportJob(__filename, 'auditWorkbook', auditWorkbook)
