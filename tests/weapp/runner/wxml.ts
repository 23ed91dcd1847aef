/**
 * The part of WXML that Taro's compiled templates use (`base.wxml`, `comp.wxml`, a page's
 * `index.wxml`): <template name|is|data>, wx:for / wx:key, wx:if / wx:elif / wx:else, <block>, <import>,
 * <wxs>, elements with {{ }} attributes and text. The runner walks the page's data tree through these
 * templates exactly as WeChat picks them, so a node with no template is found instead of silently
 * drawing nothing.
 */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

export interface XNode {
  tag: string
  attrs: Record<string, string>
  children: XNode[]
  /** text content, for tag '#text' */
  text?: string
}

/** A rendered element: what WeChat would put on the screen for one node of the data tree. */
export interface RNode {
  tag: string
  attrs: Record<string, unknown>
  children: RNode[]
  text?: string
  parent: RNode | null
  /** 'page' or the comp instance that owns the event handlers of this element */
  owner: string
}

export interface MissingTemplate {
  template: string
  nodeName: string
  sid: string
}

const VOID = new Set(['import', 'include'])

export function parseWxml(source: string): XNode[] {
  const root: XNode = { tag: '#root', attrs: {}, children: [] }
  const stack: XNode[] = [root]
  const re = /<!--[\s\S]*?-->|<\/([\w-]+)\s*>|<([\w-]+)((?:\s+[\w:.-]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)/g
  let m: RegExpExecArray | null
  while ((m = re.exec(source))) {
    const top = stack[stack.length - 1]
    if (m[0].startsWith('<!--')) continue
    if (m[1]) {
      if (top.tag !== m[1]) throw new Error(`wxml: </${m[1]}> closes <${top.tag}>`)
      stack.pop()
    } else if (m[2]) {
      const attrs: Record<string, string> = {}
      const attrRe = /([\w:.-]+)(?:="([^"]*)")?/g
      let a: RegExpExecArray | null
      while ((a = attrRe.exec(m[3]))) attrs[a[1]] = a[2] ?? 'true'
      const node: XNode = { tag: m[2], attrs, children: [] }
      top.children.push(node)
      if (!m[4] && !VOID.has(m[2])) stack.push(node)
    } else if (m[5] && m[5].trim()) {
      top.children.push({ tag: '#text', attrs: {}, children: [], text: m[5].trim() })
    }
  }
  if (stack.length !== 1) throw new Error(`wxml: <${stack[stack.length - 1].tag}> not closed`)
  return root.children
}

/** Runs a .wxs module (ES5 with module.exports) in a context of its own, as WeChat does. */
export function loadWxs(file: string): Record<string, (...args: unknown[]) => unknown> {
  const module = { exports: {} as Record<string, (...args: unknown[]) => unknown> }
  const context = vm.createContext({ module, getRegExp: (p: string, f?: string) => new RegExp(p, f) })
  vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file })
  return module.exports
}

const expressionCache = new Map<string, (scope: object) => unknown>()

function evaluate(expression: string, scope: object): unknown {
  let fn = expressionCache.get(expression)
  if (!fn) {
    fn = new Function('scope', `with (scope) { return (${expression}) }`) as (scope: object) => unknown
    expressionCache.set(expression, fn)
  }
  // WXML has no globals: an unknown name is undefined, never a ReferenceError.
  const proxy = new Proxy(scope, {
    has: (_t, key) => key !== Symbol.unscopables,
    get: (t, key) => (key === Symbol.unscopables ? undefined : (t as Record<string | symbol, unknown>)[key]),
  })
  return fn(proxy)
}

/** `{{a}}` → the value; `x{{a}}y` → a string; `{{i:item,c:1}}` (template data) → an object. */
function attribute(value: string, scope: object, objectLiteral = false): unknown {
  const whole = /^\{\{([\s\S]*)\}\}$/.exec(value)
  if (whole && !whole[1].includes('}}')) {
    return objectLiteral ? evaluate(`{${whole[1]}}`, scope) : evaluate(whole[1], scope)
  }
  return value.replace(/\{\{([\s\S]*?)\}\}/g, (_, e: string) => {
    const v = evaluate(e, scope)
    return v === undefined || v === null ? '' : String(v)
  })
}

export class TemplateSet {
  readonly templates = new Map<string, XNode>()
  readonly wxs = new Map<string, Record<string, (...args: unknown[]) => unknown>>()

  /** Loads a .wxml file with the files it imports (templates) and the .wxs modules it declares. */
  load(file: string): XNode[] {
    const nodes = parseWxml(fs.readFileSync(file, 'utf8'))
    for (const node of nodes) {
      if (node.tag === 'import') this.load(path.resolve(path.dirname(file), node.attrs.src))
      else if (node.tag === 'wxs')
        this.wxs.set(node.attrs.module, loadWxs(path.resolve(path.dirname(file), node.attrs.src)))
      else if (node.tag === 'template' && node.attrs.name) this.templates.set(node.attrs.name, node)
    }
    return nodes.filter(
      (n) => n.tag !== 'import' && n.tag !== 'wxs' && !(n.tag === 'template' && n.attrs.name),
    )
  }
}

export interface RenderContext {
  templates: TemplateSet
  /** renders <comp i l/> (Taro's recursive component): returns its nodes */
  component(tag: string, props: Record<string, unknown>, parent: RNode, owner: string): RNode[]
  missing: MissingTemplate[]
  owner: string
}

/** Renders a list of WXML nodes with a data scope into rendered nodes appended to `parent`. */
export function renderNodes(
  nodes: XNode[],
  scope: Record<string, unknown>,
  parent: RNode,
  ctx: RenderContext,
): void {
  let previousIf: boolean | null = null
  for (const node of nodes) {
    if ('wx:for' in node.attrs) {
      const list = attribute(node.attrs['wx:for'], scope) as unknown[] | undefined
      const itemName = node.attrs['wx:for-item'] ?? 'item'
      const indexName = node.attrs['wx:for-index'] ?? 'index'
      const { 'wx:for': _f, ...rest } = node.attrs
      void _f
      for (const [index, item] of (Array.isArray(list) ? list : []).entries()) {
        renderNodes(
          [{ ...node, attrs: rest }],
          { ...scope, [itemName]: item, [indexName]: index },
          parent,
          ctx,
        )
      }
      previousIf = null
      continue
    }
    if ('wx:if' in node.attrs) {
      previousIf = Boolean(attribute(node.attrs['wx:if'], scope))
      if (!previousIf) continue
    } else if ('wx:elif' in node.attrs) {
      if (previousIf !== false) continue
      previousIf = Boolean(attribute(node.attrs['wx:elif'], scope))
      if (!previousIf) continue
    } else if ('wx:else' in node.attrs) {
      if (previousIf !== false) {
        previousIf = null
        continue
      }
      previousIf = null
    } else {
      previousIf = null
    }
    renderNode(node, scope, parent, ctx)
  }
}

function renderNode(node: XNode, scope: Record<string, unknown>, parent: RNode, ctx: RenderContext): void {
  if (node.tag === '#text') {
    const text = String(attribute(node.text ?? '', scope))
    if (text) parent.children.push({ tag: '#text', attrs: {}, children: [], text, parent, owner: ctx.owner })
    return
  }
  if (node.tag === 'block') {
    renderNodes(node.children, scope, parent, ctx)
    return
  }
  if (node.tag === 'template') {
    const name = String(attribute(node.attrs.is, scope))
    const template = ctx.templates.templates.get(name)
    const data = node.attrs.data ? (attribute(node.attrs.data, scope, true) as Record<string, unknown>) : {}
    if (!template) {
      const i = (data.i ?? {}) as { nn?: string; sid?: string }
      ctx.missing.push({ template: name, nodeName: String(i.nn ?? '?'), sid: String(i.sid ?? '?') })
      return
    }
    renderNodes(template.children, { ...Object.fromEntries(ctx.templates.wxs), ...data }, parent, ctx)
    return
  }
  const attrs: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node.attrs)) attrs[key] = attribute(value, scope)
  const element: RNode = { tag: node.tag, attrs, children: [], parent, owner: ctx.owner }
  parent.children.push(element)
  if (node.tag === 'comp' || node.tag === 'custom-wrapper') {
    element.children.push(...ctx.component(node.tag, attrs, element, ctx.owner))
    return
  }
  renderNodes(node.children, scope, element, ctx)
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

export function isHidden(node: RNode): boolean {
  if (node.attrs.hidden === true || node.attrs.hidden === 'true') return true
  const style = String(node.attrs.style ?? '')
  return /display\s*:\s*none/.test(style)
}
