import { z } from 'zod'
import { ZDay, ZIdParam } from './common'
import { oneLine } from './textLimit'
import { ZOrgKind } from './org'

/**
 * The audit log as the office reads it: every write (server/core/writes.ts), who made it, in which
 * organisation, what. Actions are stable English codes; the Chinese label is shown where one exists.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'admin_code.redeem': '兑换管理员码',
  'user.update': '修改个人资料',
  'user.disable': '停用账号',
  'user.enable': '重新启用账号',
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
  'risk.acknowledge': '阅知廉洁风险预警',
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
  'quiz_question.create': '新增竞赛题目',
  'quiz_question.update': '修改竞赛题目',
  'quiz.create': '发起廉政知识竞赛',
  'quiz.close': '提前结束廉政知识竞赛',
  'quiz_paper.start': '开始答题',
  'quiz_paper.submit': '交卷',
}

/** The Chinese label of an action, or the action itself when it has none. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}

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
    /** A name the person's 党支部 keeps for them (when their own is not filled in): personLabel. */
    userOtherName: z.string().nullable(),
    /** Their phone, masked: personLabel says it when no name is known. */
    userPhoneMasked: z.string().nullable(),
    organisationKind: ZOrgKind.nullable(),
    organisationId: z.number().int().nullable(),
    organisationName: z.string().nullable(),
    action: z.string(),
    actionLabel: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    detail: z.string().nullable(),
    ip: z.string().nullable(),
    /**
     * The names of the records the entry refers to, by `type:id` (`department:3` → 县委统战部): its 对象 and the
     * ids of its detail, looked up as the export does (`auditEntityText`, `auditDetailText` read them).
     */
    names: z.record(z.string(), z.string()),
  })
  .meta({ id: 'AuditEntry' })
export type TAuditEntry = z.infer<typeof ZAuditEntry>

export const ZAuditPage = z
  .object({ entries: z.array(ZAuditEntry), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' })
export type TAuditPage = z.infer<typeof ZAuditPage>
