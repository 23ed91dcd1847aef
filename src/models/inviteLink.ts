/**
 * The join URL an invite's QR carries: the app opens it at the join page with the code. `webBase` is
 * where the app's pages are served (TARO_APP_WEB_BASE in the app; the caller's origin for a printout).
 */
export function inviteLink(code: string, webBase = ''): string {
  return `${webBase.replace(/\/+$/, '')}/packages/org/pages/join/index?code=${encodeURIComponent(code)}`
}
