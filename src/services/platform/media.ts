import Taro from '@tarojs/taro'
import { toApiError } from '@/services/request'
import {
  compressionPlan,
  needsCompression,
  secondPassQuality,
  TARGET_MAX_BYTES,
} from '@/services/imageCompression'
import type { PickedFile, PlatformMedia } from './types'

function cancelled(err: unknown): boolean {
  const msg = (err as { errMsg?: unknown } | null)?.errMsg
  return typeof msg === 'string' && /cancel|abort/i.test(msg)
}

/** The picked file's name with the extension of what it has become. */
const asJpegName = (name: string | undefined) => (name ? name.replace(/(\.[^./]*)?$/, '.jpg') : undefined)

/**
 * Draws the photo on a canvas at the plan's size (white under any transparency) and encodes it as
 * JPEG; a second, lower quality when the first still leaves more than TARGET_MAX_BYTES. The original
 * when it cannot be decoded here (HEIC …) or nothing was gained.
 */
async function reencode(file: PickedFile): Promise<PickedFile> {
  const bitmap = await createImageBitmap(await (await fetch(file.path)).blob())
  const plan = compressionPlan(file.size, { width: bitmap.width, height: bitmap.height })
  if (!plan) return file
  const canvas = document.createElement('canvas')
  canvas.width = plan.width ?? bitmap.width
  canvas.height = plan.height ?? bitmap.height
  const ctx = canvas.getContext('2d')
  if (!ctx) return file
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  const encode = (quality: number) =>
    new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality / 100))
  let out = await encode(plan.quality)
  if (out && out.size > TARGET_MAX_BYTES) out = (await encode(secondPassQuality(plan.quality))) ?? out
  if (!out || out.size >= file.size) return file
  const name = asJpegName(file.name)
  return { path: URL.createObjectURL(out), size: out.size, ...(name ? { name } : {}) }
}

/**
 * H5: Taro's chooseMedia opens a file input (the phone offers camera or album itself) and hands back
 * blob: URLs, which Taro.uploadFile reads back into the multipart body; the original file name is kept.
 */
export const platformMedia: PlatformMedia = {
  async chooseImages(count) {
    try {
      const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'] })
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
  async compress(file) {
    if (!needsCompression(file.size)) return file
    try {
      return await reencode(file)
    } catch {
      return file
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
      const res = await Taro.uploadFile({
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
