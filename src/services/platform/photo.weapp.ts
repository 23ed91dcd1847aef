import Taro from '@tarojs/taro'
import {
  compressionPlan,
  needsCompression,
  secondPassQuality,
  TARGET_MAX_BYTES,
  type CompressionPlan,
} from '@/services/imageCompression'
import type { PickedFile, PlatformPhoto } from './types'

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().getFileInfo({
      filePath,
      success: (res) => resolve(res.size),
      fail: reject,
    })
  })
}

/** wx.compressImage at `quality`, to the plan's width where the size is known (base library 2.26.0). */
async function compressTo(src: string, plan: CompressionPlan, quality: number): Promise<PickedFile> {
  const res = await Taro.compressImage({
    src,
    quality,
    ...(plan.width ? { compressedWidth: plan.width } : {}),
  })
  return { path: res.tempFilePath, size: await fileSize(res.tempFilePath) }
}

/** Mini-program: wx.compressImage, at the width the plan gives where wx.getImageInfo knows the size. */
export const platformPhoto: PlatformPhoto = {
  async compress(file) {
    if (!needsCompression(file.size)) return file
    try {
      const info = await Taro.getImageInfo({ src: file.path }).catch(() => null)
      const plan = compressionPlan(file.size, info ? { width: info.width, height: info.height } : undefined)
      if (!plan) return file
      let out = await compressTo(file.path, plan, plan.quality)
      if (out.size > TARGET_MAX_BYTES)
        out = await compressTo(file.path, plan, secondPassQuality(plan.quality))
      return out.size < file.size ? out : file
    } catch {
      // Not decodable here, or storage full: the original goes up (the server still checks its size).
      return file
    }
  },
}
