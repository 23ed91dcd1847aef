import { fileNameFromDisposition } from '@/models/exportName'
import type { DownloadRequest, PlatformDownload } from './types'

/**
 * H5: fetch the file with the bearer token and hand it to the browser as a download link
 * (an <a download> on a blob: URL), so the workbook lands in the user's downloads, under the name the
 * server gives it (organisation, title, 北京时间 date), else the app's.
 */
export const platformDownload: PlatformDownload = {
  async open(req) {
    const res = await fetch(req.url, { headers: req.header })
    // The error body carries the reason (导出较多请稍后, 无权限…) for the message the user sees.
    if (!res.ok) return { status: res.status, data: await res.text().catch(() => '') }
    const name = fileNameFromDisposition(res.headers.get('content-disposition')) ?? req.fileName
    saveBlob(await readBody(res, req.onProgress), name)
    return { status: res.status }
  },
}

/** The body as a blob, read a part at a time so that the caller can show how much has arrived. */
async function readBody(res: Response, onProgress: DownloadRequest['onProgress']): Promise<Blob> {
  const total = Number(res.headers.get('content-length')) || null
  onProgress?.({ received: 0, total })
  if (!onProgress || !res.body) return res.blob()
  const reader = res.body.getReader()
  const parts: BlobPart[] = []
  let received = 0
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    parts.push(part.value)
    received += part.value.byteLength
    onProgress({ received, total })
  }
  return new Blob(parts, { type: res.headers.get('content-type') ?? '' })
}

/** Hands a blob to the browser as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  a.className = 'download-link'
  document.body.appendChild(a)
  a.click()
  setTimeout(() => {
    a.remove()
    URL.revokeObjectURL(href)
  }, 60_000)
}
