import {
  compressionPlan,
  needsCompression,
  secondPassQuality,
  TARGET_MAX_BYTES,
} from '@/services/imageCompression'
import type { PickedFile, PlatformPhoto } from './types'

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

/** H5: a canvas re-encode to JPEG in the browser. */
export const platformPhoto: PlatformPhoto = {
  async compress(file) {
    if (!needsCompression(file.size)) return file
    try {
      return await reencode(file)
    } catch {
      return file
    }
  },
}
