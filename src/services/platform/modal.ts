import Taro from '@tarojs/taro'

/** The app's red (the theme's primary). */
export const CONFIRM_COLOR = '#b8232b'

/**
 * Taro.showModal with the app's red on its confirm button: left alone, H5 draws it in WeChat's green and
 * the mini-program in WeChat's blue. A call may still name its own colour.
 */
export function showModal(options: Taro.showModal.Option): Promise<Taro.showModal.SuccessCallbackResult> {
  return Taro.showModal({ confirmColor: CONFIRM_COLOR, ...options })
}
