import Taro from '@tarojs/taro'
import type { PlatformScan } from './types'

/** wx.scanCode from the camera only: a forwarded screenshot of the QR cannot be picked from the album. */
export const platformScan: PlatformScan = {
  canScan: true,
  async scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      return res.result
    } catch (err) {
      const msg = (err as { errMsg?: unknown } | null)?.errMsg
      if (typeof msg === 'string' && /cancel/i.test(msg)) return null
      throw err
    }
  },
}
