import type { MeetingRow, StoredFileRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { found, notFound } from '../../core/errors'
import type { FileLinkSigner } from '../files/store'
import { filesRepository, toMeetingAttachment } from '../files/repository'
import { MAX_ID } from '../../core/access'
import {
  type TMeeting,
  type TAttachmentKind,
  type TMeetingAttendance,
  type TMeetingChange,
  type TMeetingSummary,
  type TMeetingTemplate,
} from '../../../src/models/meeting'
import { type TMeetingType } from '../../../src/models/meetingCompliance'
import type { BranchContext } from './access'
import { ROLE_ORDER } from './branches'
import { scannedMembers } from './meetingRecords'
import { shanghaiYearRange } from '../../../src/models/shanghaiTime'
import { shownChange, type MeetingDiffContent } from '../../../src/models/meetingRevision'
import { meetingsRepository } from './meetingsRepository'

/** Meeting records (三会一课): reading one, the list, the template of the next. */

/** The record of that branch, or 404; `lock`: its row locked for the rest of the write (meetingsRepository.lock). */
export async function loadMeeting(
  db: DbOrTrx,
  branchId: number,
  meetingId: number,
  lock = false,
): Promise<MeetingRow> {
  if (meetingId > MAX_ID) throw notFound()
  return found(
    lock
      ? meetingsRepository.lock(db, branchId, meetingId)
      : meetingsRepository.find(db, branchId, meetingId),
  )
}

export async function attendanceOf(db: DbOrTrx, meetingId: number): Promise<TMeetingAttendance[]> {
  const rows = await meetingsRepository.attendance(db, meetingId)
  return rows
    .map((r) => ({
      memberId: r.member_id,
      name: r.name,
      branchRole: r.branch_role,
      status: r.status,
      reason: r.reason,
      method: r.method,
    }))
    .sort((a, b) => ROLE_ORDER[a.branchRole] - ROLE_ORDER[b.branchRole] || a.memberId - b.memberId)
}

export async function meetingAttachments(db: DbOrTrx, links: FileLinkSigner, meetingId: number) {
  const files = await filesRepository.listOf(db, { meetingId })
  return files.map((f) => toMeetingAttachment(f, links))
}

/** What a meeting record says: shown, exported, and kept in each revision's snapshot. */
export function recordContent(row: MeetingRow) {
  return {
    groupId: row.group_id,
    topic: row.topic,
    startsAt: row.starts_at,
    place: row.place,
    host: row.host,
    recorder: row.recorder,
    expected: row.expected_count,
  }
}

/** The columns of a record that a correction compares (a row, or the values about to be written). */
type RecordText = Pick<
  MeetingRow,
  | 'type'
  | 'group_id'
  | 'topic'
  | 'starts_at'
  | 'place'
  | 'host'
  | 'recorder'
  | 'non_member_attendees'
  | 'minutes'
  | 'decisions'
>

/** A record as a correction compares it (meetingChanges); the attachments when the correction is about them. */
export async function diffContent(
  db: DbOrTrx,
  row: RecordText,
  attendance: MeetingDiffContent['attendance'],
  attachments?: StoredFileRow[],
): Promise<MeetingDiffContent> {
  return {
    type: row.type as TMeetingType,
    groupName: row.group_id ? ((await meetingsRepository.groupName(db, row.group_id)) ?? null) : null,
    topic: row.topic,
    startsAt: row.starts_at,
    place: row.place,
    host: row.host,
    recorder: row.recorder,
    nonMemberAttendees: row.non_member_attendees,
    minutes: row.minutes,
    decisions: row.decisions,
    attendance,
    ...(attachments
      ? {
          attachments: attachments.map((f) => ({
            id: f.id,
            kind: (f.attachment_kind ?? 'other') as TAttachmentKind,
            filename: f.filename,
          })),
        }
      : {}),
  }
}

export async function meetingView(
  db: DbOrTrx,
  links: FileLinkSigner,
  ctx: BranchContext,
  row: MeetingRow,
): Promise<TMeeting> {
  const [attendance, attachments, revisions, group] = await Promise.all([
    attendanceOf(db, row.id),
    meetingAttachments(db, links, row.id),
    meetingsRepository.revisions(db, row.id),
    row.group_id ? meetingsRepository.groupName(db, row.group_id) : Promise.resolve(undefined),
  ])
  // A draft with a QR session shows who has scanned in as present (saving or submitting keeps it).
  if (row.status === 'draft' && row.sign_in_event_id !== null) {
    const scanned = await scannedMembers(
      db,
      row.sign_in_event_id,
      attendance.map((a) => a.memberId),
    )
    for (const a of attendance)
      if (scanned.has(a.memberId) && !(a.status === 'absent' && a.reason)) {
        a.status = 'present'
        a.reason = null
        a.method = 'scan'
      }
  }
  const presentCount = attendance.filter((a) => a.status === 'present').length
  return {
    id: row.id,
    branchId: row.branch_id,
    branchName: ctx.branch.name,
    enterpriseId: row.enterprise_id,
    enterpriseName: ctx.enterpriseName,
    type: row.type as TMeetingType,
    ...recordContent(row),
    groupName: group ?? null,
    present: presentCount,
    attendance,
    nonMemberAttendees: row.non_member_attendees,
    minutes: row.minutes,
    decisions: row.decisions,
    status: row.status,
    submittedAt: row.submitted_at,
    revision: row.revision,
    history: revisions.map((r) => ({
      revision: r.revision,
      reason: r.reason,
      changedBy: r.name,
      changedAt: r.created_at,
      previous: JSON.parse(r.snapshot) as Record<string, unknown>,
      changes: r.changes === null ? null : (JSON.parse(r.changes) as TMeetingChange[]).map(shownChange),
    })),
    attachments,
    signInEventId: row.sign_in_event_id,
    canWrite: ctx.canWrite,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export async function listMeetings(
  db: DbOrTrx,
  branchId: number,
  query: { year?: number; type?: TMeetingType },
): Promise<TMeetingSummary[]> {
  const rows = await meetingsRepository.list(db, branchId, {
    range: query.year ? shanghaiYearRange(query.year) : undefined,
    type: query.type,
  })
  return rows.map((r) => ({
    id: r.id,
    type: r.type as TMeetingType,
    groupId: r.group_id,
    groupName: r.group_name ?? null,
    topic: r.topic,
    startsAt: r.starts_at,
    status: r.status,
    expected: r.expected_count,
    present: r.present_count,
    revision: r.revision,
    attachmentCount: Number(r.attachment_count ?? 0),
  }))
}

/** A new record starts from the last one of the same type: its topic, place, host, recorder, 列席. */
export async function meetingTemplate(
  db: DbOrTrx,
  branchId: number,
  type: TMeetingType,
): Promise<TMeetingTemplate> {
  const last = await meetingsRepository.last(db, branchId, type)
  return {
    fromMeetingId: last?.id ?? null,
    type,
    groupId: last?.group_id ?? null,
    topic: last?.topic ?? '',
    place: last?.place ?? '',
    host: last?.host ?? '',
    recorder: last?.recorder ?? '',
    nonMemberAttendees: last?.non_member_attendees ?? '',
  }
}

/** The people expected (应到): active members of the branch, or of the group for a 党小组会. */
