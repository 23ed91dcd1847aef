import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AuthContext } from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'
import { requireAuth } from '../../core/auth'
import { isoAt } from '../../core/clock'
import type { StoredFileRow } from '../../core/db/schema'
import { notFound } from '../../core/errors'
import { performWrite } from '../../core/writes'
import { receiveUpload, type FileLinkSigner } from './store'
import { ZErrorResponse } from '../../../src/models/errors'
import { filesRepository, type FileOwner, type RemovableFrom } from './repository'

/** What an upload route answers besides the usual errors: a file too large (413) or of a refused type (415). */
export const UPLOAD_REFUSALS = { 413: ZErrorResponse, 415: ZErrorResponse }

/**
 * The one upload path: receives the multipart file (size and real type checked, bytes stored), then
 * records it in one write (audit + Idempotency-Key, keyed on the file's hash and its owner); the stored
 * bytes are removed again if the record is not written. The caller has checked that the owner accepts
 * files now.
 */
export async function uploadFile<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    action: string
    owner: FileOwner
    /** What identifies the upload besides the file's hash (its target), and is recorded with it. */
    target: Record<string, unknown>
    view: (row: StoredFileRow) => T
  },
): Promise<T> {
  const app = request.server
  const file = await receiveUpload(request, app.fileStore, app.uploadMaxBytes, app.clock())
  try {
    return await performWrite(request, reply, {
      action: options.action,
      status: 201,
      fingerprint: { ...options.target, sha256: file.sha256 },
      run: async (trx) => {
        const row = await filesRepository.insert(
          trx,
          options.owner,
          file,
          requireAuth(request).user.id,
          isoAt(app.clock()),
        )
        return {
          result: options.view(row),
          entityType: 'evidence_file',
          entityId: row.id,
          detail: { ...options.target, sha256: row.sha256 },
        }
      },
    })
  } catch (error) {
    await app.fileStore.remove(file.storageKey)
    throw error
  }
}

/** The one removal path: the file is marked removed from its owner (record and bytes kept); 404 when not attached there. */
export function removeFile(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { action: string; fileId: number; from: RemovableFrom },
) {
  return performWrite(request, reply, {
    action: options.action,
    run: async (trx) => {
      const removed = await filesRepository.remove(
        trx,
        options.fileId,
        options.from,
        isoAt(request.server.clock()),
      )
      if (!removed) throw notFound()
      return { result: { ok: true as const }, entityType: 'evidence_file', entityId: options.fileId }
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
