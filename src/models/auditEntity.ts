import type { AuditNames } from './auditDetail'

/** 对象 of an 操作日志 entry as the office reads it (list and export): what the record is, and its name. */

/** What each kind of record is called in 对象 (every entity_type a write stores). */
export const ENTITY_LABELS: Record<string, string> = {
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
  quiz_question: '竞赛题目',
  quiz: '廉政知识竞赛',
  quiz_paper: '竞赛试卷',
}

/** A record id that names a row by number (the others, such as a 全县设置's key, have no name to look up). */
export const NUMBERED_ID = /^\d{1,15}$/

/** A 监管关系's department and enterprise (its id is `department:enterprise`). */
export function supervisionLinkOf(
  entityType: string,
  entityId: string | null,
): { department: number; enterprise: number } | null {
  const m = entityType === 'supervision_link' ? /^(\d{1,10}):(\d{1,10})$/.exec(entityId ?? '') : null
  return m ? { department: Number(m[1]), enterprise: Number(m[2]) } : null
}

/** 对象: what the record is, and its name where `names` knows it (its number otherwise). */
export function auditEntityText(entityType: string, entityId: string | null, names?: AuditNames): string {
  const label = ENTITY_LABELS[entityType] ?? '其他'
  if (entityId === null) return label
  const link = supervisionLinkOf(entityType, entityId)
  const [department, enterprise] = link
    ? [names?.('department', link.department), names?.('enterprise', link.enterprise)]
    : []
  const name =
    department && enterprise
      ? `${department} → ${enterprise}`
      : NUMBERED_ID.test(entityId)
        ? names?.(entityType, Number(entityId))
        : undefined
  return name ? `${label}：${name}` : `${label} ${entityId}`
}

/** The names an entry of the list carries (`type:id` → name) as `auditDetailText` and `auditEntityText` ask. */
export function entryNames(names: Record<string, string>): AuditNames {
  return (type, id) => names[`${type}:${id}`]
}
