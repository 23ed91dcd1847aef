import { useEffect, useState } from 'react'
import { getSession, goToLogin, subscribeSession, type Session } from '@/services/session'

/** The current session; re-renders on login, logout and profile changes. */
export function useSession(): Session | null {
  const [session, setSession] = useState<Session | null>(() => getSession())
  useEffect(() => {
    setSession(getSession())
    return subscribeSession(setSession)
  }, [])
  return session
}

/**
 * For pages that need a signed-in user: sends the user to the login page when there is no session
 * (now or after a sign-out). Render nothing while the session is null.
 */
export function useRequireSession(): Session | null {
  const session = useSession()
  useEffect(() => {
    if (!session) goToLogin()
  }, [session])
  return session
}
