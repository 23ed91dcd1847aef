import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import {
  getSession,
  goToLogin,
  rememberPendingLink,
  subscribeSession,
  type Session,
} from '@/services/session'

/** The current session; re-renders on login, logout and profile changes. */
export function useSession(): Session | null {
  const [session, setSession] = useState<Session | null>(() => getSession())
  useEffect(() => {
    setSession(getSession())
    return subscribeSession(setSession)
  }, [])
  return session
}

/** This page as a link (path and its own parameters), for a subpackage page; null otherwise. */
function currentPageLink(): string | null {
  const router = Taro.getCurrentInstance().router
  if (!router?.path) return null
  const path = `/${router.path.split('?')[0].replace(/^\/+/, '')}`
  if (!path.startsWith('/packages/')) return null
  const query = Object.entries(router.params ?? {})
    .filter(([key, value]) => !key.startsWith('$') && key !== 'stamp' && typeof value === 'string')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value as string)}`)
    .join('&')
  return query ? `${path}?${query}` : path
}

/**
 * For pages that need a signed-in user: sends the user to the login page when there is no session
 * (now or after a sign-out). Render nothing while the session is null. A page opened signed out (a
 * scanned QR, a shared link: the counter-sign page of a 政商 pledge, say) is where login leads back to;
 * after a sign-out it is not.
 */
export function useRequireSession(): Session | null {
  const session = useSession()
  const openedSignedOut = useRef(getSession() === null)
  useEffect(() => {
    if (session) return
    if (openedSignedOut.current) {
      const link = currentPageLink()
      if (link) rememberPendingLink(link)
    }
    goToLogin()
  }, [session])
  return session
}
