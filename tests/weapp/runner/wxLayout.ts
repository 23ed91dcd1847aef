/** What the runner answers about layout: a phone of 375 × 812, and selector queries (no real layout). */
import type { Host } from './wx'

export function selectorQuery(host: Host) {
  const requests: { selector: string; fields: Record<string, boolean>; cb?: (r: unknown) => void }[] = []
  const query = {
    in: () => query,
    select(selector: string) {
      return nodesRef(selector)
    },
    selectAll(selector: string) {
      return nodesRef(selector)
    },
    selectViewport() {
      return nodesRef('viewport')
    },
    exec(cb?: (res: unknown[]) => void) {
      host.setTimeout(() => {
        const results = requests.map((r) => {
          const result = resolve(r.selector, r.fields)
          r.cb?.(result)
          return result
        })
        cb?.(results)
      }, 0)
      return query
    },
  }
  function resolve(selector: string, fields: Record<string, boolean>) {
    const rect = {
      id: selector.replace(/^#/, ''),
      dataset: {},
      left: 0,
      right: 375,
      top: 0,
      bottom: 100,
      width: 375,
      height: 100,
    }
    if (fields.node) {
      const node = host.canvasNode(selector.replace(/^#/, ''))
      return { ...rect, node, width: node?.width ?? 300, height: node?.height ?? 150 }
    }
    return { ...rect, scrollTop: 0, scrollLeft: 0, scrollHeight: 100, scrollWidth: 375 }
  }
  function nodesRef(selector: string) {
    const ref = {
      boundingClientRect(cb?: (r: unknown) => void) {
        requests.push({ selector, fields: { rect: true, size: true }, cb })
        return query
      },
      fields(fields: Record<string, boolean>, cb?: (r: unknown) => void) {
        requests.push({ selector, fields, cb })
        return query
      },
      scrollOffset(cb?: (r: unknown) => void) {
        requests.push({ selector, fields: { scrollOffset: true }, cb })
        return query
      },
      node(cb?: (r: unknown) => void) {
        requests.push({ selector, fields: { node: true }, cb })
        return query
      },
      context(cb?: (r: unknown) => void) {
        requests.push({ selector, fields: { context: true }, cb })
        return query
      },
    }
    return ref
  }
  return query
}

export function systemInfo() {
  return {
    brand: 'runner',
    model: 'headless',
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 700,
    statusBarHeight: 44,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 16.0',
    platform: 'ios',
    SDKVersion: '3.0.0',
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
    theme: 'light',
    enableDebug: false,
  }
}
