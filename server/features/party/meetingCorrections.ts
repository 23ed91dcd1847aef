import { isoAt } from '../../core/clock'
import type { StoredFileRow } from '../../core/db/schema'
import { AppError, notFound } from '../../core/errors'
import { MAX_ID } from '../../core/access'
import type { WriteOutcome } from '../../core/writes'
import { filesRepository } from '../files/repository'
import type { OwnerChange } from '../files/service'
import { eventsRepository } from '../events/repository'
import { meetingChanges } from '../../../src/models/meetingRevision'
import { attendanceOf, diffContent, loadMeeting } from './meetings'
import { recordCorrection, snapshotOf, type MeetingWrite } from './meetingRecords'
import { meetingsRepository } from './meetingsRepository'

/** Deleting a draft record, and the attachments of a submitted one, which change only through 更正. */

/**
 * 删除草稿: only a draft, by whoever writes the branch's records. The record is locked while still a draft
 * and deleted on that condition, so a submit at the same moment wins cleanly (409 MEETING_NOT_DRAFT) or
 * finds it gone (404). Its attachments are released (marked removed; the caller deletes their bytes once
 * the deletion is committed) and its QR sign-in session, if one was opened, is cancelled.
 */
export async function deleteDraft(
  w: Pick<MeetingWrite, 'trx' | 'ctx' | 'now'>,
  meetingId: number,
): Promise<WriteOutcome<{ ok: true }> & { releasedKeys: string[] }> {
  const { trx, ctx, now } = w
  if (meetingId > MAX_ID) throw notFound()
  const draft = await meetingsRepository.lock(trx, ctx.branch.id, meetingId, true)
  if (!draft) {
    await loadMeeting(trx, ctx.branch.id, meetingId)
    throw new AppError(409, 'MEETING_NOT_DRAFT')
  }
  const files = await filesRepository.listOf(trx, { meetingId })
  await filesRepository.removeAll(
    trx,
    files.map((f) => f.id),
    isoAt(now),
  )
  if (draft.sign_in_event_id !== null) await eventsRepository.cancel(trx, draft.sign_in_event_id, isoAt(now))
  if (!(await meetingsRepository.deleteDraft(trx, meetingId))) throw new AppError(409, 'MEETING_NOT_DRAFT')
  return {
    result: { ok: true },
    entityType: 'meeting',
    entityId: meetingId,
    detail: {
      branchId: ctx.branch.id,
      type: draft.type,
      topic: draft.topic,
      startsAt: draft.starts_at,
      attachments: files.map((f) => f.filename),
      ...(draft.sign_in_event_id !== null ? { cancelledSignInEventId: draft.sign_in_event_id } : {}),
    },
    releasedKeys: files.map((f) => f.storage_key),
  }
}

/**
 * An attachment added to or removed from a record (`change`), under the record's lock: a draft takes it
 * as it is; a submitted record only with a correction reason (409 MEETING_CORRECTION_REASON_REQUIRED),
 * and the change becomes a revision in its history (the record before, 现场照片：新增 a.jpg).
 */
export function attachmentChange(
  w: Pick<MeetingWrite, 'auth' | 'ctx' | 'now'>,
  meetingId: number,
  reason: string | undefined,
): OwnerChange {
  return async (trx, change) => {
    const meeting = await loadMeeting(trx, w.ctx.branch.id, meetingId, true)
    if (meeting.status !== 'submitted') {
      await change()
      return {}
    }
    if (!reason) throw new AppError(409, 'MEETING_CORRECTION_REASON_REQUIRED')
    const before = await filesRepository.listOf(trx, { meetingId })
    const file: StoredFileRow = await change()
    const after = await filesRepository.listOf(trx, { meetingId })
    const attendance = await attendanceOf(trx, meetingId)
    const changes = meetingChanges(
      await diffContent(trx, meeting, attendance, before),
      await diffContent(trx, meeting, attendance, after),
    )
    const snapshot = snapshotOf(meeting, attendance, before)
    const revision = await recordCorrection({ ...w, trx }, meeting, reason, snapshot, changes)
    await meetingsRepository.update(trx, meetingId, { revision, updated_at: isoAt(w.now) })
    return { meetingId, fileId: file.id, correction: reason, revision }
  }
}
