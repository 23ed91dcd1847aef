/**
 * 自查作答 one item at a time, in the mini-program: 下一项 / 上一项 change the item inside the same page
 * (the stack does not grow: 返回 leads to the overview), and the device remembers the item, so
 * 继续作答 and a mini-program WeChat killed and restored (the page reopened with its first query)
 * continue at the item the user was on.
 */
import fs from 'node:fs'
import path from 'node:path'
import { MiniProgram } from './runner/miniProgram'
import { openAssessmentItems, recordSetData, signIn } from './support/flows'
import { DIST, startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

const ITEM = 'packages/assessment/pages/item/index'
/** 第 n / N 项 as the page shows it (the mini-program's text keeps the spaces around its values). */
const nth = (n: number) => new RegExp(`第\\s*${n}\\s*/\\s*\\d+\\s*项`)
const resumedAt = (n: number) => new RegExp(`继续上次：第\\s*${n}\\s*项`)

describe('自查作答 walk (mini-program)', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('WeChat reopens the item page after killing the mini-program on it', () => {
    const json = JSON.parse(fs.readFileSync(path.join(DIST, `${ITEM}.json`), 'utf8'))
    expect(json.restartStrategy).toBe('homePageAndLatestPage')
  })

  /** WeChat kills the mini-program in the background (no onUnload), starts it again on the same phone
   * and reopens the page with the query it was first opened with. */
  async function killAndRestore(mp: MiniProgram, url: string): Promise<MiniProgram> {
    mp.assertHealthy()
    recordSetData(mp)
    mp.close()
    const restored = new MiniProgram(DIST, {
      openid: 'demo-liaison-private',
      serverOrigin: server.origin,
      device: mp.device,
    })
    await restored.launch()
    await restored.waitForRoute('pages/home/index')
    await restored.open(url)
    await restored.waitForRoute(ITEM)
    return restored
  }

  it('下一项 keeps one page; 返回 leads to the overview; 开始作答 and a restored mini-program continue at the item', async () => {
    let mp = await signIn(server, 'demo-liaison-private')
    try {
      // A section of the overview opens its first item by name.
      await openAssessmentItems(mp, '清廉政治')
      const bySection = mp.navigations.at(-1)!
      expect(bySection.url).toMatch(/code=/)
      const depth = mp.stack.length
      await mp.waitForText(nth(1))
      expect(mp.text()).not.toMatch(/继续上次/)
      await mp.tap('下一项')
      await mp.waitForText(nth(2))
      await mp.tap('下一项')
      await mp.waitForText(nth(3))
      expect(mp.stack.length).toBe(depth)
      expect(mp.navigations.at(-1)).toBe(bySection)

      // 返回: one step to the overview; 开始作答 (no item named) continues at the third item, said so.
      await mp.back()
      await mp.waitForRoute('packages/assessment/pages/overview/index')
      await mp.tap('开始作答')
      await mp.waitForRoute(ITEM)
      const resume = mp.navigations.at(-1)!
      expect(resume.url).not.toMatch(/code=/)
      await mp.waitForText(nth(3))
      expect(mp.text()).toMatch(resumedAt(3))
      await mp.tap('下一项')
      await mp.waitForText(nth(4))
      expect(mp.text()).not.toMatch(/继续上次/)

      // Killed on item 4: the page reopens without an item, at item 4.
      mp = await killAndRestore(mp, resume.url)
      await mp.waitForText(nth(4))
      expect(mp.text()).toMatch(resumedAt(4))

      // A section tapped anew opens its item, not the remembered one (the overview showed in between).
      await mp.back()
      await mp.waitForRoute('pages/home/index')
      await openAssessmentItems(mp, '清廉政治')
      await mp.waitForText(nth(1))
      expect(mp.text()).not.toMatch(/继续上次/)
      await mp.tap('下一项')
      await mp.waitForText(nth(2))

      // Killed on item 2 of a page opened with item 1 named: the restored page is at item 2 all the same.
      mp = await killAndRestore(mp, mp.navigations.at(-1)!.url)
      await mp.waitForText(nth(2))
      expect(mp.text()).toMatch(resumedAt(2))
      await mp.tap('上一项')
      await mp.waitForText(nth(1))
      expect(mp.text()).not.toMatch(/继续上次/)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
