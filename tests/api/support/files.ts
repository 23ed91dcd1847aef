import type { FastifyInstance } from 'fastify'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { call } from './testApp'

/** Small real files (their first bytes decide the type) and a multipart body builder for inject. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
/** A smallest well-formed PDF (one empty page; the xref offsets computed): the server parses its structure. */
export function minimalPdf(): Buffer {
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>',
  ]
  let body = '%PDF-1.4\n'
  const offsets = objects.map((object, i) => {
    const at = body.length
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
    return at
  })
  const xref = body.length
  const entries = offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}`
  body += `trailer\n<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}
export const TINY_PDF = minimalPdf()

/** `fields` go before the file, as wx.uploadFile sends its formData. */
export function multipart(
  field: string,
  filename: string,
  content: Buffer,
  fields: Record<string, string> = {},
) {
  const boundary = '----qinglian' + Math.random().toString(16).slice(2)
  const before = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  )
  const head = Buffer.from(
    `${before.join('')}--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

/** A 整改通知 from a supervisor to an enterprise, due in 20 days: somewhere to upload evidence to. Its URL. */
export async function openRectification(
  app: FastifyInstance,
  supervisor: string,
  enterpriseId: number,
): Promise<string> {
  const url = `/api/v1/enterprises/${enterpriseId}/rectifications`
  const notice = await call(app, supervisor, {
    method: 'POST',
    url,
    payload: {
      title: '廉洁风险点排查不全面',
      detail: '请补充排查物资采购、财务管理岗位的廉洁风险点。',
      deadline: shanghaiDate(Date.now() + 20 * 86_400_000),
    },
  })
  if (notice.statusCode !== 201) throw new Error(`rectification notice: ${notice.body}`)
  return `${url}/${notice.json().id}`
}
