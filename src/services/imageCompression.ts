/**
 * When and how much a photo is compressed on the device before upload: phone photos are 4–8 MB, and
 * evidence needs to be legible, not full size. Pure (no platform), shared by both media adapters.
 */

/** Photos up to this size go up as they are. */
export const COMPRESS_ABOVE_BYTES = 1.5 * 1024 * 1024
/** The longest side after compression: an A4 page photographed whole stays readable. */
export const MAX_EDGE_PX = 2560
/** When a first pass still leaves more than this, one more pass at a lower quality. */
export const TARGET_MAX_BYTES = 2 * 1024 * 1024

export interface CompressionPlan {
  /** JPEG quality 0–100 (wx.compressImage's scale; the canvas takes it /100). */
  quality: number
  /** The size to draw at (null when the picture's size is not known: keep it). */
  width: number | null
  height: number | null
}

/** Whether a picked photo of `size` bytes is compressed at all. */
export const needsCompression = (size: number): boolean => size > COMPRESS_ABOVE_BYTES

/**
 * The plan for a photo of `size` bytes (and its pixel size when known), or null to leave it alone: the
 * bigger the file, the lower the quality, and never more than MAX_EDGE_PX on its longest side.
 */
export function compressionPlan(
  size: number,
  dimensions?: { width: number; height: number },
): CompressionPlan | null {
  if (!needsCompression(size)) return null
  const mb = size / 1024 / 1024
  // The longest side does most of the work (a 12 MP photo keeps 40% of its pixels): the quality stays
  // high so that small print on a photographed page stays readable. Measured in Chromium on a 4.6 MB
  // 4032×3024 photo: 2560 px at 85 gives about 1.0 MB, at 70 about 0.6 MB.
  const quality = mb > 6 ? 80 : mb > 3 ? 85 : 88
  if (!dimensions || dimensions.width <= 0 || dimensions.height <= 0)
    return { quality, width: null, height: null }
  const scale = Math.min(1, MAX_EDGE_PX / Math.max(dimensions.width, dimensions.height))
  return {
    quality,
    width: Math.round(dimensions.width * scale),
    height: Math.round(dimensions.height * scale),
  }
}

/** The quality of a second pass when the first one still left more than TARGET_MAX_BYTES. */
export const secondPassQuality = (quality: number): number => Math.max(40, quality - 20)
