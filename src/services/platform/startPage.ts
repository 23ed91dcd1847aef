import { HOME_PAGE } from '../navigation'

/** The tab pages: each sends a signed-out user to the login page as soon as it renders. */
const TAB_PAGES = new Set(['', '/', HOME_PAGE, '/pages/tasks/index', '/pages/mine/index'])
/** Set once the app has started in this browser tab; a reload finds it (sessionStorage lives per tab). */
const STARTED_IN_TAB = 'qinglian.startedInTab'

/**
 * H5, before the router starts: a signed-out visitor of a tab page (the bare address included) starts on
 * the login page itself, so the browser never downloads 首页 only to be sent away from it. A signed-in
 * user who opens a tab straight on a deeper page gets 首页 beneath it (see putHomeBeneath).
 */
export function startSignedOutOnLogin(signedIn: boolean, loginPage: string): void {
  const route = window.location.hash.replace(/^#/, '').split('?')[0]
  // Noted on every start, signed in or not: a reload after signing in is not a tab's first start.
  const first = firstStartInTab()
  if (!signedIn) {
    if (TAB_PAGES.has(route)) window.history.replaceState(window.history.state, '', `#${loginPage}`)
    return
  }
  if (first && !TAB_PAGES.has(route) && route !== loginPage) putHomeBeneath()
}

function firstStartInTab(): boolean {
  try {
    if (window.sessionStorage.getItem(STARTED_IN_TAB)) return false
    window.sessionStorage.setItem(STARTED_IN_TAB, '1')
    return true
  } catch {
    // Storage refused (a private mode): leave the history as the browser made it.
    return false
  }
}

/**
 * A tab opened on a deep page (a link in a message, a QR code, a bookmark) has nothing of the app behind
 * it: the browser's back left the app, to a blank page in a new tab. With 首页 beneath, back lands there,
 * as the title bar's 首页 button does. Not on a reload: the history the user made is kept.
 */
function putHomeBeneath(): void {
  const here = window.location.href
  window.history.replaceState(null, '', `#${HOME_PAGE}`)
  window.history.pushState(null, '', here)
}
