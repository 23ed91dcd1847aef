import Taro from '@tarojs/taro'
import type { TaroRequestApi } from '@/services/request'
import type { TaroStorageApi } from '@/services/storage'

/**
 * Taro's APIs handed to the platform-neutral services as plain objects.
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

export const taroRequestApi: TaroRequestApi = {
  request: (option) =>
    Taro.request({
      url: option.url,
      method: option.method as keyof Taro.request.Method,
      header: option.header,
      data: option.data as Taro.request.Option['data'],
      timeout: option.timeout,
      dataType: option.dataType,
    }).then((res) => ({ statusCode: res.statusCode, data: res.data as unknown })),
}
