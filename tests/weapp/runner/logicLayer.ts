/**
 * A headless WeChat logic layer for the compiled mini-program (`dist/weapp`); the screen and the
 * user's actions are in ./miniProgram.ts:
 * - a `vm` context with what WeChat's logic layer has (no window, document, process, setImmediate);
 *   each file wrapped as WeChat wraps it, browser globals passed as `undefined`;
 * - App / Page / Component, lifecycles, WeChat's navigation rules (tab pages only by switchTab, a stack
 *   of 10, tab pages kept alive), `setData` applying Taro's path-keyed patches to each page's data;
 * - rendering that walks the data through base.wxml / utils.wxs to the template WeChat would pick
 *   (a node with no template is a failure) and gives the visible texts;
 * - taps that bubble through the ancestors bound to Taro's handler, input events, open-type buttons.
 * Failures (thrown errors, unhandled rejections, console.error, missing templates, setData payloads
 * over 256 KB, unmodelled wx calls) are collected; `assertHealthy()` throws on any.
 */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { Device, FakeCanvas, type Host } from './wx'
import { TemplateSet } from './wxml'

const SETDATA_LIMIT = 256 * 1024
const BROWSER_GLOBALS = [
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
  'Reporter',
  'webkit',
  'WeixinJSCore',
]

interface PageInstance {
  route: string
  __route__: string
  options: Record<string, string>
  data: Record<string, unknown>
  setData(patch: Record<string, unknown>, cb?: () => void): void
  [key: string]: unknown
}

export interface PageRecord {
  route: string
  instance: PageInstance
  templates: TemplateSet
  body: ReturnType<TemplateSet['load']>
  alive: boolean
  /** wx.enableAlertBeforeUnload's question while it is on */
  alertBeforeUnload?: string
}

export interface SetDataStat {
  route: string
  largest: number
  calls: number
}

export class LogicLayer {
  readonly device: Device
  readonly failures: string[] = []
  readonly warnings: string[] = []
  readonly setDataStats = new Map<string, SetDataStat>()
  readonly stack: PageRecord[] = []
  readonly navigations: { kind: string; url: string }[] = []
  protected readonly tabs = new Map<string, PageRecord>()
  protected readonly pageConfigs = new Map<string, Record<string, unknown>>()
  protected componentConfigs = new Map<string, Record<string, unknown>>()
  protected readonly modules = new Map<string, { exports: unknown }>()
  protected readonly context: vm.Context
  protected readonly appJson: {
    pages: string[]
    subPackages?: { root: string; pages: string[] }[]
    tabBar?: { list: { pagePath: string }[] }
    requiredPrivateInfos?: string[]
  }
  protected app: Record<string, unknown> | null = null
  protected loadingRoute = ''
  protected readonly timers = new Set<NodeJS.Timeout>()
  protected readonly soonTimers = new Set<NodeJS.Timeout>()
  protected readonly inflight = new Set<Promise<unknown>>()
  protected readonly canvases = new Map<string, FakeCanvas>()
  protected readonly tappedAgreeButtons = new Set<string>()
  /** > 0 while a tap's handlers run (synchronously): what WeChat calls a user TAP gesture */
  protected tapDepth = 0
  /** the `wx` the bundle sees */
  protected readonly wx: Record<string, unknown>
  protected rejectionHandler: (reason: unknown) => void
  protected lastActivity = Date.now()
  protected pendingNavigations = 0
  protected closed = false

  constructor(
    readonly dist: string,
    options: { openid: string; serverOrigin: string; device?: Device },
  ) {
    this.device = options.device ?? new Device(options.openid, options.serverOrigin)
    this.appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
    const host: Host = {
      navigate: (kind, url, done) => this.navigate(kind, url, done),
      navigateBack: (delta, done) => this.navigateBack(delta, done),
      currentRoute: () => this.stack[this.stack.length - 1]?.route ?? '',
      setAlertBeforeUnload: (message) => {
        const top = this.stack[this.stack.length - 1]
        if (top) top.alertBeforeUnload = message ?? undefined
      },
      appJson: this.appJson,
      failure: (m) => this.fail(m),
      tappedAgreeButtons: this.tappedAgreeButtons,
      inTap: () => this.tapDepth > 0,
      canvasNode: (id) => this.canvasNode(id),
      track: (p) => this.track(p),
      setTimeout: (fn, ms) => this.setTimer(fn, ms, false),
    }
    const wx = this.device.createWx(host)
    this.wx = wx
    const consoleProxy = {
      log: () => undefined,
      info: () => undefined,
      debug: () => undefined,
      warn: (...args: unknown[]) => this.warnings.push(args.map(describe).join(' ')),
      error: (...args: unknown[]) => this.fail(`console.error: ${args.map(describe).join(' ')}`),
      group: () => undefined,
      groupEnd: () => undefined,
      time: () => undefined,
      timeEnd: () => undefined,
      trace: () => undefined,
      assert: () => undefined,
    }
    const sandbox: Record<string, unknown> = {
      wx,
      console: consoleProxy,
      setTimeout: (fn: () => void, ms?: number) => this.setTimer(fn, ms ?? 0, false),
      setInterval: (fn: () => void, ms?: number) => this.setTimer(fn, ms ?? 0, true),
      clearTimeout: (t: NodeJS.Timeout) => this.clearTimer(t),
      clearInterval: (t: NodeJS.Timeout) => this.clearTimer(t),
      App: (config: Record<string, unknown>) => {
        this.app = config
      },
      Page: (config: Record<string, unknown>) => {
        this.pageConfigs.set(this.loadingRoute, config)
      },
      Component: (config: Record<string, unknown>) => {
        this.componentConfigs.set(this.loadingRoute, config)
      },
      Behavior: (config: unknown) => config,
      getApp: () => this.app,
      getCurrentPages: () => this.stack.map((p) => p.instance),
      requirePlugin: () => {
        throw new Error('requirePlugin: no plugins in this mini-program')
      },
      __wxConfig: { envVersion: 'develop', platform: 'ios', ...this.appJson },
    }
    this.context = vm.createContext(sandbox, { name: 'weapp logic layer' })
    // globalThis in WeChat's logic layer is its own global object.
    vm.runInContext('var global = undefined;', this.context)
    this.rejectionHandler = (reason: unknown) => this.fail(`unhandled rejection: ${describe(reason)}`)
    process.on('unhandledRejection', this.rejectionHandler)
  }

  // ── failures ──
  /**
   * Calls a wx API as code outside any tap would (a timer, a callback after a request), and resolves
   * with what its success or fail callback got: for checking the model's own contract.
   */
  callWx(name: string, options: Record<string, unknown> = {}): Promise<{ ok: boolean; res: unknown }> {
    return new Promise((resolve) => {
      const api = this.wx[name] as (o: Record<string, unknown>) => void
      api({
        ...options,
        success: (res: unknown) => resolve({ ok: true, res }),
        fail: (res: unknown) => resolve({ ok: false, res }),
      })
    })
  }

  fail(message: string): void {
    this.failures.push(`[${this.currentRoute() || 'app'}] ${message}`)
  }

  assertHealthy(): void {
    if (this.failures.length) throw new Error(`mini-program failures:\n- ${this.failures.join('\n- ')}`)
  }

  currentRoute(): string {
    return this.stack[this.stack.length - 1]?.route ?? ''
  }

  current(): PageRecord {
    const top = this.stack[this.stack.length - 1]
    if (!top) throw new Error('no page open')
    return top
  }

  // ── timers and idleness ──
  protected setTimer(fn: () => void, ms: number, repeat: boolean): NodeJS.Timeout {
    const run = () => {
      if (!repeat) {
        this.timers.delete(handle)
        this.soonTimers.delete(handle)
      }
      if (this.closed) return
      this.guard('timer', fn)
      this.lastActivity = Date.now()
    }
    const handle = repeat ? setInterval(run, ms) : setTimeout(run, ms)
    this.timers.add(handle)
    // a timer due soon is work about to happen: idle() waits for it
    if (!repeat && ms <= 50) this.soonTimers.add(handle)
    return handle
  }

  protected clearTimer(t: NodeJS.Timeout): void {
    clearTimeout(t)
    clearInterval(t)
    this.timers.delete(t)
    this.soonTimers.delete(t)
  }

  protected track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise)
    void promise.finally(() => {
      this.inflight.delete(promise)
      this.lastActivity = Date.now()
    })
    return promise
  }

  protected guard(where: string, fn: () => unknown): unknown {
    try {
      return fn()
    } catch (error) {
      this.fail(`${where} threw: ${describe(error)}`)
      return undefined
    }
  }

  /** Waits until no request is in flight and nothing was rendered for `quietMs`. */
  async idle(quietMs = 60, timeoutMs = 10_000): Promise<void> {
    const started = Date.now()
    for (;;) {
      await new Promise((r) => setTimeout(r, 10))
      if (
        this.inflight.size === 0 &&
        this.pendingNavigations === 0 &&
        Date.now() - this.lastActivity >= quietMs
      )
        return
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `mini-program not idle after ${timeoutMs} ms (${this.inflight.size} requests in flight)`,
        )
    }
  }

  // ── modules ──
  require(file: string): unknown {
    const absolute = path.resolve(this.dist, file.endsWith('.js') ? file : `${file}.js`)
    const cached = this.modules.get(absolute)
    if (cached) return cached.exports
    const module = { exports: {} as unknown }
    this.modules.set(absolute, module)
    const code = fs.readFileSync(absolute, 'utf8')
    const wrapper = new vm.Script(
      `(function (require, module, exports, ${BROWSER_GLOBALS.join(', ')}) {${code}\n})`,
      {
        filename: absolute,
      },
    ).runInContext(this.context) as (...args: unknown[]) => void
    const localRequire = (request: string) =>
      this.require(path.relative(this.dist, path.resolve(path.dirname(absolute), request)))
    wrapper.call(undefined, localRequire, module, module.exports)
    return module.exports
  }

  protected loadComponentPath(json: { usingComponents?: Record<string, string> }, from: string): void {
    for (const target of Object.values(json.usingComponents ?? {})) {
      const route = path.relative(this.dist, path.resolve(this.dist, path.dirname(from), target))
      if (this.componentConfigs.has(route)) continue
      this.loadingRoute = route
      this.require(route)
      const componentJson = JSON.parse(fs.readFileSync(path.join(this.dist, `${route}.json`), 'utf8'))
      this.loadComponentPath(componentJson, route)
    }
  }

  // ── launch ──
  async launch(): Promise<void> {
    this.loadingRoute = 'app'
    this.guard('app.js', () => this.require('app'))
    if (!this.app) throw new Error('app.js did not call App()')
    const options = { path: this.appJson.pages[0], query: {}, scene: 1001, referrerInfo: {} }
    this.guard('App.onLaunch', () =>
      (this.app!.onLaunch as ((o: unknown) => void) | undefined)?.call(this.app, options),
    )
    this.guard('App.onShow', () =>
      (this.app!.onShow as ((o: unknown) => void) | undefined)?.call(this.app, options),
    )
    this.openPage(this.appJson.pages[0], {})
    await this.idle()
  }

  isTab(route: string): boolean {
    return (this.appJson.tabBar?.list ?? []).some((t) => t.pagePath === route)
  }

  protected knownRoute(route: string): boolean {
    if (this.appJson.pages.includes(route)) return true
    return (this.appJson.subPackages ?? []).some((p) => p.pages.some((page) => `${p.root}/${page}` === route))
  }

  protected parseUrl(url: string): { route: string; query: Record<string, string> } {
    const [pathPart, search = ''] = url.split('?')
    const from = this.currentRoute()
    const route = pathPart.startsWith('/')
      ? pathPart.slice(1)
      : path.posix.join(path.posix.dirname(from), pathPart)
    const query: Record<string, string> = {}
    for (const pair of search.split('&').filter(Boolean)) {
      const [k, v = ''] = pair.split('=')
      query[k] = v // WeChat hands the page its query undecoded
    }
    return { route, query }
  }

  protected openPage(route: string, query: Record<string, string>): PageRecord {
    if (!this.pageConfigs.has(route)) {
      this.loadingRoute = route
      this.guard(`${route}.js`, () => this.require(route))
      const json = JSON.parse(fs.readFileSync(path.join(this.dist, `${route}.json`), 'utf8'))
      this.loadComponentPath(json, route)
    }
    const config = this.pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    const templates = new TemplateSet()
    const body = templates.load(path.join(this.dist, `${route}.wxml`))
    const instance = Object.create(config) as PageInstance
    instance.route = route
    instance.__route__ = route
    instance.options = query
    instance.data = JSON.parse(JSON.stringify(config.data ?? {}))
    instance.setData = (patch, cb) => this.setData(record, patch, cb)
    const record: PageRecord = { route, instance, templates, body, alive: true }
    this.stack.push(record)
    if (this.isTab(route)) this.tabs.set(route, record)
    this.lifecycle(record, 'onLoad', query)
    this.lifecycle(record, 'onShow')
    this.setTimer(() => record.alive && this.lifecycle(record, 'onReady'), 0, false)
    return record
  }

  protected lifecycle(record: PageRecord, name: string, arg?: unknown): void {
    const fn = record.instance[name] as ((a?: unknown) => void) | undefined
    if (typeof fn === 'function') this.guard(`${record.route} ${name}`, () => fn.call(record.instance, arg))
  }

  protected unload(record: PageRecord): void {
    record.alive = false
    this.lifecycle(record, 'onUnload')
    if (this.tabs.get(record.route) === record) this.tabs.delete(record.route)
  }

  /**
   * Checks a navigation at once (WeChat fails a bad one at once) and carries it out on a later turn,
   * as WeChat does: code that runs right after the call still sees the old page stack.
   */
  protected navigate(
    kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch',
    url: string,
    done?: () => void,
  ): string | null {
    this.navigations.push({ kind, url })
    const { route, query } = this.parseUrl(url)
    if (!this.knownRoute(route)) return `page "${route}" is not found`
    const tab = this.isTab(route)
    if (kind === 'switchTab' && !tab) return 'can not switch to no-tabBar page'
    if (tab && kind !== 'reLaunch' && kind !== 'switchTab') return `can not ${kind} a tabbar page`
    if (kind === 'navigateTo' && this.stack.length + this.pendingNavigations >= 10)
      return 'webview count limit exceed'
    this.pendingNavigations++
    this.lastActivity = Date.now()
    this.setTimer(
      () => {
        this.pendingNavigations--
        this.carryOut(kind, route, query)
        done?.()
      },
      16,
      false,
    )
    return null
  }

  protected carryOut(
    kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch',
    route: string,
    query: Record<string, string>,
  ): void {
    if (kind === 'switchTab') {
      const top = this.stack[this.stack.length - 1]
      // every page above the tabs is closed; the tab pages stay alive (hidden)
      while (this.stack.length && !this.isTab(this.stack[this.stack.length - 1].route))
        this.unload(this.stack.pop()!)
      if (top && top.alive) this.lifecycle(top, 'onHide')
      for (const r of this.stack) if (r.route !== route && this.isTab(r.route)) this.lifecycle(r, 'onHide')
      this.stack.length = 0
      const existing = this.tabs.get(route)
      if (existing) {
        this.stack.push(existing)
        this.lifecycle(existing, 'onShow')
      } else this.openPage(route, {})
      return
    }
    if (kind === 'navigateTo') {
      const top = this.stack[this.stack.length - 1]
      if (top) this.lifecycle(top, 'onHide')
      this.openPage(route, query)
      return
    }
    if (kind === 'redirectTo') {
      const top = this.stack.pop()
      if (top) this.unload(top)
      this.openPage(route, query)
      return
    }
    // reLaunch: every page closes, tab pages included
    while (this.stack.length) this.unload(this.stack.pop()!)
    for (const record of [...this.tabs.values()]) if (record.alive) this.unload(record)
    this.tabs.clear()
    this.openPage(route, query)
  }

  protected navigateBack(delta: number, done?: () => void): string | null {
    if (this.stack.length <= 1) return 'cannot navigate back at first page.'
    this.pendingNavigations++
    this.setTimer(
      () => {
        this.pendingNavigations--
        const count = Math.min(delta, this.stack.length - 1)
        for (let k = 0; k < count; k++) this.unload(this.stack.pop()!)
        this.lifecycle(this.current(), 'onShow')
        done?.()
      },
      16,
      false,
    )
    return null
  }

  protected canvasNode(id: string): FakeCanvas {
    let canvas = this.canvases.get(id)
    if (!canvas) this.canvases.set(id, (canvas = new FakeCanvas()))
    return canvas
  }
  // ── setData ──
  protected setData(record: PageRecord, patch: Record<string, unknown>, cb?: () => void): void {
    const json = JSON.stringify(patch)
    const size = Buffer.byteLength(json)
    const stat = this.setDataStats.get(record.route) ?? { route: record.route, largest: 0, calls: 0 }
    stat.calls++
    stat.largest = Math.max(stat.largest, size)
    this.setDataStats.set(record.route, stat)
    if (size > SETDATA_LIMIT)
      this.fail(`setData payload of ${size} bytes on ${record.route} (WeChat's limit is 256 KB)`)
    if (!record.alive) this.warnings.push(`setData on unloaded page ${record.route}`)
    const cloned = JSON.parse(json) as Record<string, unknown>
    for (const [key, value] of Object.entries(cloned)) applyPath(record.instance.data, key, value)
    this.lastActivity = Date.now()
    if (cb) this.setTimer(cb, 0, false)
  }
}

/** WeChat's setData path syntax: `a.b[0].c`, and Taro's `root.cn.[0].v`. */
function applyPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts: (string | number)[] = []
  const re = /([^.[\]]+)|\[(\d+)\]/g
  let m: RegExpExecArray | null
  while ((m = re.exec(key))) parts.push(m[2] !== undefined ? Number(m[2]) : m[1])
  let node: Record<string | number, unknown> = target
  for (let k = 0; k < parts.length - 1; k++) {
    const part = parts[k]
    if (node[part] === undefined || node[part] === null || typeof node[part] !== 'object')
      node[part] = typeof parts[k + 1] === 'number' ? [] : {}
    node = node[part] as Record<string | number, unknown>
  }
  node[parts[parts.length - 1]] = value
}

export function describe(value: unknown): string {
  if (value instanceof Error)
    return `${value.name}: ${value.message}${value.stack ? `\n${value.stack.split('\n').slice(1, 4).join('\n')}` : ''}`
  if (value && typeof value === 'object' && 'stack' in value && 'message' in value)
    return `${String((value as Error).message)}\n${String((value as Error).stack)
      .split('\n')
      .slice(1, 4)
      .join('\n')}`
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}
