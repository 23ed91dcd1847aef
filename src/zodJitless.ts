// WeChat forbids `new Function`, which zod 4 uses to compile fast parsers, and the H5 app's CSP refuses
// it too. A schema decides when it is built (as its module loads) and probes with `new Function` unless
// jitless is already set: app.tsx imports this module first, before any module that defines a schema.
//
// zod keeps its global config (what `config()` of zod/v4/core sets) on globalThis.__zod_globalConfig and
// creates that object only when absent (zod/v4/core/core.js). Setting it here, not through `config()`,
// keeps zod out of the app's entry altogether (its core and util, ~40 KB before minification, on H5);
// tests/unit/zodJitless.test.ts checks that zod still reads it.
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
holder.__zod_globalConfig = holder.__zod_globalConfig ?? {}
holder.__zod_globalConfig.jitless = true

export {}
