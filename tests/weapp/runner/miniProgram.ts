/**
 * A headless WeChat logic layer for the compiled mini-program (`dist/weapp`):
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
import { TemplateSet, renderNodes, type MissingTemplate, type RNode } from './wxml'

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

interface PageRecord {
  route: string
  instance: PageInstance
  templates: TemplateSet
  body: ReturnType<TemplateSet['load']>
  alive: boolean
}

export interface SetDataStat {
  route: string
  largest: number
  calls: number
}

export class MiniProgram {
  readonly device: Device
  readonly failures: string[] = []
  readonly warnings: string[] = []
  readonly setDataStats = new Map<string, SetDataStat>()
  readonly stack: PageRecord[] = []
  readonly navigations: { kind: string; url: string }[] = []
  private readonly tabs = new Map<string, PageRecord>()
  private readonly pageConfigs = new Map<string, Record<string, unknown>>()
  private componentConfigs = new Map<string, Record<string, unknown>>()
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly context: vm.Context
  private readonly appJson: {
    pages: string[]
    subPackages?: { root: string; pages: string[] }[]
    tabBar?: { list: { pagePath: string }[] }
    requiredPrivateInfos?: string[]
  }
  private app: Record<string, unknown> | null = null
  private loadingRoute = ''
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly soonTimers = new Set<NodeJS.Timeout>()
  private readonly inflight = new Set<Promise<unknown>>()
  private readonly canvases = new Map<string, FakeCanvas>()
  private readonly tappedAgreeButtons = new Set<string>()
  private rejectionHandler: (reason: unknown) => void
  private lastActivity = Date.now()
  private pendingNavigations = 0
  private closed = false

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
      appJson: this.appJson,
      failure: (m) => this.fail(m),
      tappedAgreeButtons: this.tappedAgreeButtons,
      canvasNode: (id) => this.canvasNode(id),
      track: (p) => this.track(p),
      setTimeout: (fn, ms) => this.setTimer(fn, ms, false),
    }
    const wx = this.device.createWx(host)
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
  private setTimer(fn: () => void, ms: number, repeat: boolean): NodeJS.Timeout {
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

  private clearTimer(t: NodeJS.Timeout): void {
    clearTimeout(t)
    clearInterval(t)
    this.timers.delete(t)
    this.soonTimers.delete(t)
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise)
    void promise.finally(() => {
      this.inflight.delete(promise)
      this.lastActivity = Date.now()
    })
    return promise
  }

  private guard(where: string, fn: () => unknown): unknown {
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

  private loadComponentPath(json: { usingComponents?: Record<string, string> }, from: string): void {
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

  private knownRoute(route: string): boolean {
    if (this.appJson.pages.includes(route)) return true
    return (this.appJson.subPackages ?? []).some((p) => p.pages.some((page) => `${p.root}/${page}` === route))
  }

  private parseUrl(url: string): { route: string; query: Record<string, string> } {
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

  private openPage(route: string, query: Record<string, string>): PageRecord {
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

  private lifecycle(record: PageRecord, name: string, arg?: unknown): void {
    const fn = record.instance[name] as ((a?: unknown) => void) | undefined
    if (typeof fn === 'function') this.guard(`${record.route} ${name}`, () => fn.call(record.instance, arg))
  }

  private unload(record: PageRecord): void {
    record.alive = false
    this.lifecycle(record, 'onUnload')
    if (this.tabs.get(record.route) === record) this.tabs.delete(record.route)
  }

  /**
   * Checks a navigation at once (WeChat fails a bad one at once) and carries it out on a later turn,
   * as WeChat does: code that runs right after the call still sees the old page stack.
   */
  private navigate(
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

  private carryOut(
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

  private navigateBack(delta: number, done?: () => void): string | null {
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

  // ── setData ──
  private setData(record: PageRecord, patch: Record<string, unknown>, cb?: () => void): void {
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

  // ── rendering ──
  render(record: PageRecord = this.current()): RNode {
    const root: RNode = { tag: 'page', attrs: {}, children: [], parent: null, owner: 'page' }
    const missing: MissingTemplate[] = []
    const ctx = {
      templates: record.templates,
      missing,
      owner: 'page',
      component: (tag: string, props: Record<string, unknown>, parent: RNode): RNode[] => {
        const compTemplates = new TemplateSet()
        const body = compTemplates.load(path.join(this.dist, 'comp.wxml'))
        const holder: RNode = { tag: 'comp-root', attrs: {}, children: [], parent, owner: 'comp' }
        if (tag !== 'comp') {
          missing.push({ template: tag, nodeName: tag, sid: '?' })
          return []
        }
        renderNodes(body, { ...Object.fromEntries(compTemplates.wxs), ...props }, holder, {
          ...ctx,
          templates: compTemplates,
          owner: 'comp',
        })
        for (const c of holder.children) c.parent = parent
        return holder.children
      },
    }
    renderNodes(
      record.body,
      { ...Object.fromEntries(record.templates.wxs), ...record.instance.data },
      root,
      ctx,
    )
    for (const m of missing) {
      const message = `no template "${m.template}" for node "${m.nodeName}" (sid ${m.sid}): WeChat draws nothing there`
      if (!this.failures.some((f) => f.endsWith(message))) this.fail(message)
    }
    return root
  }

  /** The texts a user sees on the current page, in order (hidden elements left out). */
  texts(record?: PageRecord): string[] {
    const out: string[] = []
    const walk = (node: RNode) => {
      if (isHidden(node)) return
      if (node.tag === '#text') out.push(node.text!)
      for (const child of node.children) walk(child)
    }
    walk(this.render(record))
    return out
  }

  text(): string {
    return this.texts().join(' ')
  }

  async waitForText(needle: string | RegExp, timeoutMs = 8000): Promise<void> {
    const started = Date.now()
    for (;;) {
      const text = this.text()
      if (typeof needle === 'string' ? text.includes(needle) : needle.test(text)) return
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `"${String(needle)}" not on ${this.currentRoute()} after ${timeoutMs} ms; the page shows:\n${text.slice(0, 3000)}`,
        )
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  async waitForRoute(route: string, timeoutMs = 8000): Promise<void> {
    const started = Date.now()
    while (this.currentRoute() !== route) {
      if (Date.now() - started > timeoutMs)
        throw new Error(`expected page ${route}, still on ${this.currentRoute()}`)
      await new Promise((r) => setTimeout(r, 20))
    }
    await this.idle()
  }

  /** Elements whose own visible text (including descendants) matches, innermost first. */
  find(needle: string | RegExp, predicate: (n: RNode) => boolean = () => true): RNode[] {
    const matches: RNode[] = []
    const walk = (node: RNode): string => {
      if (isHidden(node)) return ''
      if (node.tag === '#text') return node.text!
      const own = node.children.map(walk).join('')
      const hit =
        typeof needle === 'string' ? own.trim() === needle || own.includes(needle) : needle.test(own)
      if (hit && predicate(node)) matches.push(node)
      return own
    }
    walk(this.render())
    // innermost first: walk is post-order, so deeper matches come earlier
    return matches
  }

  findAll(predicate: (n: RNode) => boolean): RNode[] {
    const out: RNode[] = []
    const walk = (node: RNode) => {
      if (isHidden(node)) return
      if (predicate(node)) out.push(node)
      node.children.forEach(walk)
    }
    walk(this.render())
    return out
  }

  // ── events ──
  private handlerOf(owner: string): (e: unknown) => unknown {
    if (owner === 'comp') {
      const comp = this.componentConfigs.get('comp') as
        { methods?: { eh?: (e: unknown) => unknown } } | undefined
      if (comp?.methods?.eh) return comp.methods.eh
    }
    const instance = this.current().instance
    return (instance.eh as (e: unknown) => unknown).bind(instance)
  }

  /** Fires a WeChat event at `target`, bubbling through ancestors bound to it (a catch stops it). */
  dispatch(
    target: RNode,
    type: string,
    detail: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ): void {
    const targetInfo = {
      id: String(target.attrs.id ?? ''),
      dataset: { sid: String(target.attrs['data-sid'] ?? '') },
    }
    const bubbles = [
      'tap',
      'touchstart',
      'touchmove',
      'touchend',
      'touchcancel',
      'longpress',
      'longtap',
    ].includes(type)
    for (let node: RNode | null = target; node && node.tag !== 'page'; node = node.parent) {
      if (node.tag === '#text') continue
      const bind = node.attrs[`bind${type}`] ?? node.attrs[`bind:${type}`]
      const capture = node.attrs[`catch${type}`] ?? node.attrs[`catch:${type}`]
      const handlerName = (capture ?? bind) as string | undefined
      if (handlerName) {
        const event = {
          type,
          timeStamp: Date.now(),
          target: targetInfo,
          currentTarget: {
            id: String(node.attrs.id ?? ''),
            dataset: { sid: String(node.attrs['data-sid'] ?? '') },
          },
          detail,
          mark: {},
          mut: false,
          ...extra,
        }
        const handler = this.handlerOf(node.owner)
        this.guard(`${type} handler`, () => handler(event))
        this.lastActivity = Date.now()
        if (capture) break
      }
      // touches and taps come from the user: they bubble through custom components too (composed)
      if (!bubbles) break
    }
  }

  /** Taps the innermost visible element showing `needle` (a button, a cell, a tab …). */
  async tap(needle: string | RegExp | RNode, index = 0): Promise<void> {
    // like a person, wait for what is to be tapped to show up
    if (typeof needle === 'string' || needle instanceof RegExp) await this.waitForText(needle)
    const node = typeof needle === 'object' && !(needle instanceof RegExp) ? needle : this.pick(needle, index)
    if (node.tag === 'button' && node.attrs.disabled === true)
      throw new Error(`button "${String(needle)}" is disabled`)
    const openType =
      node.tag === 'button'
        ? node.attrs['open-type']
        : this.closest(node, (n) => n.tag === 'button')?.attrs['open-type']
    if (openType === 'agreePrivacyAuthorization') {
      const button = node.tag === 'button' ? node : this.closest(node, (n) => n.tag === 'button')!
      this.tappedAgreeButtons.add(String(button.attrs.id ?? ''))
      this.device.privacyAgreed = true
      this.dispatch(button, 'agreeprivacyauthorization', {})
    }
    this.dispatch(node, 'tap', { x: 10, y: 10 })
    await this.idle()
  }

  pick(needle: string | RegExp, index = 0): RNode {
    const exact =
      typeof needle === 'string' ? this.find(needle).filter((n) => textOf(n).trim() === needle) : []
    const candidates = exact.length ? exact : this.find(needle)
    const node = candidates[index]
    if (!node)
      throw new Error(
        `nothing shows "${String(needle)}" on ${this.currentRoute()}; the page shows:\n${this.text().slice(0, 2000)}`,
      )
    return node
  }

  /** The first descendant (depth first) of `node` that matches. */
  closestChild(node: RNode, predicate: (n: RNode) => boolean): RNode | null {
    for (const child of node.children) {
      if (predicate(child)) return child
      const found = this.closestChild(child, predicate)
      if (found) return found
    }
    return null
  }

  closest(node: RNode, predicate: (n: RNode) => boolean): RNode | null {
    for (let n: RNode | null = node; n; n = n.parent) if (predicate(n)) return n
    return null
  }

  /** Types into the input (or textarea) whose placeholder matches, as WeChat's keyboard does. */
  async input(placeholder: string | RegExp, value: string, index = 0): Promise<void> {
    const inputs = this.findAll(
      (n) =>
        (n.tag === 'input' || n.tag === 'textarea') &&
        (typeof placeholder === 'string'
          ? String(n.attrs.placeholder ?? '').includes(placeholder)
          : placeholder.test(String(n.attrs.placeholder ?? ''))),
    )
    const node = inputs[index]
    if (!node) throw new Error(`no input "${String(placeholder)}" on ${this.currentRoute()}`)
    this.dispatch(node, 'focus', { value: node.attrs.value ?? '', height: 0 })
    this.dispatch(node, 'input', { value, cursor: value.length, keyCode: 0 })
    this.dispatch(node, 'blur', { value })
    await this.idle()
  }

  /** Draws a stroke on the canvas with this id (touchstart, touchmove…, touchend with canvas x/y). */
  async draw(canvasId: string, points: { x: number; y: number }[]): Promise<void> {
    const node = this.findAll((n) => n.tag === 'canvas' && n.attrs.id === canvasId)[0]
    if (!node) throw new Error(`no canvas #${canvasId} on ${this.currentRoute()}`)
    const touch = (p: { x: number; y: number }) => ({
      touches: [{ identifier: 0, x: p.x, y: p.y }],
      changedTouches: [{ identifier: 0, x: p.x, y: p.y }],
    })
    this.dispatch(node, 'touchstart', {}, touch(points[0]))
    for (const p of points.slice(1)) this.dispatch(node, 'touchmove', {}, touch(p))
    this.dispatch(
      node,
      'touchend',
      {},
      { touches: [], changedTouches: touch(points[points.length - 1]).changedTouches },
    )
    await this.idle()
  }

  private canvasNode(id: string): FakeCanvas {
    let canvas = this.canvases.get(id)
    if (!canvas) this.canvases.set(id, (canvas = new FakeCanvas()))
    return canvas
  }

  /** Pull-to-refresh on the current page. */
  async pullDown(): Promise<void> {
    this.lifecycle(this.current(), 'onPullDownRefresh')
    await this.idle()
  }

  async back(): Promise<void> {
    const error = this.navigateBack(1)
    if (error) throw new Error(error)
    await this.idle()
  }

  /** Opens a page as a link or a scanned QR code would (reLaunch onto it, like a share card). */
  async open(url: string): Promise<void> {
    const error = this.navigate(
      this.isTab(url.split('?')[0].replace(/^\//, '')) ? 'switchTab' : 'navigateTo',
      url.startsWith('/') ? url : `/${url}`,
    )
    if (error) throw new Error(error)
    await this.idle()
  }

  async switchTab(route: string): Promise<void> {
    const error = this.navigate('switchTab', `/${route}`)
    if (error) throw new Error(error)
    await this.idle()
  }

  close(): void {
    this.closed = true
    for (const t of this.timers) this.clearTimer(t)
    process.off('unhandledRejection', this.rejectionHandler)
  }
}

/** Whether the element carries this class (a whole token of its class attribute). */
export function hasClass(node: RNode, name: string): boolean {
  return typeof node.attrs.class === 'string' && node.attrs.class.split(/\s+/).includes(name)
}

export function textOf(node: RNode): string {
  if (node.tag === '#text') return node.text ?? ''
  if (isHidden(node)) return ''
  return node.children.map(textOf).join('')
}

function isHidden(node: RNode): boolean {
  if (node.attrs.hidden === true || node.attrs.hidden === 'true') return true
  const style = String(node.attrs.style ?? '')
  return /display\s*:\s*none/.test(style)
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
