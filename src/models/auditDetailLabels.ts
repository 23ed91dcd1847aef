import { OWNERSHIP_LABELS, PARTY_ORG_LABELS, ROLE_LABELS } from './org'
import { EVENT_KIND_LABELS, SIGN_IN_FLAG_LABELS, SIGN_IN_METHOD_LABELS } from './event'
import { PLEDGE_KIND_LABELS } from './pledge'
import { MEETING_TYPE_LABELS } from './meetingCompliance'
import { ATTACHMENT_KIND_LABELS, BRANCH_ROLE_LABELS, MEETING_STATUS_LABELS } from './meeting'
import { RISK_LEVEL_LABELS, RISK_STATUS_LABELS } from './risk'
import { QUESTION_KIND_LABELS } from './quiz'
import { RISK_STARTERS } from './riskCatalogue'
import { SPECIAL_BASES, SPECIAL_PROBLEM_STATUS_LABELS } from './specialBasis'
import { DECISION_CATEGORY_LABELS } from './powers'
import { REPORT_SECTION_HEADINGS } from './supervisionReport'
import { EXEMPLAR_ROUND_LABELS } from './exemplars'
import { DEALING_LIST_LABELS } from './dealings'
import { OFFICE_URGE_NAME } from './worklists'

/** The words of the 操作日志's 内容 (src/models/auditDetail.ts): every key a write's audit detail holds. */

/** The detail's keys in words (every key a write stores in server/: a unit test walks them). */
export const DETAIL_KEY_LABELS: Record<string, string> = {
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
  evidence: '佐证材料编号',
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
  fields: '修改项',
  phone: '手机号',
  itemId: '事项编号',
  groupId: '党小组编号',
  fileIds: '文件编号',
  fileId: '文件编号',
  userIds: '人员编号',
  riskId: '风险点编号',
  rectificationId: '整改编号',
  assessmentId: '自查表编号',
  meetingId: '会议记录编号',
  decisionId: '决策事项编号',
  signInEventId: '签到活动编号',
  cancelledSignInEventId: '取消的签到活动编号',
  topic: '主题',
  startsAt: '开始时间',
  endsAt: '结束时间',
  signInOpensAt: '签到开始时间',
  signInClosesAt: '签到截止时间',
  description: '说明',
  place: '地点',
  lat: '纬度',
  lng: '经度',
  radiusM: '签到范围（米）',
  setUpDate: '成立日期',
  creditCode: '统一社会信用代码',
  ownerships: '企业性质',
  correctionReason: '更正原因',
  correction: '更正原因',
  note: '备注',
  members: '成员',
  branchRole: '支部职务',
  active: '在册',
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
  itemCode: '检查项',
  plan: '实施方案文件',
  attachments: '附件',
  dueDate: '截止日期',
  level: '风险等级',
  starter: '参考风险点',
  nextReviewDate: '下次复核日期',
  programme: '实施方案规定期限',
  category: '决策类别',
  decidedOn: '决策日期',
  subject: '事项',
  meeting: '会议',
  attendees: '参会人员',
  result: '结果',
  basis: '整治依据',
  enterprises: '企业数',
  counts: '统计',
  unreported: '未报送',
  inProgress: '整改中',
  done: '已完成',
  problems: '问题数',
  problemsDone: '已整改问题数',
  sections: '修改的部分',
  kept: '保留的部分',
  redrafted: '重新起草的部分',
  generatedAt: '数据时间',
  startsOn: '公示开始日期',
  endsOn: '公示截止日期',
  matched: '符合条件企业数',
  linked: '新关联企业数',
  negatives: '负面清单条数',
  departments: '已阅部门',
  unlinked: '取消关联的企业',
  unfinished: '未完成自查的企业数',
  targets: '参加自查的企业数',
  ended: '结束的成员身份数',
  accepted: '同意的提醒',
  answered: '答复的事项数',
  ignored: '未受理的事项数',
  via: '途径',
  from: '原值',
  to: '新值',
  removed: '取消关联',
  changed: '有更改',
  replay: '重复确认',
  questionKind: '题型',
  question: '题目',
  contentChanged: '修改题目内容',
  alreadyClosed: '此前已结束',
  quiz: '竞赛',
  resumed: '继续答题',
  attempt: '当日第几次',
  score: '得分',
  late: '超时交卷（不计成绩）',
  occasion: '预警轮次',
  inviteId: '邀请码',
  mac: '校验值',
  at: '时间',
}

/** A key that means something else in one action's detail (`action key`). */
export const ACTION_KEY_LABELS: Record<string, string> = {
  'membership.role from': '原角色',
  'membership.role to': '新角色',
  'membership.liaison_handover from': '原联络员',
  'membership.liaison_handover to': '新联络员',
  'risk.review from': '原风险等级',
  'risk.review to': '新风险等级',
  'powers.edit items': '权力事项条数',
  'dealings.draft.create items': '清单条目数',
  'dealings.draft.update items': '清单条目数',
  'exemplar.publish enterprises': '公示企业',
  'pledge_chain.checkpoint count': '承诺链长度',
  'supervision_report.create departmentId': '出具单位编号',
  'supervision.urge departmentId': '催办单位编号',
  'supervision.urge itemId': '催办事项编号',
  'milestones.plan.file departmentId': '报送部门编号',
  'department.create name': '部门名称',
  'department.rename name': '新名称',
  'auth.login created': '首次登录',
  'quiz_question.update active': '启用',
  'quiz.create startsOn': '开始日期',
  'quiz.create endsOn': '结束日期',
  'milestones.deadline.set deadline': '完成期限',
  'milestones.county_deadline.set deadline': '全县完成期限',
  'special.update deadline': '报送期限',
  'rectification.notice deadline': '整改期限',
  'special.create enterprises': '涉及企业数',
  'risk.acknowledge departments': '阅知部门',
}

/** The detail keys that hold ids of named records, and of which records (the 操作日志 export names them). */
export const DETAIL_ID_KEYS: Record<string, string> = {
  departmentId: 'department',
  enterpriseId: 'enterprise',
  createdEnterpriseIds: 'enterprise',
  updatedEnterpriseIds: 'enterprise',
  unlinked: 'enterprise',
  departments: 'department',
  eventId: 'event',
  signInEventId: 'event',
  cancelledSignInEventId: 'event',
  branchId: 'party_branch',
  groupId: 'party_group',
  userId: 'user',
  userIds: 'user',
  specialId: 'special',
  rectificationId: 'rectification',
  riskId: 'risk',
  assessmentId: 'assessment',
  meetingId: 'meeting',
  decisionId: 'major_decision',
  fileId: 'file',
  fileIds: 'file',
  evidence: 'file',
}

/** Id keys of one action only (`action key`): the same key elsewhere holds something else. */
export const ACTION_ID_KEYS: Record<string, string> = {
  'membership.liaison_handover from': 'user',
  'membership.liaison_handover to': 'user',
  'exemplar.publish enterprises': 'enterprise',
}

/** What an absent value means in one action's detail: an office's report covers the county, and so on. */
export const ABSENT_TEXT: Record<string, string> = {
  'supervision_report.create departmentId': '办公室（全县）',
  'supervision.urge departmentId': OFFICE_URGE_NAME,
  'milestones.deadline.set deadline': '按全县统一期限',
  'milestones.county_deadline.set deadline': '按实施方案规定期限',
  'risk.create starter': '自行填写',
}

/** Lists of internal codes shown by their number only (a WeChat template's id means nothing to a clerk). */
export const COUNTED_KEYS = new Set(['subscribe.consent accepted'])

/** A yes/no key read as a phrase instead of 是/否 ([true, false]); shown without its label. */
export const BOOLEAN_PHRASES: Record<string, [string, string]> = {
  removed: ['监管关系已取消', '原本未关联，无需取消'],
  changed: ['状态已更改', '原已是该状态，未更改'],
  replay: ['重复确认，未再次导入', '首次确认导入'],
  plan: ['实施方案文件', '其他文件'],
}

/** A key whose presence alone says what happened (its value is an internal number): shown as this phrase. */
export const PRESENCE_PHRASES: Record<string, string> = {
  inviteId: '经邀请码申请加入',
}

/** Stored codes that read better in words, whatever the key. */
export const DETAIL_VALUE_LABELS: Record<string, string> = {
  ...ROLE_LABELS,
  ...OWNERSHIP_LABELS,
  ...PARTY_ORG_LABELS,
  ...EVENT_KIND_LABELS,
  ...PLEDGE_KIND_LABELS,
  ...SIGN_IN_METHOD_LABELS,
  ...SIGN_IN_FLAG_LABELS,
  ...DECISION_CATEGORY_LABELS,
  dev: '演示登录',
  wechat: '微信登录',
  close: '销号',
  countersign: '会签',
  withdraw: '撤回',
  returned: '退回',
  return: '退回',
  receive: '已收到',
  accepted: '通过',
  submitted: '已提交',
  draft: '草稿',
  notice: '整改通知',
  finding: '自查发现',
  risk: '廉洁风险点',
  enterprise: '企业',
  department: '部门',
  approved: '通过',
  rejected: '拒绝',
  name: '姓名',
  phone: '手机号',
  'npm run setup': '开通设置（服务器命令）',
}

/** Codes whose words depend on the key (a 风险等级 high is 高, a meeting's status draft is 草稿, …). */
export const KEYED_VALUE_LABELS: Record<string, Record<string, string>> = {
  level: RISK_LEVEL_LABELS,
  status: { ...RISK_STATUS_LABELS, ...SPECIAL_PROBLEM_STATUS_LABELS, ...MEETING_STATUS_LABELS },
  sections: REPORT_SECTION_HEADINGS,
  kept: REPORT_SECTION_HEADINGS,
  redrafted: REPORT_SECTION_HEADINGS,
  basis: Object.fromEntries(SPECIAL_BASES.map((b) => [b.code, b.label])),
  starter: Object.fromEntries(RISK_STARTERS.map((s) => [s.code, s.description])),
  branchRole: BRANCH_ROLE_LABELS,
  type: MEETING_TYPE_LABELS,
  from: RISK_LEVEL_LABELS,
  to: RISK_LEVEL_LABELS,
  questionKind: QUESTION_KIND_LABELS,
}

/**
 * `kind` is a pledge's, an event's, a 催办's, a round's, a list's or an attachment's kind: its own words win
 * over the general ones (a pledge of kind `enterprise` is 企业诚信守法经营承诺书, not 企业; a 催办 of kind
 * `campaign` is about a 自查).
 */
export const KIND_VALUE_LABELS: Record<string, string> = {
  ...EVENT_KIND_LABELS,
  ...PLEDGE_KIND_LABELS,
  ...EXEMPLAR_ROUND_LABELS,
  ...DEALING_LIST_LABELS,
  ...ATTACHMENT_KIND_LABELS,
  rectification: '整改',
  campaign: '自查',
  risk: '廉洁风险点',
}
