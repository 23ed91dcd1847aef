import Taro from '@tarojs/taro'
import type { PlatformDownload } from './types'

/** Mini-program: wx.downloadFile with the bearer token, then wx.openDocument (share / save from its menu). */
export const platformDownload: PlatformDownload = {
  async open(req) {
    const res = await Taro.downloadFile({ url: req.url, header: req.header })
    if (res.statusCode !== 200) return { status: res.statusCode }
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: req.fileType, showMenu: true })
    return { status: res.statusCode }
  },
}
