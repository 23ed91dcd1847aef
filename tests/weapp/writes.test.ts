/**
 * One write per domain, through the mini-program's outbox to the real server: answer a checklist item,
 * sign in to an event with a live QR payload, save a 三会一课 draft with ticked attendance, sign a
 * pledge with a drawn signature and open its certificate, create a big-screen link and edit the event.
 */
import { signInLinkUrl } from '../../src/models/signInLink'
import { loginAs } from '../api/support/testApp'
import { hasClass, type MiniProgram } from './runner/miniProgram'
import {
  openAssessmentItems,
  openOrganisedEvent,
  signPersonalPledge,
  tapCell,
  tapClass,
  walkAs,
} from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('writes from the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  async function api(openid: string, url: string): Promise<unknown> {
    const token = await loginAs(server.test.app, openid)
    const response = await server.test.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.statusCode).toBe(200)
    return response.json()
  }

  const as = (openid: string, walk: (mp: MiniProgram) => Promise<void>) => walkAs(server, openid, walk)

  it('a liaison answers a checklist item (自查自评)', async () => {
    await as('demo-liaison-private', async (mp) => {
      await openAssessmentItems(mp, '清廉政治')
      await mp.tap('是')
      await mp.idle(300)
      const assessments = (await api('demo-liaison-private', '/api/v1/enterprises/4/assessments').catch(
        () => null,
      )) as unknown
      void assessments
      expect(
        mp.device.exchanges.some((e) => e.method === 'PUT' && /answers/.test(e.path) && e.status === 200),
      ).toBe(true)
    })
  })

  it('an employee signs in to an event by scanning its live QR code (活动签到)', async () => {
    const organiser = (await api('demo-supervisor-united', '/api/v1/events?as=organiser&when=upcoming')) as {
      events: { id: number; title: string }[]
    }
    const event = organiser.events.find((e) => e.title.includes('警示教育会'))!
    const qr = (await api('demo-supervisor-united', `/api/v1/events/${event.id}/qr`)) as { payload: string }
    await as('demo-employee-private', async (mp) => {
      // the QR carries a link WeChat's scanner opens; the in-app scanner reads it as well
      mp.device.scans.push(signInLinkUrl('https://ql.example.com', qr.payload))
      await mp.tap('扫码')
      await mp.waitForText('签到成功')
      expect(
        mp.device.exchanges.some((e) => e.method === 'POST' && /sign-?ins?/.test(e.path) && e.status < 300),
      ).toBe(true)
    })
  })

  it("a sign-in link opened by WeChat's own scanner signs in at once (扫普通链接二维码打开小程序)", async () => {
    const organiser = (await api('demo-supervisor-united', '/api/v1/events?as=organiser&when=upcoming')) as {
      events: { id: number; title: string }[]
    }
    const event = organiser.events.find((e) => e.title.includes('警示教育会'))!
    const qr = (await api('demo-supervisor-united', `/api/v1/events/${event.id}/qr`)) as { payload: string }
    await as('demo-liaison-private', async (mp) => {
      // WeChat opens the page the rule names with q = the scanned URL, encoded
      const link = signInLinkUrl('https://ql.example.com', qr.payload)
      await mp.open(`packages/events/pages/signin/index?q=${encodeURIComponent(link)}`)
      await mp.waitForText('签到成功')
      expect(mp.device.scans).toHaveLength(0)
    })
  })

  it('a branch secretary saves a 三会一课 draft with ticked attendance', async () => {
    await as('demo-secretary-private', async (mp) => {
      await tapCell(mp, '三会一课')
      await mp.waitForRoute('packages/party/pages/calendar/index')
      await mp.waitForText('新建会议记录')
      await tapClass(mp, 'pt-choice', '支部委员会')
      await mp.waitForRoute('packages/party/pages/edit/index')
      await mp.waitForText('出席情况')
      await mp.input('如：学习', '学习廉洁文化建设意见')
      // a 支委会 expects the committee (书记 and two 委员), each ticked present; 刘恒达 is away
      await mp.waitForText(/应到\s+3\s+· 实到\s+3/)
      const ticks = () => mp.findAll((n) => hasClass(n, 'nut-checkbox') && Boolean(n.attrs.bindtap))
      expect(ticks().length).toBe(3)
      expect(mp.find('王小军', (n) => hasClass(n, 'meeting-edit__person'))).toHaveLength(0)
      const liu = mp.find('刘恒达', (n) => hasClass(n, 'meeting-edit__person'))[0]
      await mp.tap(mp.closestChild(liu, (n) => hasClass(n, 'nut-checkbox'))!)
      await mp.waitForText(/实到\s+2/)
      await mp.input('缺席原因', '出差')
      await mp.tap('保存草稿')
      await mp.idle(300)
      expect(
        mp.device.exchanges.some((e) => e.method === 'POST' && /meetings/.test(e.path) && e.status < 300),
      ).toBe(true)
      const saved = (await api(
        'demo-secretary-private',
        mp.device.exchanges.filter((e) => /meetings\/\d+$/.test(e.path)).at(-1)?.path ?? '/api/v1/me',
      )) as {
        topic?: string
        attendance?: { present: boolean; reason: string | null }[]
      }
      expect(saved.topic).toBe('学习廉洁文化建设意见')
    })
  })

  it('an employee signs the personal pledge by hand and opens its certificate (廉洁承诺)', async () => {
    await as('demo-employee-private', async (mp) => {
      await signPersonalPledge(mp)
      await mp.waitForText('核验码')
      expect(mp.device.toasts.map((t) => t.title)).toContain('签署成功')
    })
  })

  it('an organiser creates a big-screen link for an event (大屏) and edits the event (修改)', async () => {
    await as('demo-supervisor-united', async (mp) => {
      await openOrganisedEvent(mp, /警示教育会/)
      await mp.waitForText('生成大屏链接')
      await mp.tap('生成大屏链接')
      await mp.waitForText(/screen\/index\?token=|大屏链接.*http/)
      // 修改: the create form, prefilled with the event; saved as it is, back on the event's page.
      await mp.tap('修改')
      await mp.waitForRoute('packages/events/pages/create/index')
      await mp.waitForText(/组织单位：.*活动类型.*开始时间.*签到截止.*参加对象：.*保存修改/)
      await mp.tap('保存修改')
      await mp.waitForRoute('packages/events/pages/detail/index')
      expect(mp.device.toasts.map((t) => t.title)).toContain('活动已修改')
      expect(
        mp.device.exchanges.some(
          (e) => e.method === 'PATCH' && /\/events\/\d+$/.test(e.path) && e.status === 200,
        ),
      ).toBe(true)
    })
  })
})
