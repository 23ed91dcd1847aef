/**
 * Invite and administrator codes as links that WeChat's own scanner opens (扫普通链接二维码打开小程序):
 * the QR carries `<web base>/qr/join?code=…` (an invite) or `<web base>/qr/admin?code=…` (the 管理员码).
 * One rule in the mini-program admin (prefix `<web base>/qr/`) opens the page `packages/org/pages/join/index`
 * with `q` = the scanned URL; in a browser the server redirects the link to the H5 page of the same name.
 */
export const JOIN_LINK_PREFIX = '/qr/'
export type JoinLinkKind = 'invite' | 'admin'
const PATHS: Record<JoinLinkKind, string> = { invite: 'join', admin: 'admin' }

export interface JoinLink {
  kind: JoinLinkKind
  code: string
}

/** The link a QR carries for this code. */
export function joinLinkUrl(webBase: string, link: JoinLink): string {
  return `${webBase.replace(/\/+$/, '')}${JOIN_LINK_PREFIX}${PATHS[link.kind]}?code=${encodeURIComponent(link.code)}`
}

/** The old administrator QR text (`QLADMIN.<code>`), still read by the scanner. */
const LEGACY_ADMIN_PREFIX = 'QLADMIN.'

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * What a scanned text (or the page's `q` parameter) names: an invite or an administrator code, or null.
 * Any origin is accepted (the code itself is what the server checks); the path must be one of ours.
 */
export function parseJoinLink(raw: string | null | undefined): JoinLink | null {
  if (!raw) return null
  let text = raw.trim()
  if (/^https?%3A/i.test(text)) text = decodeOnce(text)
  if (text.toUpperCase().startsWith(LEGACY_ADMIN_PREFIX))
    return codeOf('admin', text.slice(LEGACY_ADMIN_PREFIX.length))
  const match = /^https?:\/\/[^/?#]+(?:\/[^?#]*)?\/qr\/(join|admin)\/?\?(.*)$/i.exec(text)
  if (!match) return null
  const params = match[2].split('&').map((p) => p.split('='))
  const code = params.find(([k]) => k === 'code')?.[1]
  return codeOf(match[1].toLowerCase() === 'join' ? 'invite' : 'admin', decodeOnce(code ?? ''))
}

function codeOf(kind: JoinLinkKind, code: string): JoinLink | null {
  const clean = code.trim().toUpperCase()
  const ok = kind === 'invite' ? /^[A-Z0-9]{8}$/ : /^[A-Z0-9]{4}-?[A-Z0-9]{4}-?[A-Z0-9]{4}$/
  return ok.test(clean) ? { kind, code: clean } : null
}

/**
 * The link a join page was opened with: `q` (WeChat's scanner hands the scanned URL, encoded) or
 * `kind` + `code` (from inside the app, or the server's redirect of a browser).
 */
export function joinLinkFromParams(params: { q?: string; kind?: string; code?: string }): JoinLink | null {
  if (params.q) return parseJoinLink(decodeOnce(params.q))
  if (!params.code) return null
  const kind: JoinLinkKind = params.kind === 'admin' ? 'admin' : 'invite'
  return codeOf(kind, decodeOnce(params.code))
}

/**
 * The toast once a join request is in: whom it went to and who decides. The office decides a department's
 * people and an enterprise's liaison (it has none yet, or is replacing it); the liaison everyone else.
 */
export function joinRequestMessage(result: {
  organisationKind?: string
  organisationName?: string
  role?: string
}): string {
  const where = result.organisationName ? `「${result.organisationName}」` : ''
  return `已申请加入${where}，等待${joinDecider(result)}审核`
}

/** Who decides a join request: the office for a department's people and a liaison, the liaison otherwise. */
export function joinDecider(invite: { organisationKind?: string; role?: string }): string {
  return invite.organisationKind === 'department' || invite.role === 'liaison' ? '领导小组办公室' : '联络员'
}
