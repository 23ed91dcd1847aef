// Stands in for @tarojs/router/dist/tabbar.js (see lazyTabBar in ../h5Delivery.ts): the same tab bar, but
// its Stencil web component, and @stencil/core with it (~30 KB minified), loads in its own chunk instead of
// inside the entry. Started on a tab page, it is fetched and built at once, as before. Started elsewhere
// (the login page, a deep link), its chunk is fetched once the page has loaded and the browser is idle, so
// it never competes with the first page's own chunks, and the bar is built on the first tab page the
// visitor reaches. The body is Taro 4.2.1's own, run once that chunk is in.
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

const withSlash = (p) => (p.charAt(0) === '/' ? p : `/${p}`)

/** Once the page's load event has fired and the browser is idle (or after 3 s of no idleness). */
function whenIdle(run) {
  const idle = () =>
    typeof window.requestIdleCallback === 'function'
      ? window.requestIdleCallback(run, { timeout: 3000 })
      : setTimeout(run, 200)
  if (document.readyState === 'complete') idle()
  else window.addEventListener('load', idle, { once: true })
}

export function initTabbar(config, history) {
  if (config.tabBar == null || config.tabBar.custom) return
  initTabBarApis(config)
  const homePage = config.entryPagePath || (config.pages ? config.pages[0] : '')
  const tabPages = new Set(config.tabBar.list.map((item) => withSlash(item.pagePath)))
  const isTabPage = (route) =>
    tabPages.has(route === '/' || route === '' ? withSlash(homePage) : withSlash(route))
  const early = []
  const keep = BAR_EVENTS.map((name) => {
    const record = (options) => early.push([name, options])
    Taro.eventCenter.on(name, record)
    return [name, record]
  })
  const load = () =>
    import(/* webpackChunkName: "taro-tabbar" */ '@tarojs/components/dist/components/taro-tabbar.js')
  let built = false
  const build = () => {
    if (built) return
    built = true
    Taro.eventCenter.off('__taroRouterChange', onRouteChange)
    load().then(({ defineCustomElement }) => {
      defineCustomElement()
      const tabbar = document.createElement('taro-tabbar')
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
    })
  }
  // The router's own event, sent on every page change (the path without its query).
  function onRouteChange(options) {
    const to = options && options.toLocation && options.toLocation.path
    if (isTabPage(typeof to === 'string' ? to.split('?')[0] : history.location.pathname)) build()
  }
  if (isTabPage(history.location.pathname)) build()
  else {
    Taro.eventCenter.on('__taroRouterChange', onRouteChange)
    whenIdle(() => void load())
  }
}
