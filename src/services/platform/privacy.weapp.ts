import Taro from '@tarojs/taro'
import type { PlatformPrivacy } from './types'

type Resolve = (option: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void

let pendingResolve: Resolve | null = null
const showers = new Set<() => void>()
let installed = false

/**
 * wx.onNeedPrivacyAuthorization fires when a privacy API (getLocation, chooseMedia, scanCode …) runs
 * before the user agreed. We keep its resolve, ask the mounted consent UI to show itself, and resolve
 * with the id of the agree button the user tapped (the base library checks that button was tapped).
 */
function install(): void {
  if (installed) return
  installed = true
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return // base library < 2.32.3
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pendingResolve = resolve as Resolve
    if (showers.size === 0) {
      // No consent UI on this page: fail the call rather than leave it hanging.
      pendingResolve({ event: 'disagree' })
      pendingResolve = null
      void Taro.showToast({ title: '请先在登录页阅读并同意隐私保护指引', icon: 'none' })
      return
    }
    pendingResolve({ event: 'exposureAuthorization' })
    for (const show of [...showers]) show()
  })
}

export const platformPrivacy: PlatformPrivacy = {
  needsAuthorization() {
    install()
    return new Promise((resolve) => {
      if (typeof Taro.getPrivacySetting !== 'function') return resolve(false)
      Taro.getPrivacySetting({
        success: (res) => resolve(res.needAuthorization),
        fail: () => resolve(false),
      })
    })
  },
  openContract() {
    return new Promise((resolve) => {
      Taro.openPrivacyContract({ complete: () => resolve() })
    })
  },
  onRequest(show) {
    install()
    showers.add(show)
    return () => {
      showers.delete(show)
    }
  },
  agreed(buttonId) {
    pendingResolve?.({ event: 'agree', buttonId })
    pendingResolve = null
  },
  declined() {
    pendingResolve?.({ event: 'disagree' })
    pendingResolve = null
  },
}
