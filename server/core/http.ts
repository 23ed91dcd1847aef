import type { FastifyReply } from 'fastify'
import { ZErrorResponse } from '../../src/models/errors'

/** Error answers documented on every route (the body is always the same shape). */
export const errorResponses = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
  422: ZErrorResponse,
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Sends a generated file as a download: the Chinese file name as RFC 5987 UTF-8 (with an ASCII
 * fallback for old clients), never cached (it holds personal data).
 */
export function sendAttachment(
  reply: FastifyReply,
  file: { name: string; asciiName: string; contentType: string; content: Buffer },
) {
  const encoded = encodeURIComponent(file.name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encoded}`)
    .header('cache-control', 'no-store')
    .send(file.content)
}
