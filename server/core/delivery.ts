import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyCompress from '@fastify/compress'
import fastifyStatic from '@fastify/static'

/**
 * `precompressed` (default): the H5 files as the build compressed them (.br/.gz beside each), API answers
 * compressed per request. `dynamic`: everything compressed per request (the bench compares CPU).
 * `plain`: nothing compressed and nothing cached for long, as before (the bench's baseline).
 */
export type DeliveryMode = 'precompressed' | 'dynamic' | 'plain'

/**
 * What is worth compressing: text, JSON, XML, JavaScript, SVG. Images, PDFs, xlsx/docx (zip files) and
 * octet-stream downloads are compressed already or unknown: they go out as they are, still streamed.
 */
const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)|application\/(?:json|javascript|xml)\b|[^;]*\+(?:json|xml)\b|image\/svg\+xml)/

/** Build output named by content (`js/app.7833551a.js`, also its .br/.gz): it never changes under its name. */
const CONTENT_HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+(?:\.(?:br|gz))?$/

export const IMMUTABLE = 'public, max-age=31536000, immutable'

/** br or gzip by Accept-Encoding for every answer of a compressible type; registered before any route. */
export async function registerCompression(app: FastifyInstance, mode: DeliveryMode): Promise<void> {
  if (mode === 'plain') return
  // Request bodies are read as sent: a gzip body would be a way round the body limits for nothing.
  app.addHook('onRoute', (route) => {
    route.decompress ??= false
  })
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    // Quality 4 (the plugin's default for br): per answer, level 11 costs far more CPU than it saves bytes.
    threshold: 1024,
  })
}

/**
 * `Link: <…>; rel=preload; as=script` for the scripts index.html names (the entry's): the browser starts
 * fetching them on the answer's headers, before it has parsed the page. Read again when index.html
 * changes (a new build under a running server).
 */
function entryPreloads(root: string): () => string | undefined {
  const file = path.join(root, 'index.html')
  let read: { mtimeMs: number; link: string | undefined } | undefined
  return () => {
    let mtimeMs: number
    try {
      mtimeMs = fs.statSync(file).mtimeMs
    } catch {
      return undefined
    }
    if (read?.mtimeMs !== mtimeMs) {
      const html = fs.readFileSync(file, 'utf8')
      // Same-origin scripts only (a path from the root, not `//host/…`).
      const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="(\/(?!\/)[^"]+\.js)"/g)].map((m) => m[1])
      const link = scripts.map((src) => `<${src}>; rel=preload; as=script`).join(', ')
      read = { mtimeMs, link: link || undefined }
    }
    return read.link
  }
}

/**
 * The H5 build, from the same origin as the API. Hashed files are cached for a year without revalidation;
 * index.html and anything else unhashed is revalidated on every load (ETag), so a new build shows at once;
 * index.html's answer names its entry scripts for preloading (a `Link` header).
 */
export async function serveH5(app: FastifyInstance, root: string, mode: DeliveryMode): Promise<void> {
  if (!fs.existsSync(path.join(root, 'index.html'))) return
  const preloads = entryPreloads(root)
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    preCompressed: mode === 'precompressed',
    // `plain` keeps @fastify/static's own `public, max-age=0`.
    cacheControl: mode === 'plain',
    setHeaders:
      mode === 'plain'
        ? undefined
        : (res, file) => {
            res.setHeader('cache-control', CONTENT_HASHED.test(file) ? IMMUTABLE : 'no-cache')
            // The same URL answers br, gzip or plain: a shared cache must key on Accept-Encoding.
            res.setHeader('vary', 'accept-encoding')
            if (path.relative(root, file).replace(/\.(?:br|gz)$/, '') === 'index.html') {
              const link = preloads()
              if (link) res.setHeader('link', link)
            }
          },
  })
}
