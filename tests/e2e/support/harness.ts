import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/**
 * End-to-end harness: the real server process (tsx server/server.ts) in demo mode on a fresh SQLite
 * file, serving the real H5 build, driven by Debian's Chromium through playwright-core.
 */
export const ROOT = path.resolve(__dirname, '../../..')
export const SCREENSHOTS = path.join(ROOT, 'artifacts/e2e')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.once('error', reject)
  })
}

export interface RunningServer {
  baseUrl: string
  stop(): Promise<void>
  output(): string
}

export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, 'dist/h5/index.html'))) {
    throw new Error('dist/h5 is missing: run `npx taro build --type h5` first (npm test does)')
  }
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-'))
  let log = ''
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      APP_MODE: 'demo',
      PORT: String(port),
      HOST: '127.0.0.1',
      SQLITE_FILE: path.join(dataDir, 'e2e.db'),
      SECRETS_FILE: path.join(dataDir, 'secrets.json'),
      PLEDGE_CHECKPOINT_FILE: path.join(dataDir, 'pledge-checkpoints.log'),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => (log += d))
  child.stderr?.on('data', (d) => (log += d))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`)
    try {
      const res = await fetch(`${baseUrl}/api/health`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    baseUrl,
    output: () => log,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * CSP violations seen by any page of the run: the server's policy must let the H5 app work untouched.
 * Chromium reports each on the console ("Refused to …") and as a `securitypolicyviolation` event, which
 * an init script turns into a console line too; every test fails that saw one.
 */
const cspViolations: string[] = []

async function watchCsp(context: BrowserContext) {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      )
    })
  })
  context.on('console', (message) => {
    const text = message.text()
    if (/Content Security Policy|CSP violation/i.test(text))
      cspViolations.push(`${message.page()?.url()}: ${text}`)
  })
}

afterEach(() => {
  const seen = cspViolations.splice(0)
  if (seen.length) throw new Error(`Content Security Policy violations in the browser:\n${seen.join('\n')}`)
})

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  // Every context (phone pages, the big screen) reports the CSP violations of its pages.
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args)
    await watchCsp(context)
    return context
  }
  return browser
}

/** A phone-sized page, as the H5 app is meant to be seen. */
export async function newPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  })
  return context.newPage()
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const file = path.join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}

// Taro's H5 router keeps the pages below the current one in the DOM (hidden): look at visible ones only.

/** The first visible element matching `selector` (optionally containing `hasText`). */
export function visible(page: Page, selector: string, hasText?: string | RegExp) {
  return page
    .locator(selector, hasText === undefined ? undefined : { hasText })
    .filter({ visible: true })
    .first()
}

/** The first visible element with that text. */
export function visibleText(page: Page, value: string, exact = false) {
  return page.getByText(value, { exact }).filter({ visible: true }).first()
}

/** Taro's H5 modal (Taro.showModal): the visible button with that text. */
export async function confirmModal(page: Page, label: string) {
  const button = visible(page, '.taro-model__btn', label)
  await button.waitFor({ timeout: 10_000 })
  await button.click()
}

/** Logs in as the demo user with this name through the H5 login page and waits for 首页's greeting. */
export async function demoLogin(page: Page, baseUrl: string, name: string) {
  await page.goto(`${baseUrl}/#/pages/login/index`)
  await visibleText(page, name, true).waitFor({ timeout: 30_000 })
  await visibleText(page, name, true).click()
  await visibleText(page, `你好，${name}`).waitFor({ timeout: 15_000 })
}

/** 我的 → 退出登录 → back on the login page. */
export async function logout(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/#/pages/mine/index`)
  await visibleText(page, '退出登录').click()
  await confirmModal(page, '退出')
  await visibleText(page, '选择演示身份登录').waitFor({ timeout: 15_000 })
}

/**
 * A small real PNG for uploads (the server checks a file's first bytes): a 120×90 "photo" of a white
 * sheet with grey lines and a red seal.
 */
export function samplePhotoPng(): Buffer {
  const png = new PNG({ width: 120, height: 90 })
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      let rgb = [236, 238, 241]
      if (x > 10 && x < 110 && y > 6 && y < 84) rgb = [255, 255, 255]
      if (x > 20 && x < 100 && y > 14 && y < 70 && y % 8 === 0) rgb = [150, 155, 165]
      const seal = (x - 85) ** 2 + (y - 68) ** 2
      if (seal < 110 && seal > 60) rgb = [200, 40, 48]
      const i = (y * png.width + x) * 4
      png.data.set([...rgb, 255], i)
    }
  }
  return PNG.sync.write(png)
}

/** Reads the QR code in a PNG file (a screenshot or a download) with a real decoder (jsQR). */
export function decodeQr(file: string): string {
  const png = PNG.sync.read(fs.readFileSync(file))
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  )
  if (!code) throw new Error(`no QR code found in ${file}`)
  return code.data
}

/**
 * Signs in as a WeChat user the way the mini-program does (wx.login → POST /api/v1/auth/wechat), for a
 * browser that has no wx.login: the code is the fake code2Session's `ok:<openid>` (tests/api/support/
 * fakeWechat.ts; a new openid makes a new user). The answer is stored as the app stores a session
 * (src/services/session.ts: key `session`, method `wechat`; Taro's H5 storage keeps `{"data": <value>}`
 * in localStorage), then 首页 opens and its greeting is awaited. The app reads its session once, at start:
 * the storage is written from a same-origin page that is not the app.
 */
export async function wechatLogin(page: Page, baseUrl: string, openid: string): Promise<{ name: string }> {
  await page.goto(`${baseUrl}/api/health`)
  const name = await page.evaluate(async (code) => {
    const res = await fetch('/api/v1/auth/wechat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    })
    if (!res.ok) throw new Error(`POST /api/v1/auth/wechat: ${res.status} ${await res.text()}`)
    const body = (await res.json()) as { token: string; expiresAt: string; user: { name: string } }
    const session = { token: body.token, expiresAt: body.expiresAt, user: body.user, method: 'wechat' }
    localStorage.setItem('session', JSON.stringify({ data: JSON.stringify(session) }))
    return body.user.name
  }, `ok:${openid}`)
  await page.goto(`${baseUrl}/#/pages/home/index`)
  await visibleText(page, `你好，${name}`).waitFor({ timeout: 30_000 })
  return { name }
}

/** Taps a tab of the tab bar (首页 / 任务 / 我的). */
export async function tapTab(page: Page, label: string) {
  await page.locator('.weui-tabbar__item', { hasText: label }).filter({ visible: true }).first().click()
}

/**
 * A screenshot once the page has settled: no toast on screen, no page sliding in (Taro's H5 router),
 * no animation running; what a user looking at the phone would see.
 */
export async function settledScreenshot(page: Page, name: string): Promise<string> {
  await settled(page)
  return screenshot(page, name)
}

/**
 * Waits until no toast is on screen, no page is sliding in (Taro's H5 router) and no animation runs. A tap
 * on a page still sliding in can land on nothing (seen on a quiet machine: 申请加入 tapped mid-slide sent
 * no request).
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(100)
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every(
        (t) => t.style.display === 'none',
      ) &&
      document.querySelectorAll('.taro_page.taro_page_show:not(.taro_page_stationed):not(.taro_tabbar_page)')
        .length === 0 &&
      document.getAnimations().every((a) => a.playState !== 'running'),
    undefined,
    { timeout: 15_000 },
  )
  await page.waitForTimeout(100)
}
