/** The tab pages: each sends a signed-out user to the login page as soon as it renders. */
const TAB_PAGES = new Set(['', '/', '/pages/home/index', '/pages/tasks/index', '/pages/mine/index'])

/**
 * H5, before the router starts: a signed-out visitor of a tab page (the bare address included) starts on
 * the login page itself, so the browser never downloads 首页 only to be sent away from it.
 */
export function startSignedOutOnLogin(signedIn: boolean, loginPage: string): void {
  if (signedIn) return
  const route = window.location.hash.replace(/^#/, '').split('?')[0]
  if (TAB_PAGES.has(route)) window.history.replaceState(window.history.state, '', `#${loginPage}`)
}
