import Taro from '@tarojs/taro'
import { toApiError } from '@/services/request'
import type { PickedFile, PlatformMedia } from './types'

function cancelled(err: unknown): boolean {
  const msg = (err as { errMsg?: unknown } | null)?.errMsg
  return typeof msg === 'string' && /cancel/i.test(msg)
}

/**
 * Mini-program: wx.chooseMedia (compressed photos: evidence needs to be legible, not full resolution) and
 * wx.uploadFile, which reports every HTTP status as success. chooseMedia is a privacy API: before the user
 * agreed to the privacy guide it fails (services/platform/privacy.weapp.ts asks).
 */
export const platformMedia: PlatformMedia = {
  async chooseImages(count) {
    try {
      // Callbacks, not the promise: Taro does not promisify chooseMedia, and wx returns a promise only
      // on base libraries that have one.
      const res = await new Promise<Taro.chooseMedia.SuccessCallbackResult>((resolve, reject) => {
        void Taro.chooseMedia({
          count,
          mediaType: ['image'],
          sourceType: ['album', 'camera'],
          sizeType: ['compressed'],
          success: resolve,
          fail: reject,
        })
      })
      return res.tempFiles.map((f): PickedFile => ({ path: f.tempFilePath, size: f.size }))
    } catch (err) {
      if (cancelled(err)) return []
      throw err
    }
  },
  async uploadFile(req) {
    try {
      const res = await Taro.uploadFile({
        url: req.url,
        filePath: req.filePath,
        name: req.name,
        header: req.header,
        timeout: req.timeoutMs,
        // The multipart file is named after the temporary path: the server takes this name instead.
        ...(req.fileName ? { formData: { filename: req.fileName } } : {}),
      })
      return { status: res.statusCode, data: res.data as unknown }
    } catch (err) {
      throw toApiError(err)
    }
  },
  async keep(file) {
    try {
      const saved = await Taro.saveFile({ tempFilePath: file.path })
      return 'savedFilePath' in saved && saved.savedFilePath ? { ...file, path: saved.savedFilePath } : file
    } catch {
      // Storage full or the file already gone: keep the temporary path, the upload may still work.
      return file
    }
  },
  async release(path) {
    await Taro.removeSavedFile({ filePath: path }).catch(() => undefined)
  },
}
