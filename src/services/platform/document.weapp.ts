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
}
