import Taro from '@tarojs/taro'
import type { PlatformLeaveGuard } from './types'

/** Taro promisifies these two (its typings say void): a refusal must not become an unhandled rejection. */
function quietly(result: unknown): void {
  if (result instanceof Promise) result.catch(() => undefined)
}

/**
 * wx.enableAlertBeforeUnload / disableAlertBeforeUnload (base library 2.12.0): the dialog belongs to the
 * page that was on top when it was enabled; a failure (an older base library) only loses the question.
 */
export const platformLeaveGuard: PlatformLeaveGuard = {
  enable(message) {
    quietly(Taro.enableAlertBeforeUnload({ message }))
  },
  disable() {
    quietly(Taro.disableAlertBeforeUnload())
  },
}
