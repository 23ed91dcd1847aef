import type { PropsWithChildren } from 'react'
import { z } from 'zod'
import { setUpIcons } from './services/platform/icons'
import { setUpTitleBar } from './services/platform/titleBar'
import { initSession } from './services/session'
import './app.scss'

// WeChat forbids `new Function`, which zod 4 uses to compile fast parsers: parse without it. This runs
// before any parse (modules only define schemas when they load).
z.config({ jitless: true })

setUpIcons()
setUpTitleBar()

// Request layer (token + silent re-login) and the signed-in user's outbox.
initSession()

function App({ children }: PropsWithChildren) {
  // children are the pages
  return children
}

export default App
