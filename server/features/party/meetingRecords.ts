import { isoAt } from '../../core/clock'
import { checkGroup } from './branches'
import type { Transaction } from 'kysely'
import type { Database, MeetingRow, StoredFileRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { AppError, invalid } from '../../core/errors'
import type { FileLinkSigner } from '../files/store'
import { type AuthContext } from '../../core/access'
import type { WriteOutcome } from '../../core/writes'
import { createEvent } from '../events/events'
import {
  MEETING_EVENT_KIND,
  rollOf,
  type TMeeting,
  type TMeetingAttendance,
  type TMeetingChange,
  type TMeetingSaveData,
} from '../../../src/models/meeting'
import { MEETING_TYPE_LABELS, type TMeetingType } from '../../../src/models/meetingCompliance'
import type { BranchContext } from './access'
import { attendanceOf, diffContent, loadMeeting, meetingView, recordContent } from './meetings'
import { filesRepository } from '../files/repository'
import { meetingChanges } from '../../../src/models/meetingRevision'
import { meetingsRepository } from './meetingsRepository'

/** Writing a meeting record: drafts, submission, corrections with their revisions, QR sign-in. */

type Trx = Transaction<Database>

/** A write to one branch's meeting records: in which transaction, by whom, when, and the file-link signer its answer needs. */
export interface MeetingWrite {
  trx: Trx
  links: FileLinkSigner
  auth: AuthContext
  ctx: BranchContext
  now: number
}

/** The member ids expected at a meeting of this type (rollOf: 支委会 the committee, 党小组会 the group). */
export async function rollFor(db: DbOrTrx, branchId: number, type: TMeetingType, groupId: number | null) {
  return rollOf(await meetingsRepository.rollCandidates(db, branchId), type, groupId).map((m) => m.id)
}

/** Members whose account signed in to the meeting's QR session count as present (扫码). */
export async function scannedMembers(
  db: DbOrTrx,
  eventId: number | null,
  memberIds: number[],
): Promise<Set<number>> {
  if (eventId === null || memberIds.length === 0) return new Set()
  return meetingsRepository.membersSignedIn(db, eventId, memberIds)
}

export function completenessProblems(
  data: TMeetingSaveData,
  attendance: { memberId: number; status: string; reason: string | null }[],
  now: number,
) {
  const fields: { path: string; message: string }[] = []
  if (!data.topic) fields.push({ path: 'topic', message: '请填写议题' })
  if (!data.place) fields.push({ path: 'place', message: '请填写地点' })
  if (!data.host) fields.push({ path: 'host', message: '请填写主持人' })
  if (!data.recorder) fields.push({ path: 'recorder', message: '请填写记录人' })
  if (!data.minutes) fields.push({ path: 'minutes', message: '请填写会议纪要' })
  if (Date.parse(data.startsAt) > now)
    fields.push({ path: 'startsAt', message: '会议尚未开始，不能提交记录' })
  attendance.forEach((a) => {
    if (a.status === 'absent' && !a.reason)
      fields.push({ path: `attendance.${a.memberId}.reason`, message: '请填写缺席原因' })
  })
  return fields
}

/**
 * A record is of a meeting held with the branch's 党员: 应到 comes from the 党员名册 (rollOf), so an empty roll
 * means the 党员 are not registered yet, and a meeting nobody attended was not held. Either is refused on
 * submission (a draft may wait), and neither would count toward the 三会一课 完成率.
 */
export function attendanceProblem(expected: number, present: number) {
  if (expected === 0)
    throw new AppError(400, 'MEETING_ROLL_EMPTY', undefined, [
      { path: 'attendance', message: '应到人数为0：请先在党员名册中登记党员' },
    ])
  if (present === 0)
    throw new AppError(400, 'MEETING_NOBODY_PRESENT', undefined, [
      { path: 'attendance', message: '请勾选出席的党员' },
    ])
}

export function snapshotOf(
  row: MeetingRow,
  attendance: TMeetingAttendance[],
  attachments: StoredFileRow[] = [],
) {
  return {
    type: row.type,
    ...recordContent(row),
    present: row.present_count,
    attendance: attendance.map((a) => ({
      memberId: a.memberId,
      name: a.name,
      status: a.status,
      reason: a.reason,
    })),
    nonMemberAttendees: row.non_member_attendees,
    minutes: row.minutes,
    decisions: row.decisions,
    attachments: attachments.map((f) => ({ id: f.id, kind: f.attachment_kind, filename: f.filename })),
  }
}

/**
 * One 更正 of a submitted record (the caller holds its lock): the next revision number, its reason, the
 * record as it was and what changed (before → after), kept in meeting_revisions.
 */
export async function recordCorrection(
  w: Pick<MeetingWrite, 'trx' | 'auth' | 'now'>,
  existing: MeetingRow,
  reason: string,
  snapshot: ReturnType<typeof snapshotOf>,
  changes: TMeetingChange[],
): Promise<number> {
  const revision = existing.revision + 1
  await meetingsRepository.insertRevision(w.trx, {
    meeting_id: existing.id,
    revision,
    reason,
    snapshot: JSON.stringify(snapshot),
    changes: JSON.stringify(changes),
    changed_by: w.auth.user.id,
    created_at: isoAt(w.now),
  })
  return revision
}

/**
 * Creates (existing = null) or changes a record. A submitted record changes only with a correction
 * reason, and the version before is kept in meeting_revisions. Attendance covers the roll: every member
 * expected is stored present or absent (absent with its reason), 扫码 sign-ins count as present.
 */
export async function saveMeeting(
  w: MeetingWrite,
  existing: MeetingRow | null,
  data: TMeetingSaveData,
): Promise<WriteOutcome<TMeeting>> {
  const { trx, links, auth, ctx, now } = w
  const branchId = ctx.branch.id
  const groupId = data.type === 'group' ? (data.groupId ?? null) : null
  if (data.type === 'group' && groupId === null) throw invalid('groupId', '党小组会须选择党小组')
  await checkGroup(trx, branchId, groupId, 'groupId')
  const submitted = existing?.status === 'submitted'
  if (submitted && !data.correctionReason) throw new AppError(409, 'MEETING_CORRECTION_REASON_REQUIRED')

  // The roll: a draft follows the branch (or group) as it is; a submitted record keeps its people.
  const previousAttendance = existing ? await attendanceOf(trx, existing.id) : []
  const scopeChanged = existing !== null && (existing.group_id !== groupId || existing.type !== data.type)
  // A record submitted before attendance was required may have kept nobody: its correction takes the roll as
  // it is now, so that it can be put right once the 党员 are registered.
  const rollIds =
    submitted && !scopeChanged && previousAttendance.length > 0
      ? previousAttendance.map((a) => a.memberId)
      : await rollFor(trx, branchId, data.type, groupId)
  const roll = new Set(rollIds)
  data.attendance.forEach((a, i) => {
    if (!roll.has(a.memberId)) throw invalid(`attendance.${i}.memberId`, '该党员不在本次会议的应到名单中')
  })
  const given = new Map(data.attendance.map((a) => [a.memberId, a]))
  const previous = new Map(previousAttendance.map((a) => [a.memberId, a]))
  const scanned = await scannedMembers(trx, existing?.sign_in_event_id ?? null, rollIds)
  const attendance = rollIds.map((memberId) => {
    const input = given.get(memberId)
    const before = previous.get(memberId)
    if (scanned.has(memberId) && input?.status !== 'absent')
      return { memberId, status: 'present' as const, reason: null, method: 'scan' as const }
    const status = input?.status ?? before?.status ?? 'absent'
    return {
      memberId,
      status,
      reason:
        status === 'absent' ? (input ? (input.reason ?? null) : (before?.reason ?? null)) || null : null,
      method: 'tick' as const,
    }
  })
  const present = attendance.filter((a) => a.status === 'present').length
  const willSubmit = submitted || data.submit
  if (willSubmit) {
    const fields = completenessProblems(data, attendance, now)
    if (fields.length) throw new AppError(400, 'MEETING_INCOMPLETE', undefined, fields)
    attendanceProblem(rollIds.length, present)
  }

  const values = {
    type: data.type,
    group_id: groupId,
    topic: data.topic,
    starts_at: data.startsAt,
    place: data.place,
    host: data.host,
    recorder: data.recorder,
    expected_count: rollIds.length,
    present_count: present,
    non_member_attendees: data.nonMemberAttendees,
    minutes: data.minutes,
    decisions: data.decisions,
    updated_at: isoAt(now),
  }
  let row: MeetingRow
  if (!existing) {
    row = await meetingsRepository.insert(trx, {
      ...values,
      branch_id: branchId,
      enterprise_id: ctx.branch.enterprise_id,
      status: data.submit ? 'submitted' : 'draft',
      submitted_at: data.submit ? isoAt(now) : null,
      submitted_by: data.submit ? auth.user.id : null,
      revision: 0,
      sign_in_event_id: null,
      created_by: auth.user.id,
      created_at: isoAt(now),
    })
  } else {
    if (submitted) {
      const attachments = await filesRepository.listOf(trx, { meetingId: existing.id })
      const names = new Map(previousAttendance.map((a) => [a.memberId, a.name]))
      const missing = rollIds.filter((id) => !names.has(id))
      for (const [id, name] of await meetingsRepository.memberNames(trx, missing)) names.set(id, name)
      const changes = meetingChanges(
        await diffContent(trx, existing, previousAttendance),
        await diffContent(
          trx,
          values,
          attendance.map((a) => ({ ...a, name: names.get(a.memberId) ?? '' })),
        ),
      )
      const snapshot = snapshotOf(existing, previousAttendance, attachments)
      await recordCorrection(w, existing, data.correctionReason!, snapshot, changes)
    }
    row = await meetingsRepository.update(trx, existing.id, {
      ...values,
      ...(submitted
        ? { revision: existing.revision + 1 }
        : data.submit
          ? { status: 'submitted' as const, submitted_at: isoAt(now), submitted_by: auth.user.id }
          : {}),
    })
  }
  await meetingsRepository.setAttendance(trx, row.id, attendance, existing !== null)
  return {
    result: await meetingView(trx, links, ctx, row),
    entityType: 'meeting',
    entityId: row.id,
    detail: {
      branchId,
      type: row.type,
      status: row.status,
      ...(submitted ? { correction: data.correctionReason, revision: row.revision } : {}),
    },
  }
}

/** 提交: the record as it stands, checked for completeness and saved as 已提交; submitting twice answers the same. */
export async function submitMeeting(w: MeetingWrite, meetingId: number): Promise<WriteOutcome<TMeeting>> {
  const { trx, links, ctx } = w
  const existing = await loadMeeting(trx, ctx.branch.id, meetingId, true)
  const view = await meetingView(trx, links, ctx, existing)
  if (existing.status === 'submitted')
    return { result: view, entityType: 'meeting', entityId: existing.id, detail: { repeat: true } }
  const data: TMeetingSaveData = {
    type: view.type,
    groupId: view.groupId,
    topic: view.topic,
    startsAt: view.startsAt,
    place: view.place,
    host: view.host,
    recorder: view.recorder,
    attendance: view.attendance.map((a) => ({ memberId: a.memberId, status: a.status, reason: a.reason })),
    nonMemberAttendees: view.nonMemberAttendees,
    minutes: view.minutes,
    decisions: view.decisions,
    submit: true,
  }
  return saveMeeting(w, existing, data)
}

/**
 * 扫码签到 for a meeting: an event of the enterprise linked to the draft record, with the events' rotating
 * QR. Members whose account signs in count as present (扫码). Opening it again returns the same one.
 */
export async function openSignInSession(
  w: MeetingWrite,
  meeting: MeetingRow,
): Promise<WriteOutcome<TMeeting>> {
  const { trx, links, auth, ctx, now } = w
  if (meeting.status === 'submitted') throw new AppError(409, 'MEETING_CORRECTION_REASON_REQUIRED')
  let row = meeting
  if (meeting.sign_in_event_id === null) {
    const starts = Date.parse(meeting.starts_at)
    const opens = Math.min(now, starts - 30 * 60_000)
    const closes = Math.max(now, starts) + 3 * 3600_000
    const title = `${MEETING_TYPE_LABELS[meeting.type as TMeetingType]}${meeting.topic ? `：${meeting.topic}` : ''}`
    const created = await createEvent(
      trx,
      auth,
      { kind: 'enterprise', id: ctx.branch.enterprise_id },
      {
        kind: MEETING_EVENT_KIND[meeting.type as TMeetingType],
        title: Array.from(title).slice(0, 60).join(''),
        description: `${ctx.branch.name}会议签到`,
        startsAt: isoAt(starts),
        endsAt: isoAt(Math.max(starts, now) + 2 * 3600_000),
        signInOpensAt: isoAt(opens),
        signInClosesAt: isoAt(closes),
        place: null,
      },
      [ctx.branch.enterprise_id],
      now,
    )
    row = await meetingsRepository.update(trx, meeting.id, {
      sign_in_event_id: created.result.id,
      updated_at: isoAt(now),
    })
  }
  return {
    result: await meetingView(trx, links, ctx, row),
    entityType: 'meeting',
    entityId: row.id,
    detail: { signInEventId: row.sign_in_event_id },
  }
}
