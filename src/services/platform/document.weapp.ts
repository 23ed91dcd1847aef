import Taro from '@tarojs/taro'
import type { PickedFile, PlatformDocument } from './types'

/**
 * Mini-program: a file is picked from a WeChat chat (wx.chooseMessageFile, a privacy API). Taro 4.2 does
 * not promisify chooseMessageFile, so it is called with callbacks (a promise only on newer base libraries).
 */
export const platformDocument: PlatformDocument = {
  pick(extensions) {
    return new Promise<PickedFile | null>((resolve, reject) => {
      Taro.chooseMessageFile({
        count: 1,
        type: 'file',
        extension: extensions,
        success: (res) => {
          const file = res.tempFiles[0]
          resolve(file ? { path: file.path, size: file.size, name: file.name } : null)
        },
        fail: (err) => {
          if (/cancel/i.test(err.errMsg ?? '')) resolve(null)
          else reject(err)
        },
      })
    })
  },
  async openPdf(url) {
    // The link is signed: no token needed. wx.openDocument shows it, with 转发 / 保存 in its menu.
    const res = await Taro.downloadFile({ url })
    if (res.statusCode !== 200) throw new Error('文件已失效，请刷新页面后重试')
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true })
  },
}
