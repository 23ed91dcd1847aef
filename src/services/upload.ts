/**
 * Evidence uploads (multipart field `file`): photos picked with the platform's media picker, sent with the
 * bearer token and an Idempotency-Key, so a retry after a lost answer never stores the file twice.
 * Not queued in the outbox: a picked photo is a temporary file the outbox cannot keep; the page shows
 * the failure and the user tries again (with the same key).
 */
import type { z } from 'zod'
import { ZEvidenceFile, type TEvidenceFile } from '../models/assessment'
import { newIdempotencyKey } from './idempotencyKey'
import { apiBase } from './platform/env'
import { platformMedia } from './platform/media'
import type { PickedFile } from './platform/types'
import { ApiError, BAD_RESPONSE_MESSAGE, apiErrorFromResponse, buildUrl, type Query } from './request'
import { getToken, relogin } from './session'

/** What the server accepts (it checks again from the file's first bytes). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
const UPLOAD_TIMEOUT_MS = 60_000

/** Up to `count` photos from the camera or the album; [] when the user cancels. */
export function chooseImages(count: number): Promise<PickedFile[]> {
  return platformMedia.chooseImages(Math.max(1, Math.min(9, count)))
}

export interface UploadInput {
  path: string
  query?: Query
  file: PickedFile
  /** Keep the same key when the user retries the same photo. */
  idempotencyKey?: string
}

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data) as unknown
  } catch {
    return data
  }
}

/** Uploads one picked file to an evidence endpoint; resolves with the stored file, rejects with ApiError. */
export function uploadEvidence(input: UploadInput): Promise<TEvidenceFile> {
  return uploadFileTo(input, ZEvidenceFile)
}

/** Uploads one picked file to any upload endpoint; the answer is checked against `schema`. */
export async function uploadFileTo<T>(input: UploadInput, schema: z.ZodType<T>): Promise<T> {
  if (input.file.size > MAX_UPLOAD_BYTES) {
    throw new ApiError(413, 'FILE_TOO_LARGE', '文件过大，单个文件不超过 10 MB')
  }
  const url = buildUrl(apiBase.replace(/\/+$/, ''), input.path, input.query)
  const key = input.idempotencyKey ?? newIdempotencyKey()
  const send = (token: string | null) =>
    platformMedia.uploadFile({
      url,
      filePath: input.file.path,
      name: 'file',
      ...(input.file.name ? { fileName: input.file.name } : {}),
      header: {
        Accept: 'application/json',
        'Idempotency-Key': key,
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      timeoutMs: UPLOAD_TIMEOUT_MS,
    })

  let res = await send(getToken())
  if (res.status === 401) {
    const token = await relogin()
    if (token) res = await send(token)
  }
  if (res.status < 200 || res.status >= 300) throw apiErrorFromResponse(res.status, res.data)
  const parsed = schema.safeParse(parse(res.data))
  if (!parsed.success) throw new ApiError(res.status, 'BAD_RESPONSE', BAD_RESPONSE_MESSAGE)
  return parsed.data
}
