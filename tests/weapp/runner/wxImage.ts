/**
 * wx.getImageInfo and wx.compressImage over the device's files, on WeChat's documented contract:
 * - getImageInfo({ src }): width / height / type / orientation of a PNG or JPEG; fails on anything else;
 * - compressImage({ src, quality = 80, compressedWidth?, compressedHeight? }) (quality 0–100; the
 *   size in px, the other side kept in proportion, base library 2.26.0): a new temporary file.
 *   The runner has no JPEG codec: a PNG is really resized (nearest pixel) and written as PNG again, a
 *   JPEG keeps its bytes; the calls are recorded in `device.compressions` for the tests.
 */
import { PNG } from 'pngjs'
import type { Answer, Callbacks, Device } from './wx'

interface ImageInfo {
  width: number
  height: number
  type: 'png' | 'jpeg'
}

function pngInfo(b: Buffer): ImageInfo | null {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return null
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), type: 'png' }
}

/** A JPEG's size from its first SOFn segment. */
function jpegInfo(b: Buffer): ImageInfo | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null
  for (let i = 2; i + 9 < b.length;) {
    if (b[i] !== 0xff) return null
    const marker = b[i + 1]
    const length = b.readUInt16BE(i + 2)
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7), type: 'jpeg' }
    i += 2 + length
  }
  return null
}

export const imageInfo = (bytes: Buffer): ImageInfo | null => pngInfo(bytes) ?? jpegInfo(bytes)

function resizePng(bytes: Buffer, width: number, height: number): Buffer {
  const source = PNG.sync.read(bytes)
  const out = new PNG({ width, height })
  for (let y = 0; y < height; y++) {
    const sy = Math.min(source.height - 1, Math.floor((y * source.height) / height))
    for (let x = 0; x < width; x++) {
      const sx = Math.min(source.width - 1, Math.floor((x * source.width) / width))
      source.data.copy(
        out.data,
        (y * width + x) * 4,
        (sy * source.width + sx) * 4,
        (sy * source.width + sx) * 4 + 4,
      )
    }
  }
  // Fast settings: the model cares about size in pixels, not about the smallest file.
  return PNG.sync.write(out, { deflateLevel: 1, filterType: 0 })
}

export interface Compression {
  src: string
  quality: number
  compressedWidth?: number
  compressedHeight?: number
  inBytes: number
  outBytes: number
}

export function imageApis(device: Device, answer: Answer) {
  return {
    getImageInfo(options: Callbacks & { src: string }) {
      const bytes = device.files.get(options.src)
      if (!bytes) return answer(options, 'getImageInfo', 'file not found', true)
      const info = imageInfo(bytes)
      if (!info) return answer(options, 'getImageInfo', 'invalid image', true)
      answer(options, 'getImageInfo', { ...info, path: options.src, orientation: 'up' })
    },
    compressImage(
      options: Callbacks & {
        src: string
        quality?: number
        compressedWidth?: number
        compressedHeight?: number
      },
    ) {
      const bytes = device.files.get(options.src)
      if (!bytes) return answer(options, 'compressImage', 'file not found', true)
      const quality = options.quality ?? 80
      if (typeof quality !== 'number' || quality < 0 || quality > 100)
        return answer(options, 'compressImage', 'quality should be between 0 and 100', true)
      const info = imageInfo(bytes)
      if (!info) return answer(options, 'compressImage', 'invalid image', true)
      const { compressedWidth: w, compressedHeight: h } = options
      const width = w ?? (h ? Math.round((info.width * h) / info.height) : info.width)
      const height = h ?? Math.round((info.height * width) / info.width)
      const out = info.type === 'png' ? resizePng(bytes, width, height) : bytes
      device.compressions.push({
        src: options.src,
        quality,
        ...(w ? { compressedWidth: w } : {}),
        ...(h ? { compressedHeight: h } : {}),
        inBytes: bytes.length,
        outBytes: out.length,
      })
      answer(options, 'compressImage', {
        tempFilePath: device.newFile(out, info.type === 'png' ? 'png' : 'jpg'),
      })
    },
  }
}
