/**
 * Uploads (multipart field `file`) through the request layer (bearer token, one re-login on 401) with an
 * Idempotency-Key, so a retry after a lost answer never stores the file twice. Evidence photos go through
 * the outbox (queueUpload): kept on the device where the platform can, sent when the network allows.
 */
import type { z } from 'zod'
import { ZEvidenceFile, type TEvidenceFile } from '@/models/file'
import { newIdempotencyKey } from './idempotencyKey'
import { getOutbox, type OutboxEntry } from './outbox'
import { platformMedia } from './platform/media'
import { platformFileTransport } from './platform/fileTransport'
import type { PickedFile } from './platform/types'
import { ApiError, parseBody, request, type Query } from './request'

/** What the server accepts (it checks again from the file's first bytes). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export { platformFileTransport }

export interface UploadInput {
  path: string
  query?: Query
  file: PickedFile
  /** Keep the same key when the user retries the same photo. */
  idempotencyKey?: string
}

/** Uploads one picked file to an evidence endpoint; resolves with the stored file, rejects with ApiError. */
export function uploadEvidence(input: UploadInput): Promise<TEvidenceFile> {
  return uploadFileTo(input, ZEvidenceFile)
}

/** Uploads one picked file to any upload endpoint at once; the answer is checked against `schema`. */
export async function uploadFileTo<T>(input: UploadInput, schema: z.ZodType<T>): Promise<T> {
  if (input.file.size > MAX_UPLOAD_BYTES) {
    throw new ApiError(413, 'FILE_TOO_LARGE', '文件过大，单个文件不超过 10 MB')
  }
  return request({
    method: 'POST',
    path: input.path,
    query: input.query,
    file: { filePath: input.file.path, ...(input.file.name ? { fileName: input.file.name } : {}) },
    headers: { 'Idempotency-Key': input.idempotencyKey ?? newIdempotencyKey() },
    schema,
  })
}

/**
 * Queues one picked photo in the outbox (kept on the device first where the platform can), so a photo
 * taken without network is sent when the network is back, once, like any other write.
 */
export async function queueUpload(input: {
  path: string
  file: PickedFile
  label: string
  kind: string
}): Promise<OutboxEntry> {
  if (input.file.size > MAX_UPLOAD_BYTES) {
    throw new ApiError(413, 'FILE_TOO_LARGE', '文件过大，单个文件不超过 10 MB')
  }
  const kept = await platformMedia.keep(input.file)
  return getOutbox().enqueue({
    method: 'POST',
    path: input.path,
    file: { filePath: kept.path, ...(kept.name ? { fileName: kept.name } : {}) },
    label: input.label,
    kind: input.kind,
  })
}

/** The stored evidence file in an upload's answer (a string in the mini-program), or null. */
export function evidenceFromResponse(data: unknown): TEvidenceFile | null {
  const parsed = ZEvidenceFile.safeParse(parseBody(data))
  return parsed.success ? parsed.data : null
}
