/**
 * A supervisor of a county's 2,000 enterprises (bench/countySeed.ts: the benches' seeding, activity in every
 * state) walks the mini-program: 任务, 三会一课监管, 承诺监管 and the 排行榜's enterprise picker. Each page
 * stays within WeChat's setData limit (the runner fails above 256 KB) and asks the server for a page of
 * rows, not the county.
 */
import os from 'node:os'
import { hasClass, textOf, type MiniProgram } from './runner/miniProgram'
import { startWeappServer, type WeappServer } from './support/server'
import { seedCounty } from '../../bench/countySeed'
import { openTestQuiz } from './support/quiz'
import { apiAs, walkAs } from './support/flows'

jest.setTimeout(300_000)

const SUPERVISOR = 'demo-supervisor-finance'
const SIZE = 2000

describe('a supervisor of 2,000 enterprises in the mini-program', () => {
  let server: WeappServer
  let quizId = 0

  beforeAll(async () => {
    server = await startWeappServer()
    await seedCounty(server.test.app.db, SIZE)
    quizId = await openTestQuiz(
      (openid, method, url, payload) => apiAs(server, openid, method, url, payload),
      '廉政知识竞赛（规模测试）',
    )
  })
  afterAll(async () => {
    await server.close()
  })

  /** Opens `url` and says what it took: time, the largest setData and the requests (figures for the report). */
  async function visit(mp: MiniProgram, url: string, ready: string | RegExp) {
    const exchanges = mp.device.exchanges.length
    const started = performance.now()
    await mp.open(url)
    await mp.waitForText(ready, 30_000)
    const route = url.split('?')[0].replace(/^\//, '')
    console.log(
      `${route}: ${Math.round(performance.now() - started)} ms, largest setData ${
        mp.setDataStats.get(route)?.largest ?? 0
      } B, ${mp.device.exchanges
        .slice(exchanges)
        .map((e) => e.path)
        .join(' ')} (load ${os.loadavg()[0].toFixed(1)})`,
    )
    return mp.device.exchanges.slice(exchanges).map((e) => e.path)
  }

  it('任务 lists the kinds of many as one item each, which opens its 工作清单', async () => {
    await walkAs(server, SUPERVISOR, async (mp) => {
      await visit(mp, '/pages/tasks/index', /家企业的自查待审核/)
      expect(mp.text()).toMatch(/家企业的整改待核验/)
      expect(mp.text()).toMatch(/家企业有廉洁风险预警/)
      await mp.tap(/家企业的整改待核验/)
      await mp.waitForRoute('packages/supervision/pages/worklists/index')
      await mp.waitForText('去核验', 30_000)
    })
  })

  it('三会一课监管 shows a page of branches and 加载更多', async () => {
    await walkAs(server, SUPERVISOR, async (mp) => {
      const asked = await visit(mp, '/packages/party/pages/supervision/index', /共\s*\d+\s*个支部/)
      expect(asked.filter((p) => p === '/api/v1/supervision/party')).toHaveLength(1)
      expect(mp.text()).toMatch(/加载更多（已显示\s*20\s*\/\s*\d+\s*）/)
      await mp.tap(/加载更多/)
      await mp.waitForText(/加载更多（已显示\s*40\s*\/\s*\d+\s*）/, 30_000)
    })
  })

  it('承诺监管 shows a page of enterprises and 加载更多', async () => {
    await walkAs(server, SUPERVISOR, async (mp) => {
      const asked = await visit(mp, '/packages/pledges/pages/supervision/index', /所监管企业\s*\d+\s*家/)
      expect(asked.filter((p) => p === '/api/v1/supervision/pledge-coverage')).toHaveLength(1)
      expect(mp.text()).toMatch(/加载更多（已显示\s*20\s*\/\s*\d+\s*）/)
      await mp.tap(/加载更多/)
      await mp.waitForText(/加载更多（已显示\s*40\s*\/\s*\d+\s*）/, 30_000)
    })
  })

  it('the 排行榜 picker searches the enterprises on the server', async () => {
    await walkAs(server, SUPERVISOR, async (mp) => {
      // The county's board first (as it opens for one of no enterprise), then 本企业 asks which.
      await visit(mp, `/packages/quiz/pages/leaderboard/index?id=${quizId}`, /共\s*0\s*家企业/)
      const before = mp.device.exchanges.length
      await mp.tap('本企业')
      await mp.waitForText(/加载更多（已显示\s*20\s*\/\s*\d+\s*）/, 30_000)
      await mp.input('搜索企业名称', '第1999有限')
      await mp.waitForText(/第1999有限公司/, 30_000)
      const options = mp.findAll((n) => hasClass(n, 'quiz-pick__option')).map(textOf)
      expect(options).toEqual([expect.stringMatching(/第1999有限公司/)])
      expect(mp.device.exchanges.slice(before).map((e) => e.path)).not.toContain('/api/v1/enterprises')
    })
  })
})
