/**
 * H5: the page's location in the address bar (the hash route), changed in place. The history entry is
 * replaced, never added, so a reload opens the page as `url` says and the back button still leads
 * where it did. Taro's router is not told: the page shown stays the same instance (replaceState fires
 * no popstate or hashchange), and the browser's state object (the router's index) is kept.
 *
 * Nothing happens unless the address shows `url`'s page (the user may have moved on meanwhile), or
 * when the browser refuses (Safari limits how often a page may replace its address).
 */
export function replacePageAddress(url: string): void {
  if (typeof window === 'undefined' || !window.location || !window.history) return
  const route = url.split('?')[0]
  const shown = window.location.hash.replace(/^#/, '')
  if (shown.split('?')[0] !== route || shown === url) return
  try {
    window.history.replaceState(window.history.state, '', `#${url}`)
  } catch {
    // Refused: a reload opens the page with its former query (the item page also remembers its place).
  }
}
