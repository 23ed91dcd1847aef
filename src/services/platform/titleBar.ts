import Taro from '@tarojs/taro'
import './titleBar.scss'

/** Pages with nowhere to go back or home to: the login page is where a signed-out user lands. */
const WITHOUT_BUTTONS = new Set(['/pages/login/index'])

/**
 * H5: Taro's own title bar (app.config window.navigationStyle 'default') shows the page's
 * navigationBarTitleText, a back button on sub-pages and 首页 on a page opened from a link; its look
 * is in titleBar.scss, loaded only here so the mini-program does not carry it.
 */
export function setUpTitleBar(): void {
  Taro.eventCenter.on('__afterTaroRouterChange', (change: { toLocation?: { path?: string } }) => {
    const bare = WITHOUT_BUTTONS.has(change.toLocation?.path ?? '')
    document.getElementById('taro-navigation-bar')?.classList.toggle('title-bar--bare', bare)
  })
}
