// Stands in for @tarojs/router/dist/tabbar.js (see lazyTabBar in ../h5Delivery.ts): the same tab bar, but
// its Stencil web component, and @stencil/core with it (~30 KB minified), loads in its own chunk beside
// the first page instead of inside the entry. The body is Taro 4.2.1's own, run once that chunk is in.
import Taro, { initTabBarApis } from '@tarojs/taro'

/** The Taro APIs that talk to the bar by event: sent before it listens, they are kept and sent again. */
const BAR_EVENTS = [
  '__taroSetTabBarBadge',
  '__taroRemoveTabBarBadge',
  '__taroShowTabBarRedDotHandler',
  '__taroHideTabBarRedDotHandler',
  '__taroShowTabBar',
  '__taroHideTabBar',
  '__taroSetTabBarStyle',
  '__taroSetTabBarItem',
]

export function initTabbar(config, history) {
  if (config.tabBar == null || config.tabBar.custom) return
  initTabBarApis(config)
  const early = []
  const keep = BAR_EVENTS.map((name) => {
    const record = (options) => early.push([name, options])
    Taro.eventCenter.on(name, record)
    return [name, record]
  })
  import(/* webpackChunkName: "taro-tabbar" */ '@tarojs/components/dist/components/taro-tabbar.js').then(
    ({ defineCustomElement }) => {
      defineCustomElement()
      const tabbar = document.createElement('taro-tabbar')
      const homePage = config.entryPagePath || (config.pages ? config.pages[0] : '')
      tabbar.conf = config.tabBar
      // Read when the bar is made: the visitor may have moved on while its chunk loaded.
      tabbar.conf.homePage = history.location.pathname === '/' ? homePage : history.location.pathname
      const routerConfig = config.router
      tabbar.conf.mode = routerConfig && routerConfig.mode ? routerConfig.mode : 'hash'
      if (routerConfig.customRoutes) {
        tabbar.conf.custom = true
        tabbar.conf.customRoutes = routerConfig.customRoutes
      } else {
        tabbar.conf.custom = false
        tabbar.conf.customRoutes = {}
      }
      if (typeof routerConfig.basename !== 'undefined') tabbar.conf.basename = routerConfig.basename
      // The bar subscribes in componentDidLoad, in the same task as its first render: once that render
      // shows in the DOM, it listens, and the calls made before are sent again (their promises settle).
      const rendered = new MutationObserver(() => {
        rendered.disconnect()
        keep.forEach(([name, record]) => Taro.eventCenter.off(name, record))
        early.forEach(([name, options]) => Taro.eventCenter.trigger(name, options))
      })
      rendered.observe(tabbar, { childList: true, subtree: true })
      const container = document.getElementById('container')
      if (container) container.appendChild(tabbar)
    },
  )
}
