import Taro from '@tarojs/taro'
import type { PlatformDownload } from './types'

/** Mini-program: wx.downloadFile with the bearer token, then wx.openDocument (share / save from its menu). */
export const platformDownload: PlatformDownload = {
  async open(req) {
    const task = Taro.downloadFile({ url: req.url, header: req.header })
    // The headers arrive when the server has finished generating; then the bytes, with their progress.
    task.onHeadersReceived?.(() => req.onProgress?.({ received: 0, total: null }))
    task.onProgressUpdate?.((p) =>
      req.onProgress?.({ received: p.totalBytesWritten, total: p.totalBytesExpectedToWrite || null }),
    )
    const res = await task
    if (res.statusCode !== 200) return { status: res.statusCode }
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: req.fileType, showMenu: true })
    return { status: res.statusCode }
  },
}
