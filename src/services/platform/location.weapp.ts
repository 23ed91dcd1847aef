import Taro from '@tarojs/taro'
import type { PlatformLocation } from './types'

/**
 * wx.getLocation: a privacy API. It waits for the privacy guide consent (privacy.weapp.ts shows the
 * consent UI registered by the page) and for the userLocation scope; null when either is refused.
 */
export const platformLocation: PlatformLocation = {
  async locate() {
    try {
      const res = await Taro.getLocation({ type: 'wgs84' })
      return { lat: res.latitude, lng: res.longitude, accuracy: res.accuracy }
    } catch {
      return null
    }
  },
}
