/**
 * What a person sees and does on the mini-program of ./logicLayer.ts: the page rendered through
 * base.wxml / utils.wxs to the templates WeChat would pick (a node with no template is a failure), its
 * visible texts, and taps that bubble through the ancestors bound to Taro's handler, typing, drawing.
 */
import path from 'node:path'
import { LogicLayer, type PageRecord } from './logicLayer'
import {
  TemplateSet,
  hasClass,
  isHidden,
  renderNodes,
  textOf,
  type MissingTemplate,
  type RNode,
} from './wxml'

export { hasClass, textOf }

export class MiniProgram extends LogicLayer {
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
  protected handlerOf(owner: string): (e: unknown) => unknown {
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
        if (type === 'tap') this.tapDepth += 1
        try {
          this.guard(`${type} handler`, () => handler(event))
        } finally {
          if (type === 'tap') this.tapDepth -= 1
        }
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

  /**
   * Types into the input (or textarea) whose placeholder matches, as WeChat's keyboard does; like a person,
   * waits for it to show up (a form opened by the tap before may render a moment later on a busy machine).
   */
  async input(placeholder: string | RegExp, value: string, index = 0, timeoutMs = 8000): Promise<void> {
    const matching = () =>
      this.findAll(
        (n) =>
          (n.tag === 'input' || n.tag === 'textarea') &&
          (typeof placeholder === 'string'
            ? String(n.attrs.placeholder ?? '').includes(placeholder)
            : placeholder.test(String(n.attrs.placeholder ?? ''))),
      )[index]
    const started = Date.now()
    let node = matching()
    while (!node && Date.now() - started < timeoutMs) {
      await new Promise((r) => setTimeout(r, 25))
      node = matching()
    }
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

  /** Pull-to-refresh on the current page. */
  async pullDown(): Promise<void> {
    this.lifecycle(this.current(), 'onPullDownRefresh')
    await this.idle()
  }

  /**
   * The navigation bar's back button. A page that turned wx.enableAlertBeforeUnload on asks first (a
   * modal with its message, answered from `device.modalAnswers`): 取消 stays on the page.
   */
  async back(): Promise<void> {
    const page = this.current()
    if (page.alertBeforeUnload && this.stack.length > 1) {
      const confirmed = this.device.modalAnswers.length ? this.device.modalAnswers.shift()! : true
      this.device.modals.push({ content: page.alertBeforeUnload, confirmed, page: page.route })
      if (!confirmed) return
    }
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
