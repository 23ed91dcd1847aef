/**
 * The H5 app on a phone-like profile: the built dist/h5 served by the real server (a child process, as in
 * production), opened in headless Chromium with Chrome DevTools' "Fast 3G" network and the CPU slowed ×4.
 * Prints, for a new visitor, the time to the first contentful paint (index.html's app shell, the product's
 * name), to the login page's own text (rendered by the app: the figure the goal is about; timed in the page
 * by the browser, see watchPaintOf, and beside it as Playwright's polling saw it) and to the demo
 * users listed (the login usable); then 首页 after a demo login, and 首页 on a return visit (cache kept),
 * with the bytes transferred before each; once per HTTP_DELIVERY mode:
 * `plain` (no compression, max-age=0: the baseline), `precompressed` (what ships) and `dynamic` (everything
 * compressed per request), with the server's CPU time per mode. No assertion: figures and ratios.
 *
 *   npx taro build --type h5 && npm run bench:h5        (RUNS=5 for more runs; medians are printed)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'

const ROOT = path.resolve(__dirname, '..')
// H5_DIST: another build to compare (a copy of an earlier dist/h5).
const H5 = path.resolve(ROOT, process.env.H5_DIST ?? 'dist/h5')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const RUNS = Number(process.env.RUNS ?? 3)
const ALL_MODES = ['plain', 'precompressed', 'dynamic'] as const
type Mode = (typeof ALL_MODES)[number]
// MODES=precompressed: only the modes named (comma-separated); ratios need plain among them.
const MODES = ALL_MODES.filter((m) => (process.env.MODES ?? ALL_MODES.join(',')).split(',').includes(m))
type Row = 'shell' | 'paint' | 'login' | 'users' | 'home' | 'return'
type Visit = Record<Row, Sample>

/** Chrome DevTools' "Fast 3G" preset (as Puppeteer's PredefinedNetworkConditions spell it out). */
const FAST_3G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
}
const CPU_SLOWDOWN = 4
/** The product's name: index.html's app shell shows it while the JS loads, then the login page's title. */
const SHELL_TEXT = '清廉企业'
/** Only the login page itself renders this (not the app shell). */
const LOGIN_TEXT = '清廉企业建设 · 规定动作线上办理'
const DEMO_USER = '覃秀'
const HOME_TEXT = `你好，${DEMO_USER}`
const GOALS = { loginMs: 2500, loginBytes: 300 * 1024 }

interface Server {
  url: string
  /** user + system CPU seconds of the server process so far (Linux /proc). */
  cpuSeconds(): number
  stop(): Promise<void>
}

async function startServer(mode: Mode): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-bench-h5-'))
  // node --import tsx, not the tsx binary: one process, whose CPU time /proc reports.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      APP_MODE: 'test',
      SEED_DEMO: 'true',
      HOST: '127.0.0.1',
      // BENCH_PORT: a fixed port (on a shared machine); otherwise any free one.
      PORT: process.env.BENCH_PORT ?? '0',
      H5_DIST: H5,
      HTTP_DELIVERY: mode,
      SQLITE_FILE: path.join(dir, 'bench.db'),
      UPLOAD_DIR: path.join(dir, 'uploads'),
      PLEDGE_CHECKPOINT_FILE: path.join(dir, 'pledge-checkpoints.log'),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      LOGIN_PER_ADDRESS_PER_MINUTE: '1000000',
      LOGIN_PER_ACCOUNT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  // server.ts prints its address once it listens (PORT=0: any free port).
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /App:\s+(http:\/\/\S+?)\/\s/.exec(out)
      if (match) resolve(match[1].replace('localhost', '127.0.0.1'))
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  child.stdout!.resume()
  const ticks = 100 // USER_HZ on Linux
  return {
    url,
    cpuSeconds() {
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
      return (Number(fields[11]) + Number(fields[12])) / ticks
    },
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Counts the bytes on the wire (headers and compressed bodies) of every response of the page. */
async function throttle(page: Page): Promise<{ cdp: CDPSession; bytes: () => number }> {
  const cdp = await page.context().newCDPSession(page)
  let bytes = 0
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength))
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', FAST_3G)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  return { cdp, bytes: () => bytes }
}

interface Sample {
  ms: number
  bytes: number
}

/**
 * From `start` (a navigation or a tap) to the moment each of `texts` is visible in the page, in order.
 * Navigations wait only for the response to commit, not for the load event: text may show before it.
 */
async function timesToTexts(page: Page, bytes: () => number, texts: string[], start: () => Promise<unknown>) {
  const before = bytes()
  const t0 = Date.now()
  await start()
  const samples: Sample[] = []
  for (const text of texts) {
    await page.getByText(text, { exact: true }).first().waitFor({ timeout: 120_000 })
    samples.push({ ms: Date.now() - t0, bytes: bytes() - before })
  }
  return samples
}
const timeToText = async (page: Page, bytes: () => number, text: string, start: () => Promise<unknown>) =>
  (await timesToTexts(page, bytes, [text], start))[0]

/** The login page's first text carries `elementtiming` with this name (src/pages/login/index.tsx). */
const ELEMENT_TIMING_ID = 'login-first-text'

/**
 * Runs in the page before its scripts: when the login page's first text is painted, from the navigation's
 * start, as the browser itself reports it, the earlier of:
 * - Element Timing: the render time of the element marked `elementtiming` (Chromium);
 * - the second animation frame after a text node holding `text` is inserted (MutationObserver): the frame
 *   after the one that drew it, for a browser without Element Timing.
 * Playwright's own check (`waitFor`) polls the page, and on a CPU slowed ×4 while the app's script runs
 * that poll lags the paint by hundreds of milliseconds; this does not.
 */
function watchPaintOf([text, id]: [string, string]) {
  // The page's own globals, typed as far as used here (this file compiles without the DOM's types).
  type Texty = { textContent: string | null }
  type Mutation = { type: string; target: Texty; addedNodes: ArrayLike<Texty> }
  type ElementEntry = { identifier?: string; renderTime?: number; loadTime?: number; startTime: number }
  const w = globalThis as unknown as {
    __paintedAt?: number
    document: unknown
    requestAnimationFrame(run: () => void): number
    MutationObserver: new (seen: (records: Mutation[]) => void) => {
      observe(target: unknown, options: object): void
      disconnect(): void
    }
    PerformanceObserver: new (seen: (list: { getEntries(): ElementEntry[] }) => void) => {
      observe(options: object): void
    }
  }
  const seen = (ms: number) => {
    if (ms > 0 && (w.__paintedAt === undefined || ms < w.__paintedAt)) w.__paintedAt = ms
  }
  try {
    new w.PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.identifier === id) seen(entry.renderTime || entry.loadTime || entry.startTime)
    }).observe({ type: 'element', buffered: true })
  } catch {
    // No Element Timing in this browser: the animation frames alone.
  }
  // textContent of what was added (no layout forced, unlike innerText).
  const observer = new w.MutationObserver((records) => {
    const found = records.some((r) =>
      r.type === 'characterData'
        ? r.target.textContent?.includes(text)
        : Array.from(r.addedNodes).some((n) => n.textContent?.includes(text)),
    )
    if (!found) return
    observer.disconnect()
    w.requestAnimationFrame(() => w.requestAnimationFrame(() => seen(performance.now())))
  })
  observer.observe(w.document, { childList: true, subtree: true, characterData: true })
}

/** One visitor: login page cold, a demo login to 首页, then 首页 again in a new tab (cache kept). */
async function visit(browser: Browser, url: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    // tsx keeps function names with an `__name(fn, "name")` helper of its own, which the page lacks.
    await page.addInitScript('globalThis.__name ??= (fn) => fn')
    await page.addInitScript(watchPaintOf, [LOGIN_TEXT, ELEMENT_TIMING_ID] as [string, string])
    const net = await throttle(page)
    const [, login, users] = await timesToTexts(page, net.bytes, [SHELL_TEXT, LOGIN_TEXT, DEMO_USER], () =>
      page.goto(`${url}/`, { waitUntil: 'commit' }),
    )
    // The shell paints while app.js still downloads and runs, when playwright's polling in the page lags
    // by seconds: its time is the browser's own first contentful paint (no bytes figure).
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    )
    const shell = { ms: fcp ?? NaN, bytes: NaN }
    const paintedAt = await page.evaluate(() => (globalThis as { __paintedAt?: number }).__paintedAt)
    const paint = { ms: paintedAt ?? NaN, bytes: login.bytes }
    const home = await timeToText(page, net.bytes, HOME_TEXT, () =>
      page.getByText(DEMO_USER, { exact: true }).click(),
    )
    const again = await context.newPage()
    const netAgain = await throttle(again)
    const back = await timeToText(again, netAgain.bytes, HOME_TEXT, () =>
      again.goto(`${url}/`, { waitUntil: 'commit' }),
    )
    return { shell, paint, login, users, home, return: back }
  } finally {
    await context.close()
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const kb = (bytes: number) => (Number.isNaN(bytes) ? '—' : `${(bytes / 1024).toFixed(0)} KB`)
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`

function diskFigures() {
  const files = fs.readdirSync(path.join(H5, 'js')).filter((f) => f.endsWith('.js'))
  const size = (f: string) => fs.statSync(path.join(H5, 'js', f)).size
  const swiper = files.filter((f) => fs.readFileSync(path.join(H5, 'js', f), 'utf8').includes('swiper-zoom'))
  return { chunks: files.length, js: files.reduce((n, f) => n + size(f), 0), swiper }
}

async function main() {
  if (!fs.existsSync(path.join(H5, 'index.html')))
    throw new Error('dist/h5 is missing: npx taro build --type h5')
  const disk = diskFigures()
  console.log(
    `H5 build: ${disk.chunks} JS files, ${kb(disk.js)} of JS on disk; swiper in ${disk.swiper.length} file(s) ${disk.swiper.join(' ')}`,
  )
  console.log(
    `profile: DevTools Fast 3G (${((FAST_3G.downloadThroughput * 8) / 1e6).toFixed(2)} Mbit/s down, ${((FAST_3G.uploadThroughput * 8) / 1e3).toFixed(0)} kbit/s up, ${FAST_3G.latency} ms latency), CPU ×${CPU_SLOWDOWN}; ${RUNS} runs per mode, medians\n`,
  )
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // HTTP/1.1 over TCP as a phone's browser would use against this server; playwright runs it headless.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
  })
  const results = {} as Record<Mode, Visit & { cpu: number }>
  try {
    for (const mode of MODES) {
      const server = await startServer(mode)
      try {
        await visit(browser, server.url) // warm-up: the server's first answers (JIT, SQLite pages)
        const cpu0 = server.cpuSeconds()
        const runs: Visit[] = []
        for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, server.url))
        const pick = (k: Row) => ({
          ms: median(runs.map((r) => r[k].ms)),
          bytes: median(runs.map((r) => r[k].bytes)),
        })
        results[mode] = {
          shell: pick('shell'),
          paint: pick('paint'),
          login: pick('login'),
          users: pick('users'),
          home: pick('home'),
          return: pick('return'),
          cpu: ((server.cpuSeconds() - cpu0) / RUNS) * 1000,
        }
      } finally {
        await server.stop()
      }
    }
  } finally {
    await browser.close()
  }

  const rows: [string, Row][] = [
    ['first contentful paint (app shell)', 'shell'],
    ['login page first text, painted (in page)', 'paint'],
    ['  the same text, as playwright polled it', 'login'],
    ['login page, demo users listed', 'users'],
    ['首页 after the demo login', 'home'],
    ['首页, return visit (cache kept)', 'return'],
  ]
  const base = results.plain as (typeof results)[Mode] | undefined
  for (const mode of MODES) {
    const r = results[mode]
    console.log(`${mode}:`)
    for (const [label, k] of rows) {
      const ratio =
        mode === 'plain' || !base
          ? ''
          : `  (×${(r[k].ms / base[k].ms).toFixed(2)} time, ×${(r[k].bytes / Math.max(1, base[k].bytes)).toFixed(2)} bytes vs plain)`
      console.log(`  ${label.padEnd(42)} ${s(r[k].ms).padStart(8)} ${kb(r[k].bytes).padStart(8)}${ratio}`)
    }
    console.log(`  ${'server CPU per visit'.padEnd(42)}    ${r.cpu.toFixed(0).padStart(5)} ms`)
  }
  console.log(
    `(painted (in page): the browser's own time, the earlier of Element Timing and the 2nd animation frame ` +
      `after the text is inserted; as playwright polled it: waitFor's time, late by its polling lag)`,
  )
  if (results.precompressed) {
    const shipped = results.precompressed.paint
    console.log(
      `\nfirst contentful paint (app shell): ${s(results.precompressed.shell.ms)}; ` +
        `goals (precompressed): login page's own first text ${s(shipped.ms)} (< ${s(GOALS.loginMs)}: ${shipped.ms < GOALS.loginMs ? 'met' : 'NOT met'}), ` +
        `bytes before it ${kb(shipped.bytes)} (< ${kb(GOALS.loginBytes)}: ${shipped.bytes < GOALS.loginBytes ? 'met' : 'NOT met'})`,
    )
  }
  console.log(
    `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (${os.cpus().length} cores)`,
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
