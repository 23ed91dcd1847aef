import type { FastifyRequest } from 'fastify'
import { AppError } from '../../core/errors'
import { readUploadedFile } from '../files/store'

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0])

/**
 * The uploaded workbook of a multipart request (field `file`), under the server's upload limit. A file
 * that cannot be an .xlsx (by its first bytes: a zip) is refused here; its contents are read by the worker.
 */
export async function readWorkbookUpload(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ content: Buffer; filename: string }> {
  if (!request.isMultipart())
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传 Excel 文件')
  const { part, content } = await readUploadedFile(request, (error) =>
    (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
      ? new AppError(413, 'FILE_TOO_LARGE', `文件过大，不超过 ${Math.round(maxBytes / 1024 / 1024)} MB`)
      : new AppError(400, 'IMPORT_UPLOAD_BROKEN'),
  )
  const filename = part.filename
  if (content.length === 0) throw new AppError(400, 'IMPORT_FILE_EMPTY', '上传的文件是空的')
  if (content.subarray(0, 4).equals(OLE)) throw new AppError(415, 'IMPORT_FILE_XLS')
  if (!content.subarray(0, 4).equals(ZIP)) throw new AppError(415, 'IMPORT_FILE_INVALID')
  const clean = Array.from(filename || 'import.xlsx', (ch) =>
    ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch,
  )
    .join('')
    .slice(0, 120)
  return { content, filename: clean }
}
