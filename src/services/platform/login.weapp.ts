import Taro from '@tarojs/taro'
import { loginWechat } from '@/services/api'
import type { PlatformLogin } from './types'

/** A fresh wx.login code: single use, valid 5 minutes, exchanged by the server (code2Session). */
export async function wechatLoginCode(): Promise<string> {
  const res = await Taro.login()
  if (!res.code) throw new Error(res.errMsg || '微信登录失败，请稍后重试')
  return res.code
}

/** Mini-program: wx.login → POST /api/v1/auth/wechat; the session_key never leaves the server. */
export const platformLogin: PlatformLogin = {
  kind: 'wechat',
  async silentLogin(previous) {
    if (previous.method !== 'wechat') return null
    return loginWechat(await wechatLoginCode())
  },
}
