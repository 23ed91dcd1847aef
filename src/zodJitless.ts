// zod's core only (its global config): the main package carries no schema and none of zod's schema code.
import { config } from 'zod/v4/core'

// WeChat forbids `new Function`, which zod 4 uses to compile fast parsers, and the H5 app's CSP refuses
// it too. A schema decides when it is built (as its module loads) and probes with `new Function` unless
// jitless is already set: app.tsx imports this module first, before any module that defines a schema.
config({ jitless: true })
