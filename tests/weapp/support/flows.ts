/** What a user does in the mini-program, as steps the runner suite shares. */
import fs from 'node:fs'
import path from 'node:path'
import { hasClass, textOf, type MiniProgram } from '../runner/miniProgram'
import type { RNode } from '../runner/wxml'
import { loginAs } from '../../api/support/testApp'
import { launch, type WeappServer } from './server'

export const ARTIFACTS = path.resolve(__dirname, '../../../artifacts')

/** Launch, agree to the privacy guide, 微信一键登录: the first minute of every user. */
export async function signIn(server: WeappServer, openid: string): Promise<MiniProgram> {
  const mp = await launch(server, openid)
  await mp.waitForText('同意并继续')
  await mp.tap('同意并继续')
  await mp.tap('微信一键登录')
  await mp.waitForRoute('pages/home/index')
  return mp
}

/** Signs in as `openid`, walks, and fails on anything the mini-program reported; records its setData sizes. */
export async function walkAs(
  server: WeappServer,
  openid: string,
  walk: (mp: MiniProgram) => Promise<void>,
): Promise<void> {
  const mp = await signIn(server, openid)
  try {
    await walk(mp)
    mp.assertHealthy()
  } finally {
    recordSetData(mp)
    mp.close()
  }
}

/** The server's answer to one call by `openid`, made beside the mini-program (another person's doing). */
export async function apiAs(
  server: WeappServer,
  openid: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
): Promise<unknown> {
  const token = await loginAs(server.test.app, openid)
  const response = await server.test.app.inject({
    method,
    url,
    payload,
    headers: { authorization: `Bearer ${token}` },
  })
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
  return response.json()
}

/** 我的 → 我的活动 → 我组织的 → the event: an organiser on the event's page. */
export async function openOrganisedEvent(mp: MiniProgram, title: RegExp): Promise<void> {
  await tapCell(mp, '我的活动')
  await mp.waitForRoute('packages/events/pages/list/index')
  await mp.tap('我组织的')
  await mp.waitForText(title)
  await mp.tap(title)
  await mp.waitForRoute('packages/events/pages/detail/index')
}

export interface Visit {
  route: string
  url: string
  text: string
}

const cellOf = (n: RNode) => hasClass(n, 'nut-cell-clickable') && Boolean(n.attrs.bindtap)

/**
 * Opens every page a user reaches by tapping list cells, from the current page down to `depth` levels:
 * each new page is recorded with its text, then left with the back button. A page is visited once.
 */
export async function crawl(
  mp: MiniProgram,
  visits: Map<string, Visit>,
  depth: number,
  skip: RegExp,
  ready: Record<string, RegExp> = {},
): Promise<void> {
  const here = mp.currentRoute()
  const count = mp.findAll(cellOf).length
  for (let k = 0; k < count; k++) {
    const cell = mp.findAll(cellOf)[k]
    if (!cell) break
    const label = textOf(cell)
    if (skip.test(label)) continue
    const stackBefore = mp.stack.length
    await mp.tap(cell)
    await mp.idle(150)
    if (mp.stack.length === stackBefore + 1 && mp.currentRoute() !== here) {
      const route = mp.currentRoute()
      if (!visits.has(route)) {
        await mp.idle(200)
        // read a page once it shows what it must (if it never does, the caller's check of its text fails)
        if (ready[route]) await mp.waitForText(ready[route]).catch(() => undefined)
        const url = mp.navigations[mp.navigations.length - 1]?.url ?? route
        visits.set(route, { route, url, text: mp.text() })
        if (depth > 1) await crawl(mp, visits, depth - 1, skip, ready)
      }
      await mp.back()
      await mp.waitForRoute(here)
    }
  }
}

/** Taps the clickable list cell (NutUI Cell) that shows `title`. */
export async function tapCell(mp: MiniProgram, title: string | RegExp): Promise<void> {
  const cells = mp
    .findAll(cellOf)
    .filter((c) => (typeof title === 'string' ? textOf(c).includes(title) : title.test(textOf(c))))
  if (!cells.length)
    throw new Error(`no cell "${String(title)}" on ${mp.currentRoute()}: ${mp.text().slice(0, 1500)}`)
  await mp.tap(cells[0])
}

/** 首页 → 自查自评 → the demo campaign, then one of the overview's ways into the items (清廉政治, 开始作答 …). */
export async function openAssessmentItems(mp: MiniProgram, way: string): Promise<void> {
  await tapCell(mp, '自查自评')
  await mp.waitForRoute('packages/assessment/pages/list/index')
  await mp.tap('2026年度清廉企业建设自查')
  await mp.waitForRoute('packages/assessment/pages/overview/index')
  await mp.waitForText(way)
  await mp.tap(way)
  await mp.waitForRoute('packages/assessment/pages/item/index')
  await mp.waitForText('下一项')
}

/** Taps the element with this class that shows `text`. */
export async function tapClass(mp: MiniProgram, className: string, text: string | RegExp): Promise<void> {
  const nodes = mp
    .findAll((n) => hasClass(n, className))
    .filter((n) => (typeof text === 'string' ? textOf(n).includes(text) : text.test(textOf(n))))
  if (!nodes.length)
    throw new Error(`no .${className} "${String(text)}" on ${mp.currentRoute()}: ${mp.text().slice(0, 1500)}`)
  await mp.tap(nodes[0])
}

/** Largest setData payload per page, merged over the suite's test files (read by bench/size.mjs). */
export function recordSetData(mp: MiniProgram): void {
  const file = path.join(ARTIFACTS, 'weapp-setdata.json')
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const all: Record<string, { largest: number; calls: number }> = fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : {}
  for (const stat of mp.setDataStats.values()) {
    const previous = all[stat.route]
    all[stat.route] = {
      largest: Math.max(previous?.largest ?? 0, stat.largest),
      calls: (previous?.calls ?? 0) + stat.calls,
    }
  }
  fs.writeFileSync(file, JSON.stringify(all, null, 1))
}

/** 个人廉洁从业承诺书, as an employee signs it: read to the end, sign by hand, confirm. Ends on the certificate. */
export async function signPersonalPledge(mp: MiniProgram): Promise<void> {
  await tapCell(mp, '廉洁承诺')
  await mp.waitForRoute('packages/pledges/pages/list/index')
  await mp.waitForText('个人廉洁从业承诺书')
  await mp.tap('个人廉洁从业承诺书')
  await mp.waitForRoute('packages/pledges/pages/sign/index')
  await mp.waitForText('正文完')
  // The text's scroll-view (its id sits on the frame around it, which H5 needs).
  const text = mp.findAll((n) => n.tag === 'scroll-view' && hasClass(n, 'pl-text'))[0]
  mp.dispatch(text, 'scrolltolower', { direction: 'bottom' })
  await mp.waitForText('已阅读至末尾')
  await new Promise((r) => setTimeout(r, 1200)) // NutUI sets its canvas up 1 s after mounting
  await mp.draw('pledge-signature', [
    { x: 20, y: 40 },
    { x: 80, y: 90 },
    { x: 140, y: 30 },
    { x: 200, y: 100 },
  ])
  await mp.tap('确认签署')
  await mp.waitForRoute('packages/pledges/pages/certificate/index')
}
