import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { createTestApp, TEST_DB, call, loginAs, type TestApp } from './support/testApp'

const SCRIPT = `console.log(${JSON.stringify('清廉企业 '.repeat(400))})`
const HASHED = 'js/app.1a2b3c4d.js'
const VENDORS = 'js/957.5e6f7a8b.js'

/** A miniature H5 build: index.html, a hashed script with its .br/.gz (as the build writes them), a PNG. */
function writeH5(dir: string): void {
  fs.mkdirSync(path.join(dir, 'js'))
  fs.mkdirSync(path.join(dir, 'static'))
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><script defer="defer" src="/${VENDORS}"></script>` +
      `<script defer="defer" src="/${HASHED}"></script><script src="//cdn.example/x.js"></script></head>` +
      `<body>${'<p>清廉</p>'.repeat(300)}</body></html>`,
  )
  fs.writeFileSync(path.join(dir, HASHED), SCRIPT)
  fs.writeFileSync(path.join(dir, `${HASHED}.br`), zlib.brotliCompressSync(SCRIPT))
  fs.writeFileSync(path.join(dir, `${HASHED}.gz`), zlib.gzipSync(SCRIPT))
  fs.writeFileSync(path.join(dir, 'static/logo.png'), Buffer.alloc(4096, 7))
}

const decode = (encoding: unknown, body: Buffer) =>
  encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body

describe(`compressed and cached delivery [${TEST_DB}]`, () => {
  let t: TestApp
  let h5: string

  beforeAll(async () => {
    h5 = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-h5-'))
    writeH5(h5)
    t = await createTestApp({ H5_DIST: h5 })
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(h5, { recursive: true, force: true })
  })

  it('compresses JSON answers with br or gzip when asked, and not when not', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    for (const [asked, expected] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/docs/json',
        headers: { 'accept-encoding': asked },
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-encoding']).toBe(expected)
      expect(res.headers.vary).toMatch(/accept-encoding/i)
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
      expect(JSON.parse(decode(expected, res.rawPayload).toString('utf8'))).toEqual(plain.json())
    }
  })

  it('sends a workbook download as it is, streamed, with its Content-Disposition', async () => {
    const office = await loginAs(t.app, 'demo-office')
    const res = await call(t.app, office, {
      method: 'GET',
      url: '/api/v1/audit-log.xlsx',
      headers: { 'accept-encoding': 'br, gzip' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=/)
    // An xlsx is a zip file: it starts with PK.
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK')
  })

  it('serves content-hashed files precompressed and immutable for a year', async () => {
    for (const [asked, expected] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      ['', undefined],
    ] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/${HASHED}`,
        headers: { 'accept-encoding': asked },
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(res.headers['content-type']).toMatch(/javascript/)
      expect(res.headers['content-encoding']).toBe(expected)
      expect(res.headers.vary).toMatch(/accept-encoding/i)
      expect(decode(expected, res.rawPayload).toString('utf8')).toBe(SCRIPT)
    }
  })

  it('has index.html revalidated on every load, and leaves images uncompressed', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } })
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.headers.etag).toBeTruthy()
      const again = await t.app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': 'br, gzip', 'if-none-match': String(res.headers.etag) },
      })
      expect(again.statusCode).toBe(304)
    }
    const png = await t.app.inject({
      method: 'GET',
      url: '/static/logo.png',
      headers: { 'accept-encoding': 'br' },
    })
    expect(png.headers['content-type']).toBe('image/png')
    expect(png.headers['content-encoding']).toBeUndefined()
    expect(png.headers['cache-control']).toBe('no-cache')
    expect(png.rawPayload.length).toBe(4096)
  })

  it("names index.html's own entry scripts for preloading (Link), and nothing else does", async () => {
    for (const url of ['/', '/index.html']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } })
      expect(res.headers.link).toBe(
        `</${VENDORS}>; rel=preload; as=script, </${HASHED}>; rel=preload; as=script`,
      )
    }
    const script = await t.app.inject({ method: 'GET', url: `/${HASHED}` })
    expect(script.headers.link).toBeUndefined()
  })

  it('does not inflate gzip request bodies (body limits apply to what was sent)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: zlib.gzipSync(JSON.stringify({ openid: 'demo-office' })),
    })
    expect(res.statusCode).toBe(400)
  })
})

describe(`HTTP_DELIVERY=plain, the bench's baseline [${TEST_DB}]`, () => {
  it('compresses nothing and caches nothing for long', async () => {
    const h5 = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-h5-'))
    writeH5(h5)
    const t = await createTestApp({ H5_DIST: h5, HTTP_DELIVERY: 'plain' })
    try {
      const json = await t.app.inject({
        method: 'GET',
        url: '/api/docs/json',
        headers: { 'accept-encoding': 'br' },
      })
      expect(json.headers['content-encoding']).toBeUndefined()
      const script = await t.app.inject({
        method: 'GET',
        url: `/${HASHED}`,
        headers: { 'accept-encoding': 'br' },
      })
      expect(script.headers['content-encoding']).toBeUndefined()
      expect(script.headers['cache-control']).toBe('public, max-age=0')
      const page = await t.app.inject({ method: 'GET', url: '/' })
      expect(page.headers.link).toBeUndefined()
    } finally {
      await t.close()
      fs.rmSync(h5, { recursive: true, force: true })
    }
  })
})
