/**
 * Every demo role, as that person would use the mini-program: log in, then open each tab and every page
 * reachable by tapping its list entries (two levels deep), checking what each page must show. Any
 * thrown error, unhandled rejection, console.error, node without a WeChat template, setData over 256 KB
 * or unmodelled wx call fails the role.
 */
import { crawl, recordSetData, signIn, type Visit } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(240_000)

/** What a page must show, whoever opens it. */
const KEY_TEXTS: Record<string, RegExp> = {
  'pages/home/index': /你好，.*清廉文化活动.*我的活动/,
  'pages/tasks/index': /待办任务/,
  'pages/mine/index': /个人信息.*我的组织.*待同步记录.*退出登录/,
  'packages/events/pages/list/index': /进行中和即将开始.*已结束/,
  'packages/pledges/pages/list/index': /我的承诺/,
  'packages/pledges/pages/sign/index': /承诺书.*第\s*\d+\s*版/,
  'packages/assessment/pages/list/index': /2026年度清廉企业建设自查/,
  'packages/assessment/pages/overview/index': /清廉政治.*清廉经营.*清廉文化.*清廉监管/,
  'packages/assessment/pages/rectifications/index': /整改/,
  // an enterprise without a party organisation has no branch to show
  'packages/party/pages/calendar/index': /年度完成率.*党员大会.*支委会|暂无党支部/,
  'packages/party/pages/supervision/index': /完成率/,
  'packages/supervision/pages/overview/index': /所监管企业.*导出工作台账/,
  'packages/supervision/pages/campaigns/index': /发起新一期自查.*已发起的期次/,
  'packages/org/pages/departments/index': /新建监管部门.*监管部门（\s*\d+\s*）/,
  'packages/org/pages/members/index': /待审核.*邀请成员.*成员（\s*\d+\s*）/,
}

const TABS = ['pages/home/index', 'pages/tasks/index', 'pages/mine/index']
const EVERYONE = [...TABS, 'packages/events/pages/list/index']
const ENTERPRISE = [
  ...EVERYONE,
  'packages/pledges/pages/list/index',
  'packages/pledges/pages/sign/index',
  'packages/assessment/pages/list/index',
]
const LIAISON = [
  ...ENTERPRISE,
  'packages/org/pages/members/index',
  'packages/assessment/pages/overview/index',
  'packages/assessment/pages/rectifications/index',
  'packages/party/pages/calendar/index',
]
const SUPERVISOR = [
  ...EVERYONE,
  'packages/pledges/pages/list/index',
  'packages/party/pages/supervision/index',
  'packages/supervision/pages/overview/index',
]

/**
 * An event's 参加对象 are enterprises (event_audience holds enterprise ids only; a scan outside them answers
 * NOT_IN_AUDIENCE), so 监管员 / 办公室 / 党员干部 of no enterprise are offered no 扫码签到 on 首页 or 任务.
 */
const DEPARTMENT_ONLY = new Set([
  'demo-office',
  'demo-supervisor-finance',
  'demo-supervisor-united',
  'demo-official',
])

/** The pages each demo user must reach by tapping (at least these). */
const ROLES: [string, string, string[]][] = [
  [
    'demo-office',
    '领导小组办公室',
    [...SUPERVISOR, 'packages/supervision/pages/campaigns/index', 'packages/org/pages/departments/index'],
  ],
  ['demo-supervisor-finance', '监管员（县财政局）', SUPERVISOR],
  ['demo-supervisor-united', '监管员（县委统战部）', SUPERVISOR],
  [
    'demo-official',
    '党员干部',
    [...EVERYONE, 'packages/pledges/pages/list/index', 'packages/pledges/pages/sign/index'],
  ],
  ['demo-liaison-soe', '联络员（国企）', LIAISON],
  ['demo-head-soe', '负责人（国企）', [...ENTERPRISE, 'packages/party/pages/calendar/index']],
  ['demo-liaison-mixed', '联络员（混合所有制）', LIAISON],
  ['demo-liaison-private', '联络员（民企）', LIAISON],
  ['demo-head-private', '负责人（民企）', [...ENTERPRISE, 'packages/party/pages/calendar/index']],
  ['demo-secretary-private', '支部书记', [...ENTERPRISE, 'packages/party/pages/calendar/index']],
  ['demo-employee-private', '职工', ENTERPRISE],
  ['demo-liaison-nopo', '联络员（无党组织民企）', LIAISON],
  ['demo-newcomer', '新用户（未加入企业）', EVERYONE],
]

describe('every demo role in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it.each(ROLES)('%s (%s) opens every page it can reach', async (openid, _label, expected) => {
    const mp = await signIn(server, openid)
    const visits = new Map<string, Visit>()
    try {
      for (const tab of TABS) {
        await mp.switchTab(tab)
        await mp.waitForText(KEY_TEXTS[tab])
        visits.set(tab, { route: tab, url: tab, text: mp.text() })
        if (tab !== 'pages/mine/index') {
          await mp.idle() // the caller's memberships (GET /me) answered
          if (DEPARTMENT_ONLY.has(openid)) expect(`${tab}: ${mp.text()}`).not.toMatch(/扫码签到/)
          else expect(`${tab}: ${mp.text()}`).toMatch(/扫码签到/)
        }
        // 扫码 opens the camera, 退出 ends the session: both have tests of their own
        await crawl(mp, visits, 2, /扫码|退出/, KEY_TEXTS)
      }
      expect([...visits.keys()].sort()).toEqual(expect.arrayContaining(expected))
      for (const visit of visits.values()) {
        const key = KEY_TEXTS[visit.route]
        if (key) expect(`${visit.route}: ${visit.text}`).toMatch(key)
        expect(`${visit.route}: ${visit.text}`).not.toMatch(/undefined|NaN|\[object Object\]/)
      }
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
