/**
 * The event sign-in QR as a link WeChat's own scanner opens (扫普通链接二维码打开小程序): the code carries
 * `<web base>/s?c=QL1.…`. In WeChat a rule with the prefix `<web base>/s?c=` opens the sign-in page with
 * `q` = the scanned URL; a browser reaches the server, which sends it to the H5 sign-in page. The in-app
 * scanner reads both the link and the bare `QL1.…` payload (codes printed before the link existed).
 */
export const SIGN_IN_LINK_PATH = '/s'

const PAYLOAD = /^QL1\.[0-9A-Za-z._-]+$/

export function signInLinkUrl(webBase: string, payload: string): string {
  return `${webBase.replace(/\/+$/, '')}${SIGN_IN_LINK_PATH}?c=${encodeURIComponent(payload)}`
}

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The sign-in payload a scanned text (or the page's `q` / `c` parameter) carries, or null. */
export function signInPayload(raw: string | null | undefined): string | null {
  if (!raw) return null
  let text = raw.trim()
  if (/^https?%3A/i.test(text)) text = decodeOnce(text)
  if (PAYLOAD.test(text)) return text
  const match = /^https?:\/\/[^/?#]+(?:\/[^?#]*)?\/s\/?\?(.*)$/i.exec(text)
  if (!match) return null
  const c = match[1]
    .split('&')
    .map((p) => p.split('='))
    .find(([k]) => k === 'c')?.[1]
  const payload = c === undefined ? '' : decodeOnce(c)
  return PAYLOAD.test(payload) ? payload : null
}

/** The payload a sign-in page was opened with: `q` (WeChat's scanner) or `c` (the server's redirect). */
export function signInPayloadFromParams(params: { q?: string; c?: string }): string | null {
  if (params.q) return signInPayload(decodeOnce(params.q))
  return params.c ? signInPayload(decodeOnce(params.c)) : null
}
