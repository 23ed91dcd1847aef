import { loginDemo } from '@/services/api'
import { demoMode } from './env'
import type { PlatformLogin } from './types'

/**
 * H5: there is no wx.login in a browser. In demo mode the login page lists the server's demo users;
 * a 401 is answered by logging the same demo user in again.
 */
export const platformLogin: PlatformLogin = {
  kind: demoMode ? 'demo' : 'unavailable',
  async silentLogin(previous) {
    if (previous.method !== 'demo' || !previous.openid) return null
    return loginDemo(previous.openid)
  },
}
