import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { Access, AuthContext } from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'
import { requireAuth } from '../../core/auth'
import { isoAt } from '../../core/clock'
import type { Transaction } from 'kysely'
import type { Database, StoredFileRow } from '../../core/db/schema'
import { notFound } from '../../core/errors'
import { performWrite } from '../../core/writes'
import { receiveUpload, type FileLinkSigner } from './store'
import { ZErrorResponse } from '../../../src/models/errors'
import { ZEvidenceFile } from '../../../src/models/file'
import { filesRepository, toEvidenceFile, type FileOwner, type RemovableFrom } from './repository'

/** What an upload route answers besides the usual errors: a file too large (413) or of a refused type (415). */
export const UPLOAD_REFUSALS = { 413: ZErrorResponse, 415: ZErrorResponse }

/** The declaration of a route receiving one piece of evidence for a record (multipart field `file`). */
export function evidenceUploadRoute<P extends z.ZodType>(access: Access, summary: string, params: P) {
  return { access, summary, params, response: { 201: ZEvidenceFile, ...UPLOAD_REFUSALS } }
}

/** The options of an upload (see uploadFile). */
interface UploadOptions<T> {
  action: string
  owner: FileOwner
  /** What identifies the upload besides the file's hash (its target), and is recorded with it. */
  target: Record<string, unknown>
  view: (row: StoredFileRow) => T
  /**
   * Runs the owner's part of the write around the insert (`change`), in its transaction: a check under
   * the owner's lock before, a record of the change after; what it returns joins the audit detail.
   */
  within?: OwnerChange
}

/**
 * The one upload path: receives the multipart file (size and real type checked, bytes stored), then
 * records it in one write (audit + Idempotency-Key, keyed on the file's hash and its owner); the stored
 * bytes are removed again if the record is not written. The caller has checked that the owner accepts
 * files now.
 */
export async function uploadFile<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: UploadOptions<T>,
): Promise<T> {
  const app = request.server
  const file = await receiveUpload(request, app.fileStore, app.uploadMaxBytes, app.clock())
  try {
    return await performWrite(request, reply, {
      action: options.action,
      status: 201,
      fingerprint: { ...options.target, sha256: file.sha256 },
      run: async (trx) => {
        const insert = () =>
          filesRepository.insert(trx, options.owner, file, requireAuth(request).user.id, isoAt(app.clock()))
        let row: StoredFileRow | undefined
        const change = async () => (row = await insert())
        const extra = options.within ? await options.within(trx, change) : await change().then(() => ({}))
        if (!row) throw new Error('the upload was not recorded')
        return {
          result: options.view(row),
          entityType: 'evidence_file',
          entityId: row.id,
          detail: { ...options.target, sha256: row.sha256, ...extra },
        }
      },
    })
  } catch (error) {
    await app.fileStore.remove(file.storageKey)
    throw error
  }
}

/** An upload of evidence (uploadFile), answered as the record lists it. */
export function uploadEvidence(
  request: FastifyRequest,
  reply: FastifyReply,
  options: Omit<UploadOptions<unknown>, 'view'>,
) {
  const links = request.server.fileLinks
  return uploadFile(request, reply, { ...options, view: (row) => toEvidenceFile(row, links) })
}

/**
 * The owner's part of a file write (see uploadFile's `within`): it calls `change` (the insert or the
 * removal, which gives the file's row) at the point it chooses and returns what joins the audit detail.
 */
export type OwnerChange = (
  trx: Transaction<Database>,
  change: () => Promise<StoredFileRow>,
) => Promise<Record<string, unknown>>

/** The one removal path: the file is marked removed from its owner (record and bytes kept); 404 when not attached there. */
export function removeFile(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { action: string; fileId: number; from: RemovableFrom; within?: OwnerChange },
) {
  return performWrite(request, reply, {
    action: options.action,
    run: async (trx) => {
      const change = async () => {
        const removed = await filesRepository.remove(
          trx,
          options.fileId,
          options.from,
          isoAt(request.server.clock()),
        )
        if (!removed) throw notFound()
        return (await filesRepository.findById(trx, options.fileId))!
      }
      const extra = options.within ? await options.within(trx, change) : await change().then(() => undefined)
      return {
        result: { ok: true as const },
        entityType: 'evidence_file',
        entityId: options.fileId,
        ...(extra ? { detail: extra } : {}),
      }
    },
  })
}

/**
 * A write to an enterprise's records that carry evidence (assessments, rectifications): who writes, to
 * which enterprise, when, and the signer of the file links its answer shows.
 */
export interface EvidenceWrite {
  db: DbOrTrx
  links: FileLinkSigner
  auth: AuthContext
  enterpriseId: number
  now: number
}

export function evidenceWrite(
  request: FastifyRequest & { params: { enterpriseId: number } },
  db: DbOrTrx,
): EvidenceWrite {
  const app = request.server
  const { enterpriseId } = request.params
  return { db, links: app.fileLinks, auth: requireAuth(request), enterpriseId, now: app.clock() }
}
