/**
 * 微信提醒 in the mini-program: 开启微信提醒 on 任务 asks WeChat (from the tap, as WeChat requires) for the
 * templates of the kinds the user has, at most 3, those without an unused accept first; the accepts
 * reach the server, which sends one message per accept against the fake WeChat. The runner answers
 * requestSubscribeMessage as WeChat does: only in a tap, keyed by template id.
 */
import { shanghaiDate } from '../../src/models/shanghaiTime'
import { addJoinRequest, idOf, loginAs, call } from '../api/support/testApp'
import { recordSetData, signIn, tapCell } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

const TEMPLATES = {
  rectification_open: 'tmpl-todo',
  rectification_notice: 'tmpl-todo',
  assessment_fill: 'tmpl-fill',
  pledge_sign: 'tmpl-sign',
  member_pending: 'tmpl-members',
  meeting_due: 'tmpl-meeting',
}

describe('微信提醒 in the mini-program', () => {
  let server: WeappServer
  let privateId: number
  const DAY = 86_400_000

  async function rectification(title: string, source: 'finding' | 'notice', days: number) {
    const now = new Date().toISOString()
    await server.test.app.db
      .insertInto('rectifications')
      .values({
        enterprise_id: privateId,
        source,
        title,
        deadline: shanghaiDate(Date.now() + days * DAY),
        status: 'open',
        created_at: now,
        updated_at: now,
      })
      .execute()
  }
  const grants = (openid: string) =>
    server.test.app.db
      .selectFrom('subscribe_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['g.template_id', 'g.result', 'g.used_at'])
      .where('u.openid', '=', openid)
      .orderBy('g.id')
      .execute()

  beforeAll(async () => {
    server = await startWeappServer({ WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES) })
    privateId = await idOf(server.test.app, 'enterprises', '县恒达食品有限公司')
    // The liaison has four kinds with a template: a 整改, the self-assessment, the personal pledge and a
    // join request.
    await rectification('完善采购审批制度', 'finding', 10)
    await addJoinRequest(server.test.app, privateId, 'weapp-joiner')
  })
  afterAll(async () => {
    await server.close()
  })

  it('WeChat’s contract: the panel opens only from a tap', async () => {
    const mp = await signIn(server, 'demo-employee-private')
    try {
      const outside = await mp.callWx('requestSubscribeMessage', { tmplIds: ['tmpl-sign'] })
      expect(outside).toEqual({
        ok: false,
        res: { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' },
      })
      expect(mp.device.subscribeRequests).toEqual([])
    } finally {
      mp.close()
    }
  })

  it('the liaison turns reminders on from 任务: 3 templates, the accepts reach the server, a message follows', async () => {
    const mp = await signIn(server, 'demo-liaison-private')
    try {
      await mp.switchTab('pages/tasks/index')
      await mp.waitForText('尚未开启')
      // The user rejects the pledge's template in WeChat's panel.
      mp.device.subscribeAnswers.set('tmpl-sign', 'reject')
      await mp.tap('开启微信提醒')
      await mp.waitForText('还可提醒 2 次')
      // The kinds in the list's order (the 整改 is due first); the fourth kind waits for another tap.
      expect(mp.device.subscribeRequests).toEqual([['tmpl-todo', 'tmpl-fill', 'tmpl-sign']])
      expect(mp.device.subscribeRefusals).toEqual([])
      expect(mp.device.toasts.map((t) => t.title)).toContain('已开启：有新任务或逾期时将通过微信提醒您')
      expect((await grants('demo-liaison-private')).map((g) => [g.template_id, g.result, g.used_at])).toEqual(
        [
          ['tmpl-todo', 'accept', null],
          ['tmpl-fill', 'accept', null],
        ],
      )

      // A 整改通知 arrives: the server sends one message with the accept of its template.
      await rectification('落实县纪委整改通知要求', 'notice', 5)
      expect(await server.test.app.reminders.run(Date.now())).toEqual({ sent: 1, failed: 0, skipped: 0 })
      const [message] = server.wechat.subscribe.messages.map((m) => m.body as Record<string, unknown>)
      expect(message).toMatchObject({
        touser: 'demo-liaison-private',
        template_id: 'tmpl-todo',
        page: 'pages/tasks/index',
        data: { thing1: { value: '整改通知：落实县纪委整改通知要求' }, phrase3: { value: '待办理' } },
      })

      // Back on 任务: one accept left; the next tap asks first for what has none (the 整改's again).
      await mp.pullDown()
      await mp.waitForText('还可提醒 1 次')
      await mp.tap('开启微信提醒')
      await mp.waitForText('还可提醒 3 次')
      expect(mp.device.subscribeRequests[1]).toEqual(['tmpl-todo', 'tmpl-sign', 'tmpl-members'])

      // With subscribe messages switched off in WeChat's settings, the user is told where to turn them on.
      mp.device.subscribeSwitchOn = false
      await mp.tap('开启微信提醒')
      await mp.idle(200)
      expect(mp.device.toasts.map((t) => t.title)).toContain(
        '您已关闭本小程序的订阅消息，请在右上角“…” → 设置中打开后重试',
      )
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('the branch secretary asks for 三会一课 reminders on the calendar', async () => {
    const mp = await signIn(server, 'demo-secretary-private')
    try {
      await tapCell(mp, '三会一课')
      await mp.waitForRoute('packages/party/pages/calendar/index')
      await mp.tap('到期提醒')
      await mp.idle(300)
      expect(mp.device.subscribeRequests).toEqual([['tmpl-meeting']])
      const token = await loginAs(server.test.app, 'demo-secretary-private')
      const offer = (await call(server.test.app, token, { method: 'GET', url: '/api/v1/reminders' })).json()
      expect(offer.pending).toEqual({ 'tmpl-meeting': 1 })
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
