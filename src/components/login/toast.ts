import Taro from '@tarojs/taro'

/**
 * The login page's only toast, for a failed demo login. Imported on failure (`import('./toast')`) so that
 * Taro's toast and its stylesheet stay out of the login page's first download (issue 15: H5 first text).
 */
export function showLoginFailure(message: string) {
  void Taro.showToast({ title: message, icon: 'none' })
}
