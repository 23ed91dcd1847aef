import Taro from '@tarojs/taro'
import type { PlatformCertificate } from './types'

/**
 * Mini-program: no SVG rendering to hand to the album, so the verify link is copied; opened in a browser,
 * the public verify page shows the same record. The certificate page offers 转发 (share card) instead.
 */
export const platformCertificate: PlatformCertificate = {
  canShareCard: true,
  async export(req) {
    await Taro.setClipboardData({ data: req.verifyUrl })
    return { status: 200, result: 'link-copied' }
  },
}
