import crypto from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { MultipartFile } from '@fastify/multipart'
import { AppError } from '../../core/errors'
import type { Clock } from '../../core/clock'
import { isWellFormedPdf } from './pdf'
import type { ObjectStore } from '../../core/objectStore'

/** The type of an upload is decided from the file's first bytes, not from what the client claims. */
const SIGNATURES: { mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  {
    mime: 'image/jpeg',
    ext: 'jpg',
    test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    mime: 'image/png',
    ext: 'png',
    test: (b) =>
      b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/webp',
    ext: 'webp',
    test: (b) =>
      b.length > 12 &&
      b.subarray(0, 4).toString('latin1') === 'RIFF' &&
      b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  {
    mime: 'application/pdf',
    ext: 'pdf',
    test: (b) => b.length > 5 && b.subarray(0, 5).toString('latin1') === '%PDF-',
  },
]

export function sniffType(head: Buffer): { mime: string; ext: string } | null {
  const match = SIGNATURES.find((s) => s.test(head))
  return match ? { mime: match.mime, ext: match.ext } : null
}

export interface StoredFile {
  storageKey: string
  sha256: string
  size: number
}

/**
 * Uploaded files in the object store (disk or S3), each under a fresh random key in its month's folder
 * (`2026-12/<uuid>.png`), never under the user's file name.
 */
export class FileStore {
  constructor(readonly objects: ObjectStore) {}

  /** `now` only names the month folder the file goes to. */
  async put(content: Buffer, type: { ext: string; mime: string }, now: number): Promise<StoredFile> {
    const storageKey = `${new Date(now).toISOString().slice(0, 7)}/${crypto.randomUUID()}.${type.ext}`
    await this.objects.put(storageKey, content, type.mime)
    return {
      storageKey,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      size: content.length,
    }
  }

  /** The bytes as a stream (served as they come); null when the object is gone (a released draft's). */
  open(storageKey: string) {
    return this.objects.open(storageKey)
  }

  read(storageKey: string): Promise<Buffer | null> {
    return this.objects.read(storageKey)
  }

  async remove(storageKey: string): Promise<void> {
    await this.objects.remove(storageKey)
  }
}

/**
 * Evidence is shown in <Image> tags, which send no Authorization header: the API hands out links signed
 * for one file and a limited time instead, checked by GET /api/v1/files/:fileId.
 */
export class FileLinkSigner {
  constructor(
    private readonly secret: string,
    private readonly clock: Clock,
    private readonly ttlSeconds = 3600,
  ) {}

  private signature(fileId: number, expires: number): string {
    return crypto.createHmac('sha256', this.secret).update(`file:${fileId}:${expires}`).digest('base64url')
  }

  link(fileId: number, now = this.clock()): string {
    // Rounded so that the same file keeps the same link for a while (cache-friendly).
    const expires = Math.ceil((now / 1000 + this.ttlSeconds) / 600) * 600
    return `/api/v1/files/${fileId}?expires=${expires}&sig=${this.signature(fileId, expires)}`
  }

  verify(fileId: number, expires: number, sig: string, now = this.clock()): boolean {
    if (expires * 1000 < now) return false
    const expected = Buffer.from(this.signature(fileId, expires))
    const given = Buffer.from(sig)
    return expected.length === given.length && crypto.timingSafeEqual(expected, given)
  }
}

/**
 * The first file part of a multipart request and its bytes. A body the multipart parser cannot read (no
 * boundary, cut short, malformed headers) is the caller's mistake: `broken` turns that error into the
 * answer (a 400 in the error shape, or 413 for a file over the limit), never a 5xx.
 */
export async function readUploadedFile(
  request: FastifyRequest,
  broken: (error: unknown) => AppError,
): Promise<{ part: MultipartFile; content: Buffer }> {
  try {
    const part = await request.file()
    if (!part) throw new AppError(400, 'FILE_MISSING')
    return { part, content: await part.toBuffer() }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw broken(error)
  }
}

export interface ReceivedFile extends StoredFile {
  mime: string
  filename: string
}

/**
 * Reads the one uploaded file of a multipart request (field `file`), checks its size and real type and
 * stores it; the caller records it (and removes it again if the record is not written).
 */
export async function receiveUpload(
  request: FastifyRequest,
  store: FileStore,
  maxBytes: number,
  now: number,
): Promise<ReceivedFile> {
  if (!request.isMultipart())
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件')
  const { part, content } = await readUploadedFile(request, (error) => {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      return new AppError(
        413,
        'FILE_TOO_LARGE',
        `文件过大，单个文件不超过 ${Math.round(maxBytes / 1024 / 1024)} MB`,
      )
    return new AppError(400, 'UPLOAD_BROKEN')
  })
  if (content.length === 0) throw new AppError(400, 'FILE_MISSING')
  const type = sniffType(content)
  if (!type) throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED')
  if (type.mime === 'application/pdf' && !isWellFormedPdf(content))
    throw new AppError(
      415,
      'FILE_TYPE_NOT_ALLOWED',
      '该文件不是有效的 PDF（文件已损坏或只是改了扩展名），请重新导出后上传',
    )
  const stored = await store.put(content, type, now)
  // wx.uploadFile names the file after its temporary path: the mini-program sends the name the user
  // knows (a chat file's) as the form field `filename`, before the file.
  const named = part.fields.filename
  const given = named && 'value' in named && typeof named.value === 'string' ? named.value : part.filename
  // Path separators and control characters never reach a header or a log.
  const filename = Array.from(given || `file.${type.ext}`, (ch) =>
    ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch,
  )
    .join('')
    .slice(0, 120)
  return { ...stored, mime: type.mime, filename }
}
