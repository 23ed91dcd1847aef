import type { TMeetingType } from '@/models/meetingCompliance'
import { overLimitProblems } from '@/models/textLimit'
import { ERROR_MESSAGES } from '@/models/errorMessages'
import { MEETING_LIMITS as LIMITS } from './limits'
import { BRANCH_ROLE_LABELS, rollOf, type TBranchDetail, type TMeeting } from '@/models/meeting'

/** One person on the meeting's roll (应到). */
export interface Person {
  memberId: number
  name: string
  role: string
  groupId: number | null
}

/** What the recorder ticked for one person: present, or absent with a reason. */
export interface Mark {
  present: boolean
  reason: string
}

/** Unticked people count as present: most of a branch attends. */
export const markOf = (marks: Record<number, Mark>, id: number): Mark =>
  marks[id] ?? { present: true, reason: '' }

/** Who should attend (应到) a meeting of this type (and group) in this branch. */
export function rollFor(
  branch: TBranchDetail,
  meeting: TMeeting | null,
  type: TMeetingType,
  groupId: number | null,
): Person[] {
  const scopeGroup = type === 'group' ? groupId : null
  // A submitted record keeps its people; one kept with nobody (from before) takes the roll as it is now.
  const kept = meeting?.status === 'submitted' && meeting.attendance.length > 0
  if (kept && meeting.groupId === scopeGroup && meeting.type === type)
    return meeting.attendance.map((a) => ({
      memberId: a.memberId,
      name: a.name,
      role: BRANCH_ROLE_LABELS[a.branchRole],
      groupId: null,
    }))
  // One rule with the server: 支委会 the committee, 党小组会 the group, otherwise the whole branch.
  return rollOf(branch.members, type, scopeGroup).map((m) => ({
    memberId: m.id,
    name: m.name,
    role: BRANCH_ROLE_LABELS[m.branchRole],
    groupId: m.groupId,
  }))
}

/** The meeting form's fields as typed. */
export interface MeetingFields {
  type: TMeetingType
  groupId: number | null
  topic: string
  startsAt: Date
  place: string
  host: string
  recorder: string
  nonMembers: string
  minutes: string
  decisions: string
  correction: string
}

/**
 * What stops the form being saved: lengths and the group always, the required fields and the
 * attendance only when it is submitted (a draft may be half filled).
 */
export function meetingProblems(
  f: MeetingFields,
  at: { roll: Person[]; marks: Record<number, Mark>; submitted: boolean; submit: boolean },
): string[] {
  const { roll, marks } = at
  const out: string[] = overLimitProblems([
    ['议题', f.topic, LIMITS.topic],
    ['地点', f.place, LIMITS.place],
    ['主持人', f.host, LIMITS.host],
    ['记录人', f.recorder, LIMITS.recorder],
    ['列席人员', f.nonMembers, LIMITS.nonMembers],
    ['会议纪要', f.minutes, LIMITS.minutes],
    ['决议事项', f.decisions, LIMITS.decisions],
    ['更正原因', f.correction, LIMITS.correction],
    ...roll.map((p) => [`${p.name}的缺席原因`, markOf(marks, p.memberId).reason, LIMITS.reason] as const),
  ])
  if (f.type === 'group' && !f.groupId) out.push('请选择党小组')
  if (at.submitted && f.correction.trim().length < 2) out.push('请填写更正原因（至少2个字）')
  if (!at.submit) return out
  if (!f.topic.trim()) out.push('请填写议题')
  if (!f.place.trim()) out.push('请填写地点')
  if (!f.host.trim()) out.push('请填写主持人')
  if (!f.recorder.trim()) out.push('请填写记录人')
  if (!f.minutes.trim()) out.push('请填写会议纪要')
  if (f.startsAt.getTime() > Date.now()) out.push('会议尚未开始，不能提交记录')
  for (const p of roll) {
    const m = markOf(marks, p.memberId)
    if (!m.present && !m.reason.trim()) out.push(`请填写${p.name}的缺席原因`)
  }
  // The server's rule too: a record is of 党员 who attended (else it would not count).
  if (roll.length === 0) out.push(ERROR_MESSAGES.MEETING_ROLL_EMPTY)
  else if (!roll.some((p) => markOf(marks, p.memberId).present))
    out.push(ERROR_MESSAGES.MEETING_NOBODY_PRESENT)
  return out
}
