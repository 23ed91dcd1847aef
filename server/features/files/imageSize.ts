/**
 * Pixel size of a stored PNG or JPEG from its header, so that a document can embed it at the page's width
 * with its own aspect ratio (no image library: the two formats uploads are stored in besides WebP and PDF).
 * Null for anything else or a header that does not parse.
 */
export interface ImageInfo {
  type: 'png' | 'jpg'
  width: number
  height: number
}

export function imageInfo(bytes: Buffer): ImageInfo | null {
  if (
    bytes.length > 24 &&
    bytes.readUInt32BE(0) === 0x89504e47 &&
    bytes.toString('latin1', 12, 16) === 'IHDR'
  )
    return positive({ type: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) })
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegInfo(bytes)
  return null
}

const positive = (info: ImageInfo): ImageInfo | null => (info.width > 0 && info.height > 0 ? info : null)

/** The frame size from the first SOF marker (SOF0-SOF15 but DHT, JPG and DAC). */
function jpegInfo(bytes: Buffer): ImageInfo | null {
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null
    const marker = bytes[at + 1]
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      at += 1
      continue
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2
      continue
    }
    const length = bytes.readUInt16BE(at + 2)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return positive({ type: 'jpg', height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) })
    if (marker === 0xda || length < 2) return null
    at += 2 + length
  }
  return null
}

/** Width × height scaled to the page: `maxWidth` wide unless that makes it taller than `maxHeight`; aspect ratio kept. */
export function fitWithin(
  size: { width: number; height: number },
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number } {
  const scale = Math.min(maxWidth / size.width, maxHeight / size.height)
  return { width: Math.round(size.width * scale), height: Math.round(size.height * scale) }
}
