import { toApiError } from '@/services/request'
import type { PickedFile, PlatformMedia } from './types'

// Out of the entry (the session wires this module in at app start), fetched once the first page has
// loaded (not before: it would share the slow network with that page): the file input must open within
// the tap's user activation, not after a download.
const taroMedia = () => import('./mediaApi')
if (typeof window !== 'undefined') window.addEventListener('load', () => void taroMedia(), { once: true })

function cancelled(err: unknown): boolean {
  const msg = (err as { errMsg?: unknown } | null)?.errMsg
  return typeof msg === 'string' && /cancel|abort/i.test(msg)
}

/**
 * H5: Taro's chooseMedia opens a file input (the phone offers camera or album itself) and hands back
 * blob: URLs, which Taro.uploadFile reads back into the multipart body; the original file name is kept.
 */
export const platformMedia: PlatformMedia = {
  async chooseImages(count) {
    try {
      const { chooseMedia } = await taroMedia()
      const res = await chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'] })
      return res.tempFiles.map((f): PickedFile => ({
        path: f.tempFilePath,
        size: f.size,
        ...(f.originalFileObj?.name ? { name: f.originalFileObj.name } : {}),
      }))
    } catch (err) {
      if (cancelled(err)) return []
      throw err
    }
  },
  async uploadFile(req) {
    // A blob: URL dies with the page: a queued photo from before a reload is gone, and says so for good.
    if (
      req.filePath.startsWith('blob:') &&
      !(await fetch(req.filePath).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      return {
        status: 410,
        data: {
          error: {
            code: 'FILE_GONE',
            message: '照片已不在本机（页面曾刷新或关闭），请重新选择后上传',
            fields: [],
          },
        },
      }
    }
    try {
      const { uploadFile } = await taroMedia()
      const res = await uploadFile({
        url: req.url,
        filePath: req.filePath,
        name: req.name,
        header: { ...req.header },
        timeout: req.timeoutMs,
        ...(req.fileName ? { fileName: req.fileName } : {}),
      })
      return { status: res.statusCode, data: res.data as unknown }
    } catch (err) {
      throw toApiError(err)
    }
  },
  async keep(file) {
    return file
  },
  async release() {},
}
