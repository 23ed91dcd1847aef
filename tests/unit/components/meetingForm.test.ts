import { meetingProblems, rollFor, type MeetingFields } from '@/packages/party/pages/edit/form'
import type { TBranchDetail, TMeeting } from '@/models/meeting'
import { ERROR_MESSAGES } from '@/models/errorMessages'

const member = (
  id: number,
  name: string,
  branchRole: 'secretary' | 'member',
  groupId: number | null = null,
) => ({
  id,
  name,
  branchRole,
  groupId,
  active: true,
})
const branch = {
  members: [
    member(1, '黄建国', 'secretary'),
    member(2, '韦丽萍', 'member', 7),
    member(3, '覃志强', 'member'),
  ],
} as unknown as TBranchDetail

const filled: MeetingFields = {
  type: 'member_assembly',
  groupId: null,
  topic: '学习廉洁文化建设意见',
  startsAt: new Date(Date.now() - 3600_000),
  place: '党员活动室',
  host: '黄建国',
  recorder: '覃志强',
  nonMembers: '',
  minutes: '传达学习',
  decisions: '',
  correction: '',
}

describe('三会一课 form rules', () => {
  const roll = rollFor(branch, null, 'member_assembly', null)

  it('takes the whole branch for a 党员大会, the committee for a 支委会, the group for a 党小组会', () => {
    expect(roll.map((p) => p.name)).toEqual(['黄建国', '韦丽萍', '覃志强'])
    expect(rollFor(branch, null, 'committee', null).map((p) => p.name)).toEqual(['黄建国'])
    expect(rollFor(branch, null, 'group', 7).map((p) => p.name)).toEqual(['韦丽萍'])
  })

  it('keeps the people of a submitted record, not the roll as it is now', () => {
    const meeting = {
      status: 'submitted',
      type: 'member_assembly',
      groupId: null,
      attendance: [
        { memberId: 9, name: '已转出的党员', branchRole: 'member', status: 'present', reason: null },
      ],
    } as unknown as TMeeting
    expect(rollFor(branch, meeting, 'member_assembly', null).map((p) => p.name)).toEqual(['已转出的党员'])
  })

  it('lets a half-filled draft be saved, and names every missing field on submit', () => {
    const empty = { ...filled, topic: '', place: '', host: '', recorder: '', minutes: '' }
    const draft = { roll, marks: {}, submitted: false, submit: false }
    expect(meetingProblems(empty, draft)).toEqual([])
    expect(meetingProblems(empty, { ...draft, submit: true })).toEqual([
      '请填写议题',
      '请填写地点',
      '请填写主持人',
      '请填写记录人',
      '请填写会议纪要',
    ])
  })

  it('asks an absentee’s reason, a group for a 党小组会 and a reason for a correction', () => {
    const marks = { 2: { present: false, reason: ' ' } }
    expect(meetingProblems(filled, { roll, marks, submitted: false, submit: true })).toEqual([
      '请填写韦丽萍的缺席原因',
    ])
    expect(
      meetingProblems({ ...filled, type: 'group' }, { roll, marks: {}, submitted: false, submit: false }),
    ).toEqual(['请选择党小组'])
    expect(meetingProblems(filled, { roll, marks: {}, submitted: true, submit: true })).toEqual([
      '请填写更正原因（至少2个字）',
    ])
  })

  it('refuses a meeting still to come, an empty roll and a meeting nobody attended', () => {
    const at = { roll, marks: {}, submitted: false, submit: true }
    expect(meetingProblems({ ...filled, startsAt: new Date(Date.now() + 3600_000) }, at)).toEqual([
      '会议尚未开始，不能提交记录',
    ])
    expect(meetingProblems(filled, { ...at, roll: [] })).toEqual([ERROR_MESSAGES.MEETING_ROLL_EMPTY])
    const absent = Object.fromEntries(roll.map((p) => [p.memberId, { present: false, reason: '出差' }]))
    expect(meetingProblems(filled, { ...at, marks: absent })).toEqual([ERROR_MESSAGES.MEETING_NOBODY_PRESENT])
  })
})
