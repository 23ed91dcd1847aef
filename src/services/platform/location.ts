import Taro from '@tarojs/taro'
import type { PlatformLocation } from './types'

/**
 * The device's position through Taro, one file for both platforms; null when refused or unavailable. H5: the
 * browser's geolocation. Mini-program: wx.getLocation, a privacy API — it waits for the privacy guide consent
 * (privacy.weapp.ts shows the consent UI registered by the page) and for the userLocation scope.
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
