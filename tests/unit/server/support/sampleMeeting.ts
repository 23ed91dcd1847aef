import type { TMeeting } from '../../../../src/models/meeting'

/**
 * A submitted 支部委员会 record corrected twice, its 会议内容 `minutesLines` paragraphs long: with about 26
 * the 更正记录 section starts at the foot of page 1 (A4, 宋体 小四, 1.5 lines), where a heading must not be
 * left alone.
 */
export function sampleMeeting(minutesLines = 26): TMeeting {
  const minutes = Array.from(
    { length: minutesLines },
    (_, i) => `${i + 1}. 学习传达县委关于清廉企业建设的部署要求，对照问题清单逐项研究整改措施。`,
  ).join('\n')
  return {
    id: 12,
    branchId: 3,
    branchName: '县恒达食品有限公司党支部',
    enterpriseId: 5,
    enterpriseName: '县恒达食品有限公司',
    type: 'committee',
    groupId: null,
    groupName: null,
    topic: '研究第三季度清廉企业建设工作',
    startsAt: '2026-09-10T01:00:00.000Z',
    place: '公司三楼会议室',
    host: '陈静',
    recorder: '李明',
    expected: 5,
    present: 4,
    attendance: [
      { memberId: 1, name: '陈静', branchRole: 'secretary', status: 'present', reason: null, method: 'tick' },
      { memberId: 2, name: '李明', branchRole: 'committee', status: 'present', reason: null, method: 'tick' },
      { memberId: 3, name: '王芳', branchRole: 'member', status: 'present', reason: null, method: 'scan' },
      { memberId: 4, name: '赵强', branchRole: 'member', status: 'present', reason: null, method: 'scan' },
      { memberId: 5, name: '刘洋', branchRole: 'member', status: 'absent', reason: '出差', method: 'tick' },
    ],
    nonMemberAttendees: '',
    minutes,
    decisions: '1. 本月底前完成廉洁风险点排查。',
    status: 'submitted',
    submittedAt: '2026-09-10T03:00:00.000Z',
    revision: 3,
    history: [1, 2].map((n) => ({
      revision: n,
      reason: n === 1 ? '议题录入有误' : '补记缺席原因',
      changedBy: '李明',
      changedAt: `2026-09-1${n}T02:00:00.000Z`,
      previous: {},
      changes: [{ label: '议题', before: '研究第三季度工作', after: '研究第三季度清廉企业建设工作' }],
    })),
    attachments: [],
    signInEventId: null,
    canWrite: false,
    createdAt: '2026-09-10T01:00:00.000Z',
    updatedAt: '2026-09-12T02:00:00.000Z',
  }
}
