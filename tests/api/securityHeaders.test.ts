import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { multipart, TINY_PNG } from './support/files'

const INLINE = 'document.documentElement.style.fontSize="20px"'
const sha256 = (text: string) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`

describe(`security headers [${TEST_DB}]`, () => {
  let t: TestApp
  let h5: string

  beforeAll(async () => {
    h5 = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-h5-'))
    fs.writeFileSync(
      path.join(h5, 'index.html'),
      `<!doctype html><html><head><script>${INLINE}</script><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>`,
    )
    t = await createTestApp({ H5_DIST: h5 })
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(h5, { recursive: true, force: true })
  })

  function policy(csp: string | undefined): Record<string, string> {
    return Object.fromEntries(
      (csp ?? '')
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    )
  }

  it('sends a CSP, nosniff, no framing and no referrer on the API, errors included', async () => {
    for (const url of ['/api/health', '/api/v1/nothing-here', '/api/v1/me']) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      const csp = policy(res.headers['content-security-policy'] as string)
      expect(csp['frame-ancestors']).toBe("'none'")
      expect(csp['object-src']).toBe("'none'")
      expect(csp['script-src']).not.toContain('unsafe-inline')
      expect(csp['script-src']).not.toContain('unsafe-eval')
      expect(csp).not.toHaveProperty('upgrade-insecure-requests')
    }
  })

  it('lets the H5 build run its own inline script, by hash, and no other', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' })
    expect(page.statusCode).toBe(200)
    const csp = policy(page.headers['content-security-policy'] as string)
    // Besides the build's inline script, only the tab bar's `javascript:;` links (Taro's markup).
    expect(csp['script-src']).toBe(`'self' 'unsafe-hashes' ${sha256('javascript:;')} ${sha256(INLINE)}`)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
  })

  it('serves an evidence photo inline (shown in <Image>), with nosniff', async () => {
    const liaison = await loginAs(t.app, 'demo-liaison-private')
    const supervisor = await loginAs(t.app, 'demo-supervisor-united')
    const enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    const notice = await call(t.app, supervisor, {
      method: 'POST',
      url: `/api/v1/enterprises/${enterpriseId}/rectifications`,
      payload: { title: '制度不全', detail: '请补充', deadline: '2099-01-01' },
    })
    expect(notice.statusCode).toBe(201)
    const photo = await call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/enterprises/${enterpriseId}/rectifications/${notice.json().id}/evidence`,
      ...multipart('file', '现场.png', TINY_PNG),
    })
    expect(photo.statusCode).toBe(201)
    const served = await t.app.inject({ method: 'GET', url: photo.json().url })
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.headers['content-disposition']).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('现场.png')}`,
    )
    expect(served.headers['x-content-type-options']).toBe('nosniff')
  })
})
