import Taro from '@tarojs/taro'
import type { TaroRequestApi } from '@/services/request'

/** The mini-program: wx.request through Taro (H5 uses the browser's fetch: http.ts). */
export const platformRequestApi: TaroRequestApi = {
  request: (option) =>
    Taro.request({
      url: option.url,
      method: option.method as keyof Taro.request.Method,
      header: option.header,
      data: option.data as Taro.request.Option['data'],
      timeout: option.timeout,
      dataType: option.dataType,
    }).then((res) => ({
      statusCode: res.statusCode,
      data: res.data as unknown,
      header: res.header as Record<string, string>,
    })),
}
