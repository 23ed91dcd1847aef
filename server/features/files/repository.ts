import { changedOne, type DbOrTrx } from '../../core/db/database'
import type { StoredFileRow } from '../../core/db/schema'
import type { TEvidenceFile, TStoredFile } from '../../../src/models/file'
import type { TAttachmentKind } from '../../../src/models/meeting'
import type { FileLinkSigner, ReceivedFile } from './store'

/**
 * What a file belongs to. Every uploaded file is a row of `evidence_files` (the table keeps its first
 * name): an enterprise's, and then an assessment item's, a 整改's (attached when the liaison responds) or
 * a meeting's.
 */
export type FileOwner =
  | { kind: 'assessment'; enterpriseId: number; assessmentId: number; itemCode: string }
  | { kind: 'rectification'; enterpriseId: number; rectificationId: number }
  | { kind: 'meeting'; enterpriseId: number; meetingId: number; attachmentKind: TAttachmentKind }
  /** An enterprise's 实施方案 (attached to its filing when the liaison files it). */
  | { kind: 'plan'; enterpriseId: number }
  /** A 廉洁风险点's attachment (its liaison or head uploads it to the risk directly). */
  | { kind: 'risk'; enterpriseId: number; riskId: number }
  /** A “三重一大” decision's attachment (its liaison or head uploads it to the entry directly). */
  | { kind: 'decision'; enterpriseId: number; decisionId: number }

/** The columns by which a file is removed from its owner (a 整改's evidence is never removed). */
export type RemovableFrom = { assessmentId: number } | { meetingId: number } | { riskId: number }

/** `attachment_kind` of an uploaded 实施方案 file. */
export const PLAN_ATTACHMENT_KIND = 'plan'

export function toStoredFile(row: StoredFileRow, links: FileLinkSigner): TStoredFile {
  return {
    id: row.id,
    filename: row.filename,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    url: links.link(row.id),
    createdAt: row.created_at,
  }
}

export function toEvidenceFile(row: StoredFileRow, links: FileLinkSigner): TEvidenceFile {
  const { id, ...rest } = toStoredFile(row, links)
  return { id, itemCode: row.item_code ?? '', ...rest }
}

export function toMeetingAttachment(row: StoredFileRow, links: FileLinkSigner) {
  const { id, ...rest } = toStoredFile(row, links)
  return { id, kind: (row.attachment_kind ?? 'other') as TAttachmentKind, ...rest }
}

export const filesRepository = {
  findById(db: DbOrTrx, id: number): Promise<StoredFileRow | undefined> {
    return db.selectFrom('evidence_files').selectAll().where('id', '=', id).executeTakeFirst()
  },

  /** The files still attached to an assessment, a 整改 or a meeting, oldest first. */
  listOf(
    db: DbOrTrx,
    of:
      | { assessmentId: number }
      | { rectificationId: number }
      | { meetingId: number }
      | { riskId: number }
      | { decisionId: number },
  ): Promise<StoredFileRow[]> {
    let query = db.selectFrom('evidence_files').selectAll().where('deleted_at', 'is', null)
    if ('assessmentId' in of) query = query.where('assessment_id', '=', of.assessmentId)
    else if ('rectificationId' in of) query = query.where('rectification_id', '=', of.rectificationId)
    else if ('riskId' in of) query = query.where('risk_id', '=', of.riskId)
    else if ('decisionId' in of) query = query.where('major_decision_id', '=', of.decisionId)
    else query = query.where('meeting_id', '=', of.meetingId)
    return query.orderBy('id').execute()
  },

  insert(
    db: DbOrTrx,
    owner: FileOwner,
    file: ReceivedFile,
    uploadedBy: number,
    now: string,
  ): Promise<StoredFileRow> {
    return db
      .insertInto('evidence_files')
      .values({
        enterprise_id: owner.enterpriseId,
        assessment_id: owner.kind === 'assessment' ? owner.assessmentId : null,
        item_code: owner.kind === 'assessment' ? owner.itemCode : null,
        // A 整改's evidence is attached to it when the liaison responds.
        rectification_id: null,
        ...(owner.kind === 'meeting'
          ? { meeting_id: owner.meetingId, attachment_kind: owner.attachmentKind }
          : {}),
        ...(owner.kind === 'plan' ? { attachment_kind: PLAN_ATTACHMENT_KIND } : {}),
        ...(owner.kind === 'risk' ? { risk_id: owner.riskId } : {}),
        ...(owner.kind === 'decision' ? { major_decision_id: owner.decisionId } : {}),
        filename: file.filename,
        mime: file.mime,
        size: file.size,
        sha256: file.sha256,
        storage_key: file.storageKey,
        uploaded_by: uploadedBy,
        deleted_at: null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  /** Marks a file removed (the row and the bytes stay); false when it is not attached there. */
  async remove(db: DbOrTrx, fileId: number, from: RemovableFrom, now: string): Promise<boolean> {
    let query = db
      .updateTable('evidence_files')
      .set({ deleted_at: now })
      .where('id', '=', fileId)
      .where('deleted_at', 'is', null)
    if ('assessmentId' in from) query = query.where('assessment_id', '=', from.assessmentId)
    else if ('riskId' in from) query = query.where('risk_id', '=', from.riskId)
    else query = query.where('meeting_id', '=', from.meetingId)
    return changedOne(query)
  },

  /** Marks these files removed (a deleted draft's attachments). */
  async removeAll(db: DbOrTrx, ids: number[], now: string): Promise<void> {
    if (ids.length === 0) return
    await db
      .updateTable('evidence_files')
      .set({ deleted_at: now })
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute()
  },

  /** The ids among `ids` that are live files of that enterprise (of that attachment kind, when given). */
  async liveIdsOfEnterprise(
    db: DbOrTrx,
    enterpriseId: number,
    ids: number[],
    attachmentKind?: string,
  ): Promise<Set<number>> {
    let query = db
      .selectFrom('evidence_files')
      .select('id')
      .where('id', 'in', ids)
      .where('enterprise_id', '=', enterpriseId)
      .where('deleted_at', 'is', null)
    if (attachmentKind !== undefined) query = query.where('attachment_kind', '=', attachmentKind)
    const rows = await query.execute()
    return new Set(rows.map((r) => r.id))
  },

  async attachToRectification(db: DbOrTrx, rectificationId: number, ids: number[]): Promise<void> {
    await db
      .updateTable('evidence_files')
      .set({ rectification_id: rectificationId })
      .where('id', 'in', ids)
      .execute()
  },
}
