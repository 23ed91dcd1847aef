import type { PropsWithChildren } from 'react'
// First: schemas built by the modules below must see jitless (see zodJitless.ts).
import './zodJitless'
import { setUpIcons } from './services/platform/icons'
import { setUpTitleBar } from './services/platform/titleBar'
import { initSession } from './services/session'
import './app.scss'

setUpIcons()
setUpTitleBar()

// Request layer (token + silent re-login) and the signed-in user's outbox.
initSession()

function App({ children }: PropsWithChildren) {
  // children are the pages
  return children
}

export default App
