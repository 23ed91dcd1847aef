import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet'

const sha256Source = (text: string) =>
  `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`

/**
 * Taro's H5 tab bar items are `<a href="javascript:;">` (its runtime's markup, not ours): a tap runs that
 * URL, which a CSP without 'unsafe-hashes' reports as a violation. Only this exact URL is allowed.
 */
const TAB_BAR_HREF = sha256Source('javascript:;')

/**
 * The hashes of the inline scripts of the H5 build's index.html (Taro's rem script), so the CSP lets
 * exactly them run and no other inline script. Read once at start: a new build needs a restart anyway.
 */
export function inlineScriptHashes(h5Root: string): string[] {
  const index = path.join(h5Root, 'index.html')
  if (!fs.existsSync(index)) return []
  const html = fs.readFileSync(index, 'utf8')
  return Array.from(html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g), ([, body]) =>
    sha256Source(body),
  )
}

/**
 * Security headers on every answer (API, H5 app, evidence files): a CSP that allows only this origin's
 * scripts (plus the build's own inline script by hash), no framing by anyone, `nosniff`, no referrer.
 * Styles may be inline: Taro's and NutUI's components set them at run time. Images may be data: or blob:
 * URLs (QR codes, signatures, photo previews). No upgrade-insecure-requests: a demo may run on plain http.
 */
export async function registerSecurityHeaders(app: FastifyInstance, h5Root: string): Promise<void> {
  const headers = Object.entries(await helmetHeaders(helmetOptions(h5Root)))
  // Set as @fastify/helmet sets them (on the raw response, at onRequest), computed once: the plugin builds
  // and parses its whole configuration again on every request (issue 15: ~3% of a sign-in's CPU).
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value)
    done()
  })
}

function helmetOptions(h5Root: string): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-hashes'", TAB_BAR_HREF, ...inlineScriptHashes(h5Root)],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // Taro's H5 uploadFile reads the chosen file back from its blob: URL with fetch.
        connectSrc: ["'self'", 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The H5 app may be opened over http on a county's intranet; HSTS belongs to the TLS proxy in front.
    strictTransportSecurity: false,
  }
}

/**
 * The headers @fastify/helmet adds with these options (they depend on nothing of the request): those of
 * an answer from a throwaway server with the plugin that one without it does not have.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const answer = async (withHelmet: boolean) => {
    const probe = Fastify()
    if (withHelmet) await probe.register(fastifyHelmet, options)
    probe.get('/', async () => 'ok')
    try {
      return (await probe.inject({ method: 'GET', url: '/' })).headers
    } finally {
      await probe.close()
    }
  }
  const [plain, helmeted] = [await answer(false), await answer(true)]
  const added: Record<string, string> = {}
  for (const [name, value] of Object.entries(helmeted)) {
    if (name in plain || value === undefined) continue
    added[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  if (!added['content-security-policy']) throw new Error('security headers: helmet set no CSP')
  return added
}
