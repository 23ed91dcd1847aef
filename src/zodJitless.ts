import { z } from 'zod'

// WeChat forbids `new Function`, which zod 4 uses to compile fast parsers, and the H5 app's CSP refuses
// it too. A schema decides when it is built (as its module loads) and probes with `new Function` unless
// jitless is already set: app.tsx imports this module first, before any module that defines a schema.
z.config({ jitless: true })
