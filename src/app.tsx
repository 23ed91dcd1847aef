import type { PropsWithChildren } from 'react'
// First: schemas built by the modules below must see jitless (see zodJitless.ts).
import './zodJitless'
import { setUpIcons } from './services/platform/icons'
import { setUpTitleBar } from './services/platform/titleBar'
import { startSignedOutOnLogin } from './services/platform/startPage'
import { getSession, initSession, LOGIN_PAGE } from './services/session'
import './app.scss'

setUpIcons()
setUpTitleBar()

// Request layer (token + silent re-login) and the signed-in user's outbox.
initSession()
startSignedOutOnLogin(getSession() !== null, LOGIN_PAGE)

function App({ children }: PropsWithChildren) {
  // children are the pages
  return children
}

export default App
