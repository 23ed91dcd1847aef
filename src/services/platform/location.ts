import Taro from '@tarojs/taro'
import type { PlatformLocation } from './types'

/** H5: the browser's geolocation (through Taro); null when refused or unavailable. */
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
