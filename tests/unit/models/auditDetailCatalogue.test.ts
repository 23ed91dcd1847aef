import fs from 'node:fs'
import path from 'node:path'
import { auditDetailText } from '@/models/auditDetail'
import { AUDIT_ACTION_LABELS } from '@/models/audit'
import { DETAIL_KEY_LABELS } from '@/models/auditDetailLabels'
import { actionsWritten, unreadableParts } from '../../api/support/audit'

/**
 * 操作日志 内容 of every audited action, with the detail each write stores (server/features/…), read as the
 * export reads it (the records its ids refer to named): no stored key, code or bare 编号 left for the clerk.
 */
const ISO = '2026-11-30T02:00:00.000Z'
const SAMPLES: Record<string, object[]> = {
  'auth.login': [{ method: 'wechat', created: true }, { method: 'dev' }],
  'admin_code.redeem': [{ departmentId: 2 }],
  'user.update': [{ fields: ['name', 'phone'] }],
  'user.disable': [{ disabled: true, changed: false }],
  'user.enable': [{ disabled: false, changed: true }],
  'department.create': [{ name: '县统计局' }],
  'department.rename': [{ name: '县统计局' }],
  'department.retire': [{ unlinked: [3, 4] }, { unlinked: [] }],
  'supervision.link': [{ departmentId: 2 }],
  'supervision.rule': [{ ownerships: ['private'], matched: 4, linked: 3 }],
  'supervision.unlink': [{ removed: true }, { removed: false }],
  'enterprise.create': [{ creditCode: '91450000MA5K000000' }],
  'enterprise.update': [{ ownership: 'state_owned', partyOrg: 'branch', industry: '食品' }],
  'invite.create': [{ role: 'employee' }, { departmentId: 2, role: 'supervisor' }],
  'membership.request': [{ inviteId: 4, organisationKind: 'enterprise' }],
  'membership.approve': [{ decision: 'approved' }],
  'membership.reject': [{ decision: 'rejected' }],
  'membership.role': [{ from: 'employee', to: 'liaison' }],
  'membership.remove': [{ userId: 7, ended: 2 }],
  'membership.liaison_handover': [{ from: 7, to: 8 }],
  'import.upload': [{ filename: '企业名单.xlsx', sha256: 'be50ac215c9a4add525801cf5b078db9', total: 3 }],
  'import.commit': [
    {
      created: 1,
      updated: 1,
      unchanged: 0,
      invites: 1,
      createdEnterpriseIds: [5],
      updatedEnterpriseIds: [6],
    },
    { replay: true },
  ],
  'dealings.draft.create': [{ kind: 'positive', items: 12 }],
  'dealings.draft.update': [{ revision: 2, items: 12 }],
  'dealings.publish': [{ kind: 'guidance', version: 2 }],
  'powers.edit': [{ items: 9, negatives: 3 }],
  'powers.publish': [{ version: 1, revision: 3 }],
  'powers.acknowledge': [{ version: 1, departments: [2, 3] }],
  'decision.create': [{ category: 'funds', decidedOn: '2026-11-02' }],
  'decision.correct': [
    {
      before: { result: '通过', category: 'project' },
      after: { result: '缓议', category: 'funds' },
      note: '笔误',
    },
  ],
  'decision.attach': [{ enterpriseId: 5, decisionId: 9, sha256: 'be50ac215c9a4add525801cf5b078db9' }],
  'pledge_chain.checkpoint': [{ count: 100, mac: 'be50ac215c9a4add525801cf5b078db9', at: ISO }],
  'party_branch.create': [{ name: '县甲公司党支部' }],
  'party_group.create': [{ branchId: 1, name: '第一党小组' }],
  'party_member.create': [{ branchId: 1, branchRole: 'committee' }],
  'party_member.update': [{ name: '梁红梅', userId: 7, branchRole: 'secretary', groupId: 2, active: false }],
  'campaign.create': [{ targets: 12 }],
  'campaign.update': [
    {
      before: { name: '2026年度', dueDate: '2026-12-31' },
      after: { name: '2026年度自查', dueDate: '2027-01-15' },
    },
  ],
  'campaign.close': [{ unfinished: 3 }],
  'assessment.answers': [{ items: ['T01-04', 'T01-05'] }],
  'assessment.submit': [{ overall: 86.5 }],
  'assessment.accept': [{ decision: 'accepted' }],
  'assessment.return': [{ decision: 'returned', items: ['T01-04'] }],
  'evidence.upload': [
    {
      enterpriseId: 5,
      assessmentId: 3,
      itemCode: 'T01-04',
      rectificationId: null,
      sha256: 'be50ac215c9a4add',
    },
    { enterpriseId: 5, assessmentId: null, itemCode: null, rectificationId: 4, sha256: 'be50ac215c9a4add' },
    { enterpriseId: 5, plan: true, sha256: 'be50ac215c9a4add' },
    { meetingId: 6, kind: 'sign_sheet', correctionReason: '补传', sha256: 'be50ac215c9a4add' },
  ],
  'evidence.remove': [{ meetingId: 6, fileId: 11, correction: '传错了', revision: 2 }, { riskId: 3 }],
  'rectification.notice': [{ source: 'notice', deadline: '2026-12-31' }],
  'rectification.respond': [{ evidence: [11, 12] }, { evidence: [] }],
  'rectification.verify': [{ decision: 'close' }, { decision: 'return' }],
  'risk.create': [{ level: 'high', starter: null }],
  'risk.update': [{ level: 'medium', status: 'rectified' }],
  'risk.review': [{ from: 'high', to: 'low', nextReviewDate: '2027-02-28' }],
  'risk.rectify': [{ riskId: 3 }],
  'risk.acknowledge': [{ occasion: 2, departments: [2] }],
  'risk.attach': [{ enterpriseId: 5, riskId: 3, sha256: 'be50ac215c9a4add' }],
  'risk.detach': [{ riskId: 3 }],
  'special.create': [{ basis: 't13-list', enterprises: 14 }],
  'special.update': [{ deadline: '2026-12-20' }],
  'special.close': [
    { counts: { enterprises: 14, unreported: 2, inProgress: 3, done: 9, problems: 12, problemsDone: 9 } },
  ],
  'special.report': [{ first: true }],
  'special.problem.create': [{ specialId: 2, first: false }],
  'special.problem.update': [
    { specialId: 2, status: 'in_progress' },
    { specialId: 2, status: 'done' },
  ],
  'event.create': [{ kind: 'warning_education', organiser: { kind: 'department', id: 2 }, audience: 12 }],
  'event.update': [
    {
      before: { startsAt: ISO, place: null, description: null },
      after: {
        startsAt: '2026-12-01T02:00:00.000Z',
        place: { name: '县会议中心', lat: 22.8, lng: 108.3, radiusM: 300 },
        description: '请准时参加',
      },
    },
  ],
  'event.cancel': [{ title: '警示教育大会', startsAt: ISO }],
  'event.display_link.create': [{ eventId: 1 }],
  'event.display_link.revoke': [{ eventId: 1 }],
  'sign_in.scan': [
    { eventId: 1, method: 'scan', flags: [] },
    { eventId: 1, method: 'offline', flags: ['offline_upload', 'clock_skew'] },
    { eventId: 1, repeat: true },
  ],
  'sign_in.proxy': [{ eventId: 1, method: 'proxy', flags: ['proxy'] }],
  'meeting.create': [{ branchId: 1, type: 'committee', status: 'draft' }],
  'meeting.update': [
    { branchId: 1, type: 'committee', status: 'submitted', correction: '补记缺席原因', revision: 1 },
  ],
  'meeting.submit': [{ branchId: 1, type: 'lecture', status: 'submitted' }, { repeat: true }],
  'meeting.delete': [
    {
      branchId: 1,
      type: 'committee',
      topic: '研究廉洁风险点',
      startsAt: ISO,
      attachments: ['签到表.jpg'],
      cancelledSignInEventId: 4,
    },
  ],
  'meeting.sign_in_session': [{ signInEventId: 4 }],
  'meeting.attachment.upload': [{ meetingId: 6, kind: 'photo', sha256: 'be50ac215c9a4add' }],
  'meeting.attachment.remove': [{ meetingId: 6, fileId: 11, correction: null, revision: 0 }],
  'subscribe.consent': [{ accepted: ['tmplUrge0001', 'tmplRectify01'], answered: 3, ignored: 1 }],
  'pledge.sign': [{ kind: 'personal', code: '7K3M9QX2ABCD', side: 'enterprise', templateVersion: 2 }],
  'pledge.countersign': [{ action: 'countersign', side: 'department', code: '7K3M9QX2ABCD' }],
  'pledge.withdraw': [{ action: 'withdraw', code: '7K3M9QX2ABCD', reason: '久未签署' }],
  'pledge.remind': [{ action: 'pledge.remind', userIds: [3, 4], year: 2026 }],
  'pledge_template.publish': [{ kind: 'enterprise', version: 3 }],
  'milestones.leading_group.save': [{ setUpDate: '2026-03-01', members: 5 }],
  'milestones.plan.upload': [{ enterpriseId: 5, plan: true, sha256: 'be50ac215c9a4add' }],
  'milestones.plan.file': [{ departmentId: 2, fileIds: [11], revision: 1 }],
  'milestones.plan.receive': [{ decision: 'receive' }],
  'milestones.plan.return': [{ decision: 'return', reason: '缺少分工' }],
  'milestones.deadline.set': [
    { deadline: '2026-12-31', programme: '2022-06-15' },
    { deadline: null, programme: '2022-06-15' },
  ],
  'milestones.county_deadline.set': [
    { deadline: '2026-12-31', programme: '2022-06-15' },
    { deadline: '2026-12-31', programme: '2022-06-15', via: 'npm run setup' },
  ],
  'supervision.urge': [
    { kind: 'rectification', itemId: 4, note: null, departmentId: null },
    { kind: 'campaign', itemId: 1, note: '请尽快填报', departmentId: 2 },
    { kind: 'risk', itemId: 3, note: null, departmentId: 2 },
  ],
  'supervision_report.create': [
    { title: '第四季度督查专报', periodStart: '2026-10-01', periodEnd: '2026-12-31', departmentId: null },
    { title: '统战部督查专报', periodStart: '2026-10-01', periodEnd: '2026-12-31', departmentId: 2 },
  ],
  'supervision_report.edit': [{ version: 2, title: '新标题', sections: ['scope', 'nextSteps'] }],
  'supervision_report.finalise': [{ version: 3 }],
  'supervision_report.refresh': [{ version: 4, generatedAt: ISO, kept: ['scope'], redrafted: ['progress'] }],
  'exemplar.round.create': [{ kind: 'pilot', name: '2026年度示范点' }],
  'exemplar.round.cancel': [{ kind: 'exemplar', name: '2026年度示范企业' }],
  'exemplar.candidate.add': [{ round: '2026年度示范点' }],
  'exemplar.candidate.remove': [{ round: '2026年度示范点' }],
  'exemplar.choose': [{ round: '2026年度示范点' }],
  'exemplar.unchoose': [{ round: '2026年度示范点' }],
  'exemplar.publish': [{ startsOn: '2026-12-01', endsOn: '2026-12-07', enterprises: [5, 6] }],
  'exemplar.notice': [],
  'quiz_question.create': [{ question: '以下哪些属于廉洁文化建设？', questionKind: 'multiple' }],
  'quiz_question.update': [
    { question: '国有企业选人用人要按照“20字好干部”标准。', active: false, contentChanged: false },
  ],
  'quiz.create': [{ title: '2026年度廉政知识竞赛', startsOn: '2026-12-01', endsOn: '2026-12-31' }],
  'quiz.close': [{ title: '2026年度廉政知识竞赛', alreadyClosed: false }],
  'quiz_paper.start': [
    { quiz: '2026年度廉政知识竞赛', attempt: 2 },
    { quiz: '2026年度廉政知识竞赛', resumed: true },
  ],
  'quiz_paper.submit': [{ quiz: '2026年度廉政知识竞赛', score: 80, late: false }],
}

describe('操作日志 内容: every audited action in words', () => {
  const names = (type: string, id: number) => `记录${type === 'user' ? '人' : ''}${id}`.replace(/\d+/, '甲')
  const own = (action: string) => ({
    action,
    organisationKind: null,
    organisationId: null,
    organisationName: null,
  })

  it('has a sample detail of every action the server writes', () => {
    expect(actionsWritten().filter((a) => !(a in SAMPLES))).toEqual([])
    expect(Object.keys(SAMPLES).filter((a) => !AUDIT_ACTION_LABELS[a])).toEqual([])
  })

  it('reads each in words: no stored key or code, no bare 编号, times in 北京时间', () => {
    const unreadable = Object.entries(SAMPLES).flatMap(([action, details]) =>
      details
        .map((d) => auditDetailText(JSON.stringify(d), own(action), names))
        .filter((text) => unreadableParts(text).length > 0)
        .map((text) => `${action}: ${text}`),
    )
    expect(unreadable).toEqual([])
  })

  it('reads the keys the review found still printed as codes', () => {
    const text = (action: string, detail: object) =>
      auditDetailText(JSON.stringify(detail), own(action), names)
    expect(text('membership.role', { from: 'employee', to: 'liaison' })).toBe('原角色：职工；新角色：联络员')
    expect(text('membership.liaison_handover', { from: 7, to: 8 })).toBe(
      '原联络员：记录人甲；新联络员：记录人甲',
    )
    expect(text('supervision_report.create', { departmentId: null })).toBe('出具单位：办公室（全县）')
    expect(text('supervision.unlink', { removed: true })).toBe('监管关系已取消')
    expect(text('milestones.county_deadline.set', { via: 'npm run setup' })).toBe(
      '途径：开通设置（服务器命令）',
    )
    expect(text('risk.review', { from: 'high', to: 'low' })).toBe('原风险等级：高；新风险等级：低')
    expect(text('sign_in.proxy', { eventId: 1, method: 'proxy', flags: ['proxy'] })).toBe(
      '活动：记录甲；方式：组织者代签',
    )
    expect(text('event.cancel', { startsAt: ISO })).toBe('开始时间：2026-11-30 10:00:00')
    expect(text('subscribe.consent', { accepted: ['tmplUrge0001'], answered: 2, ignored: 0 })).toBe(
      '同意的提醒：1 项；答复的事项数：2；未受理的事项数：0',
    )
    // A meeting's type and a member's 支部职务 share a code (committee) but not its words.
    expect(text('meeting.create', { type: 'committee' })).toBe('会议类型：支部委员会')
    expect(text('party_member.create', { branchRole: 'committee' })).toBe('支部职务：委员')
  })

  it('has a word for every key a write’s detail literal names in server/', () => {
    const keys = new Set<string>()
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(file)
        else if (file.endsWith('.ts'))
          for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bdetail: \{([^{}]*)\}/g))
            for (const k of m[1].matchAll(/(?:^|,)\s*(\w+)\s*(?=[:,]|$)/g)) keys.add(k[1])
      }
    }
    walk(path.resolve(__dirname, '../../../server/features'))
    expect(keys.size).toBeGreaterThan(30)
    expect([...keys].filter((k) => !(k in DETAIL_KEY_LABELS)).sort()).toEqual([])
  })
})
