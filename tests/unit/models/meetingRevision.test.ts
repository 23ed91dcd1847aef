import {
  meetingChangeLine,
  meetingChanges,
  meetingRevisionLines,
  shownChange,
  type MeetingDiffContent,
} from '../../../src/models/meetingRevision'
import { formatShanghaiMinute } from '../../../src/models/shanghaiTime'

const record = (extra: Partial<MeetingDiffContent> = {}): MeetingDiffContent => ({
  type: 'committee',
  groupName: null,
  topic: '研究本月工作',
  startsAt: '2026-06-10T01:00:00.000Z',
  place: '公司党员活动室',
  host: '梁红梅',
  recorder: '梁红梅',
  nonMemberAttendees: '',
  minutes: '会议传达了实施方案。',
  decisions: '',
  attendance: [
    { memberId: 1, name: '梁红梅', status: 'present', reason: null },
    { memberId: 2, name: '刘恒达', status: 'absent', reason: '出差' },
  ],
  ...extra,
})

describe('更正: what changed, before → after, in readable Chinese', () => {
  it('lists each changed field by its label, in the order of the record', () => {
    const after = record({
      type: 'group',
      groupName: '生产车间党小组',
      topic: '学习廉政规定',
      startsAt: '2026-06-10T02:30:00.000Z',
      decisions: '开展廉洁风险排查',
      attendance: [
        { memberId: 1, name: '梁红梅', status: 'absent', reason: '病假' },
        { memberId: 2, name: '刘恒达', status: 'present', reason: null },
        { memberId: 3, name: '陈静', status: 'present', reason: null },
      ],
    })
    expect(meetingChanges(record(), after).map(meetingChangeLine)).toEqual([
      '会议类型：支部委员会 → 党小组会（生产车间党小组）',
      '议题：研究本月工作 → 学习廉政规定',
      '会议时间：2026-06-10 09:00 → 2026-06-10 10:30',
      '决议事项：（空） → 开展廉洁风险排查',
      '出缺席（梁红梅）：出席 → 缺席（病假）',
      '出缺席（刘恒达）：缺席（出差） → 出席',
      '出缺席（陈静）：不在应到名单 → 出席',
    ])
    expect(meetingChanges(record(), record())).toEqual([])
  })

  it('words attachments added and removed by their kind', () => {
    const before = record({ attachments: [{ id: 1, kind: 'sign_sheet', filename: '签到表.pdf' }] })
    const after = record({ attachments: [{ id: 2, kind: 'photo', filename: '合影.jpg' }] })
    expect(meetingChanges(before, after).map(meetingChangeLine)).toEqual([
      '现场照片：新增 合影.jpg',
      '签到表：撤下 签到表.pdf',
    ])
  })

  it('shows a long text around where it changed', () => {
    const minutes = '会议传达了县清廉企业建设实施方案的主要内容，与会同志结合岗位实际逐一发言，'
    const [change] = meetingChanges(
      record({ minutes: `${minutes}表示坚决拥护。` }),
      record({ minutes: `${minutes}表示坚决落实。` }),
    )
    const shown = shownChange(change)
    expect(shown.before).toMatch(/^…/)
    expect(shown.before).toContain('坚决拥护')
    expect(shown.after).toContain('坚决落实')
    expect(Array.from(shown.before.replace('…', '')).length).toBeLessThanOrEqual(40)
  })

  it('prints a revision as its heading and its changes; an old revision by its heading alone', () => {
    const h = {
      revision: 2,
      reason: '议题录入有误',
      changedBy: '梁红梅',
      changedAt: '2026-06-10T03:00:00.000Z',
      changes: [{ label: '议题', before: 'A', after: 'B' }],
    }
    expect(meetingRevisionLines(h)).toEqual([
      '第2次更正：2026-06-10 11:00，梁红梅，原因：议题录入有误',
      '议题：A → B',
    ])
    expect(meetingRevisionLines({ ...h, changes: null })).toHaveLength(1)
    // A changed 会议时间, kept as a 北京时间 minute, is written by `kept`; other changes are not.
    const timed = {
      ...h,
      changes: [...h.changes, { label: '会议时间', before: '2026-06-10 09:00', after: '2026-06-10 08:00' }],
    }
    expect(meetingRevisionLines(timed, formatShanghaiMinute, (m) => `[${m}]`).slice(1)).toEqual([
      '议题：A → B',
      '会议时间：[2026-06-10 09:00] → [2026-06-10 08:00]',
    ])
    expect(meetingRevisionLines({ ...h, changes: [] })[1]).toBe('内容未变')
  })
})
