import Taro from '@tarojs/taro'
import type { TaroStorageApi } from '@/services/storage'

/**
 * Taro's storage APIs handed to the platform-neutral services as plain objects.
 *
 * Written as member calls on purpose: on H5, Taro's babel plugin rewrites `Taro.getStorageSync(...)` into
 * a named import from @tarojs/taro-h5, while the default export itself (what `require('@tarojs/taro')`
 * returns) has none of these functions.
 */
export const taroStorageApi: TaroStorageApi = {
  getStorageSync: (key) => Taro.getStorageSync(key),
  setStorageSync: (key, data) => Taro.setStorageSync(key, data),
  removeStorageSync: (key) => Taro.removeStorageSync(key),
  getStorageInfoSync: () => Taro.getStorageInfoSync(),
}
