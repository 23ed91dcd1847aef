/**
 * What a role reads on 首页 and on an empty list: 廉洁承诺 once on 首页 for everyone who has joined, and
 * empty lists that speak to the role looking at them (a department's people attend no event, sign no
 * pledge of their own), walked in the mini-program as each demo user.
 */
import { walkAs } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(240_000)

const EVENTS = '/packages/events/pages/list/index'
const PLEDGES = '/packages/pledges/pages/list/index'
const EMPTY_ATTENDEE = /活动由企业职工参加签到，监管部门人员不在参加对象之列/

/** Every demo user: those who have joined see one 廉洁承诺 entry, the newcomer none. */
const USERS = [
  'demo-office',
  'demo-supervisor-finance',
  'demo-supervisor-united',
  'demo-official',
  'demo-liaison-soe',
  'demo-head-soe',
  'demo-liaison-mixed',
  'demo-liaison-private',
  'demo-head-private',
  'demo-secretary-private',
  'demo-employee-private',
  'demo-liaison-nopo',
  'demo-newcomer',
]

describe('首页 and empty lists, by role', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it.each(USERS)('%s sees 廉洁承诺 on 首页 once (the newcomer: not at all)', async (openid) => {
    await walkAs(server, openid, async (mp) => {
      await mp.waitForText(openid === 'demo-newcomer' ? /还没有加入任何单位/ : /我的组织/)
      const times = mp.text().split('廉洁承诺').length - 1
      expect(times).toBe(openid === 'demo-newcomer' ? 0 : 1)
    })
  })

  it('a 监管员 is told why 我参加的 stays empty, and 我组织的 holds the department’s events', async () => {
    await walkAs(server, 'demo-supervisor-finance', async (mp) => {
      await mp.open(EVENTS)
      await mp.waitForText(EMPTY_ATTENDEE)
      expect(mp.text()).toMatch(/本部门组织的活动请看“我组织的”/)
      // A 监管员 attends no event: no 扫码签到 to tap.
      expect(mp.text()).not.toMatch(/扫码签到/)
      expect(mp.text()).not.toMatch(/本企业/)
      await mp.tap('已结束')
      await mp.waitForText(/暂无已结束的活动/)
      expect(mp.text()).toMatch(EMPTY_ATTENDEE)
      await mp.tap('我组织的')
      await mp.waitForText(/发起活动/)
      await mp.waitForText(/暂无已结束的活动.*本部门组织的活动将显示在这里/)
      expect(mp.text()).not.toMatch(/本企业|您组织的/)
    })
  })

  it('a 党员干部 (no 我组织的) is told the events are for enterprises’ staff', async () => {
    await walkAs(server, 'demo-official', async (mp) => {
      await mp.open(EVENTS)
      await mp.waitForText(EMPTY_ATTENDEE)
      expect(mp.text()).not.toMatch(/我组织的|本企业|扫码签到/)
    })
  })

  it('an employee’s empty list speaks of the enterprise', async () => {
    await walkAs(server, 'demo-employee-private', async (mp) => {
      await mp.open(EVENTS)
      await mp.tap('已结束')
      await mp.waitForText(/暂无已结束的活动.*本企业或监管部门组织、本企业参加的活动将显示在这里/)
      expect(mp.text()).not.toMatch(EMPTY_ATTENDEE)
      expect(mp.text()).toMatch(/扫码签到/)
    })
  })

  it('a 联络员 whose enterprise has no branch is told to register one, not about “联络员” as someone else', async () => {
    await walkAs(server, 'demo-liaison-nopo', async (mp) => {
      await mp.open('/packages/party/pages/calendar/index')
      await mp.waitForText(/暂无党支部.*本企业还没有登记党支部。.*请在「成员管理」中新增党支部/)
      expect(mp.text()).not.toMatch(/联络员可在成员管理中登记党支部/)
    })
  })

  it('a 监管员 with no pledge of their own is pointed to 承诺覆盖情况, not told to sign', async () => {
    await walkAs(server, 'demo-supervisor-united', async (mp) => {
      await mp.open(PLEDGES)
      await mp.waitForText(
        /还没有签署的承诺.*承诺由企业职工、企业负责人和党员干部签署；所监管企业的签署情况请看“承诺覆盖情况”/,
      )
      expect(mp.text()).not.toMatch(/签署后的承诺书与核验码将显示在这里/)
    })
  })
})
