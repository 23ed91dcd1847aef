import { loadEnv } from '../../server/env'
import { startReminderTimer } from '../../server/features/reminders/sender'
import { shanghaiDate, shanghaiParts } from '../../src/models/shanghaiTime'
import { startFakeWechat, type FakeWechat } from './support/fakeWechat'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'

const DAY = 86_400_000
/** 10:00 北京时间 on `day` of the real current month (the demo's 三会一课 data is laid out around it). */
function dayOfThisMonth(day: number): number {
  const { year, month } = shanghaiParts(Date.now())
  return Date.UTC(year, month - 1, day, 2, 0, 0)
}

const TEMPLATES = {
  rectification_open: 'tmpl-todo',
  rectification_notice: 'tmpl-todo',
  rectification_returned: 'tmpl-todo',
  assessment_fill: 'tmpl-fill',
  rectification_verify: 'tmpl-verify',
}

interface SentMessage {
  touser: string
  template_id: string
  page: string
  miniprogram_state: string
  data: Record<string, { value: string }>
}

describe('reminder settings', () => {
  it('reads the templates per kind as JSON, with the earlier 三会一课 setting as meeting_due', () => {
    expect(
      loadEnv({ APP_MODE: 'test', WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES) })
        .WECHAT_SUBSCRIBE_TEMPLATES,
    ).toEqual(TEMPLATES)
    expect(
      loadEnv({ APP_MODE: 'test', WECHAT_SUBSCRIBE_TEMPLATE_MEETING: 'm1' }).WECHAT_SUBSCRIBE_TEMPLATES,
    ).toEqual({
      meeting_due: 'm1',
    })
    expect(loadEnv({ APP_MODE: 'test' }).WECHAT_SUBSCRIBE_TEMPLATES).toEqual({})
    expect(() => loadEnv({ APP_MODE: 'test', WECHAT_SUBSCRIBE_TEMPLATES: '{not json' })).toThrow(
      /WECHAT_SUBSCRIBE_TEMPLATES/,
    )
    expect(() => loadEnv({ APP_MODE: 'test', WECHAT_SUBSCRIBE_TEMPLATES: '{"lunch":"x"}' })).toThrow(
      /WECHAT_SUBSCRIBE_TEMPLATES/,
    )
  })
})

/**
 * 微信提醒: the grants a tap brings (one message each), and the sender against a fake WeChat: one
 * message per granted kind about a new or newly overdue to-do, never the same to-do twice, a busy
 * WeChat tried again a few times only, each user's own to-dos only.
 */
describe(`reminders from the to-do list [${TEST_DB}]`, () => {
  let t: TestApp
  let wechat: FakeWechat
  let now = dayOfThisMonth(11)
  let privateId: number
  let soeId: number
  let liaison: string // 陈静, 县恒达食品有限公司
  let liaisonSoe: string // 李明, 县城市建设投资集团有限公司
  let office: string

  const ymd = (days: number) => shanghaiDate(now + days * DAY)
  const run = () => t.app.reminders.run(now)
  const sent = () => wechat.subscribe.messages.map((m) => m.body as unknown as SentMessage)
  const offer = async (token: string) =>
    (await call(t.app, token, { method: 'GET', url: '/api/v1/reminders' })).json()
  const grant = (token: string, templateId: string, result = 'accept') =>
    call(t.app, token, {
      method: 'POST',
      url: '/api/v1/reminders/grants',
      payload: { results: [{ templateId, result }] },
    })
  async function rectification(enterpriseId: number, title: string, deadline: string) {
    const row = await t.app.db
      .insertInto('rectifications')
      .values({
        enterprise_id: enterpriseId,
        source: 'finding',
        title,
        deadline,
        status: 'open',
        created_at: new Date(now).toISOString(),
        updated_at: new Date(now).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }
  const reminderRows = (todoKey: string) =>
    t.app.db
      .selectFrom('todo_reminders')
      .selectAll()
      .where('todo_key', '=', todoKey)
      .orderBy('occasion')
      .execute()

  beforeAll(async () => {
    wechat = await startFakeWechat()
    t = await createTestApp(
      {
        WECHAT_API_BASE: wechat.baseUrl,
        WECHAT_APPID: 'wx-test-app',
        WECHAT_SECRET: 'test-secret-never-logged',
        // A loopback call to the fake must not time out on a busy machine (a timeout is a final failure).
        WECHAT_TIMEOUT_MS: '30000',
        WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES),
        WECHAT_SUBSCRIBE_TEMPLATE_MEETING: 'tmpl-meeting',
      },
      { clock: () => now },
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    ;[liaison, liaisonSoe, office] = await Promise.all(
      ['demo-liaison-private', 'demo-liaison-soe', 'demo-office'].map((o) => loginAs(t.app, o)),
    )
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  it('offers the configured templates of each kind and the caller’s unused accepts', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reminders' })).statusCode).toBe(401)
    expect(await offer(liaison)).toEqual({
      templates: { ...TEMPLATES, meeting_due: 'tmpl-meeting' },
      pending: {},
    })
  })

  it('refuses a malformed answer, and keeps only templates the server knows', async () => {
    const post = (payload: object) =>
      call(t.app, liaison, { method: 'POST', url: '/api/v1/reminders/grants', payload })
    const four = ['a', 'b', 'c', 'd'].map((id) => ({ templateId: `tmpl-${id}`, result: 'accept' }))
    expect((await post({ results: four })).statusCode).toBe(400) // WeChat asks for 3 at most
    expect((await post({ results: [] })).statusCode).toBe(400)
    expect((await post({ results: [{ templateId: 'tmpl-todo', result: 'maybe' }] })).statusCode).toBe(400)
    expect((await post({ results: [{ templateId: 'tmpl\u0000x', result: 'accept' }] })).statusCode).toBe(400)
    const unknown = await post({ results: [{ templateId: 'tmpl-elsewhere', result: 'accept' }] })
    expect(unknown.statusCode).toBe(201)
    expect(unknown.json()).toMatchObject({ recorded: 0, pending: {} })
    const refused = await grant(liaison, 'tmpl-todo', 'reject')
    expect(refused.json()).toMatchObject({ recorded: 1, pending: {} })
  })

  it('sends one message per accept about a new to-do, then again only when one falls overdue', async () => {
    // Already on the list when the user subscribes: they are looking at it, no message for it.
    const before = await rectification(privateId, '完善采购审批制度', ymd(2))
    const accepted = await grant(liaison, 'tmpl-todo')
    expect(accepted.statusCode).toBe(201)
    expect(accepted.json()).toMatchObject({ recorded: 1, pending: { 'tmpl-todo': 1 } })
    expect(await run()).toEqual({ sent: 0, failed: 0, skipped: 0 })

    // A new one arrives: one message, the accept is spent.
    const title = '修订财务报销制度并组织财务人员开展廉洁从业专题学习'
    const fresh = await rectification(privateId, title, ymd(9))
    expect(await run()).toEqual({ sent: 1, failed: 0, skipped: 0 })
    const [message] = sent()
    expect(message).toMatchObject({
      touser: 'demo-liaison-private',
      template_id: 'tmpl-todo',
      page: 'pages/tasks/index',
      miniprogram_state: 'formal',
    })
    expect(message.data.thing1.value).toBe(`整改：${title}`.slice(0, 19) + '…')
    expect(Array.from(message.data.thing1.value)).toHaveLength(20)
    expect(message.data.time2.value).toBe(
      `${ymd(9).replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')} 23:59`,
    )
    expect(message.data.phrase3.value).toBe('待办理')
    expect(message.data.thing4.value).toBe('县恒达食品有限公司')
    expect((await offer(liaison)).pending).toEqual({})
    expect(await run()).toEqual({ sent: 0, failed: 0, skipped: 0 })

    // Another accept: nothing new, so it waits…
    await grant(liaison, 'tmpl-todo')
    expect(await run()).toEqual({ sent: 0, failed: 0, skipped: 0 })
    expect((await offer(liaison)).pending).toEqual({ 'tmpl-todo': 1 })
    // …until the first one's last day has passed (北京时间): 已逾期, once.
    now += 3 * DAY
    expect(await run()).toEqual({ sent: 1, failed: 0, skipped: 0 })
    const overdue = sent()[1]
    expect(overdue.data.thing1.value).toBe('整改：完善采购审批制度')
    expect(overdue.data.phrase3.value).toBe('已逾期')
    await grant(liaison, 'tmpl-todo')
    expect(await run()).toEqual({ sent: 0, failed: 0, skipped: 0 })
    expect(sent()).toHaveLength(2)

    expect((await reminderRows(`rectification:${before}`)).map((r) => [r.occasion, r.status])).toEqual([
      ['new', 'known'],
      ['overdue', 'sent'],
    ])
    expect((await reminderRows(`rectification:${fresh}`)).map((r) => [r.occasion, r.status])).toEqual([
      ['new', 'sent'],
    ])
    // The unique index is what holds it, whoever runs the sender: a second row for the same user,
    // to-do and occasion is refused (checked on a key of its own, so no sender state is involved).
    const [row] = await reminderRows(`rectification:${fresh}`)
    const { id: _id, ...copy } = { ...row, todo_key: `unique-check:${fresh}` }
    await t.app.db.insertInto('todo_reminders').values(copy).execute()
    // better-sqlite3's SqliteError is not an Error to jest's realm check, so read the code itself.
    const refused = await t.app.db
      .insertInto('todo_reminders')
      .values(copy)
      .execute()
      .then(
        () => null,
        (error: { code?: string }) => error.code,
      )
    expect(refused).toMatch(/^(SQLITE_CONSTRAINT_UNIQUE|23505)$/)
  })

  it('tries a busy WeChat again three times at most, gives the accept back, and logs no token', async () => {
    const warn = jest.spyOn(t.app.log, 'warn')
    expect((await offer(liaison)).pending).toEqual({ 'tmpl-todo': 1 })
    const busy = await rectification(privateId, '补充廉洁教育记录', ymd(20))
    wechat.subscribe.failAlways = -1
    try {
      for (const attempt of [1, 2, 3]) {
        expect(await run()).toEqual({ sent: 0, failed: 1, skipped: 0 })
        const [row] = await reminderRows(`rectification:${busy}`)
        expect(row).toMatchObject({ attempts: attempt, status: attempt < 3 ? 'retry' : 'failed' })
        // WeChat sent nothing: the accept is still the user's.
        expect((await offer(liaison)).pending).toEqual({ 'tmpl-todo': 1 })
      }
      expect(await run()).toEqual({ sent: 0, failed: 0, skipped: 0 })
    } finally {
      wechat.subscribe.failAlways = null
    }
    const tries = sent().filter((m) => m.data.thing1.value === '整改：补充廉洁教育记录')
    expect(tries).toHaveLength(3)

    // A refusal (the user turned reminders off in WeChat) is final and spends the accept.
    const refused = await rectification(privateId, '落实整改通知', ymd(20))
    wechat.subscribe.failNext = 43101
    expect(await run()).toEqual({ sent: 0, failed: 1, skipped: 0 })
    expect((await offer(liaison)).pending).toEqual({})
    await grant(liaison, 'tmpl-todo')
    expect(await run()).toEqual({ sent: 0, failed: 0, skipped: 0 })
    expect((await reminderRows(`rectification:${refused}`))[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      result: '43101 user refuse to accept the msg',
    })

    expect(warn).toHaveBeenCalledTimes(4)
    const logged = JSON.stringify(warn.mock.calls)
    expect(logged).toContain('43101')
    for (const token of wechat.subscribe.tokens) expect(logged).not.toContain(token)
    expect(logged).not.toContain('test-secret-never-logged')
    const stored = await t.app.db.selectFrom('subscribe_grants').select('send_result').execute()
    expect(JSON.stringify(stored)).not.toContain('fake-access-token')
    warn.mockRestore()
  })

  it("reminds each user of their own enterprise's to-dos only", async () => {
    expect((await offer(liaison)).pending).toEqual({ 'tmpl-todo': 1 })
    await grant(liaisonSoe, 'tmpl-todo')
    const count = sent().length
    await rectification(soeId, '国企的整改事项', ymd(5))
    expect(await run()).toEqual({ sent: 1, failed: 0, skipped: 0 })
    expect(
      sent()
        .slice(count)
        .map((m) => [m.touser, m.data.thing4.value]),
    ).toEqual([['demo-liaison-soe', '县城市建设投资集团有限公司']])
    // The private liaison's accept is untouched, and the SOE's new to-do never reaches them.
    expect((await offer(liaison)).pending).toEqual({ 'tmpl-todo': 1 })
    expect((await offer(liaisonSoe)).pending).toEqual({})
  })

  it('sends one message per accept when runs overlap (two processes, or 立即发送 during the timer)', async () => {
    const forbidden = await call(t.app, liaison, { method: 'POST', url: '/api/v1/reminders/send' })
    expect(forbidden.statusCode).toBe(403)
    await rectification(privateId, '并发时的整改', ymd(6))
    const count = sent().length
    const runs = await Promise.all(
      [1, 2, 3].map(() => call(t.app, office, { method: 'POST', url: '/api/v1/reminders/send' })),
    )
    expect(runs.map((r) => r.statusCode)).toEqual([200, 200, 200])
    expect(runs.reduce((n, r) => n + (r.json().sent as number), 0)).toBe(1)
    expect(sent().length - count).toBe(1)
  })

  it('sends nothing to a disabled account, and keeps its accept for when it is enabled again', async () => {
    await grant(liaison, 'tmpl-todo')
    await t.app.db
      .updateTable('users')
      .set({ disabled_at: new Date(now).toISOString() })
      .where('openid', '=', 'demo-liaison-private')
      .execute()
    await rectification(privateId, '停用账号的整改', ymd(6))
    const count = sent().length
    expect(await run()).toEqual({ sent: 0, failed: 0, skipped: 0 })
    expect(sent()).toHaveLength(count)
    await t.app.db
      .updateTable('users')
      .set({ disabled_at: null })
      .where('openid', '=', 'demo-liaison-private')
      .execute()
    expect(await run()).toEqual({ sent: 1, failed: 0, skipped: 0 })
    expect(sent()[count].data.thing1.value).toBe('整改：停用账号的整改')
  })

  it('reminds the branch secretary of 三会一课 falling due, with the meeting template’s fields', async () => {
    const secretary = await loginAs(t.app, 'demo-secretary-private')
    await grant(secretary, 'tmpl-meeting')
    expect(await run()).toMatchObject({ sent: 0 })
    // Within 7 days of the month's end, this month's meetings fall due: one message for the kind.
    now = dayOfThisMonth(25)
    const count = sent().length
    const result = await run()
    const mine = sent()
      .slice(count)
      .filter((m) => m.touser === 'demo-secretary-private')
    expect(mine).toHaveLength(1)
    expect(result.sent).toBeGreaterThanOrEqual(1)
    const [message] = mine
    expect(message.template_id).toBe('tmpl-meeting')
    expect(Object.keys(message.data).sort()).toEqual(['date2', 'thing1', 'thing3'])
    expect(Array.from(message.data.thing1.value).length).toBeLessThanOrEqual(20)
    expect(message.data.thing1.value).toMatch(/待开展/)
    expect(message.data.date2.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    expect(message.data.thing3.value).toBe('县恒达食品有限公司党支部')
  })

  it('the production timer sends in the day (北京时间) and stays quiet at night', async () => {
    const token = await loginAs(t.app, 'demo-liaison-mixed')
    const mixedId = await idOf(t.app, 'enterprises', '县园区水务发展有限公司')
    await grant(token, 'tmpl-todo')
    const count = sent().length
    const wait = () => new Promise((r) => setTimeout(r, 400))
    // 23:00 北京时间: nothing goes out.
    now = dayOfThisMonth(25) + 13 * 3600_000
    await rectification(mixedId, '夜间新增的整改', ymd(3))
    let stop = startReminderTimer(t.app, 50)
    await wait()
    stop()
    expect(sent()).toHaveLength(count)
    // The next morning at 08:30 it does (within a few ticks, however busy the machine).
    now = dayOfThisMonth(25) + DAY + 30 * 60_000 - 2 * 3600_000
    stop = startReminderTimer(t.app, 50)
    for (let waited = 0; sent().length === count && waited < 10_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50))
    await wait() // and no second message on the later ticks
    stop()
    expect(
      sent()
        .slice(count)
        .map((m) => m.data.thing1.value),
    ).toEqual(['整改：夜间新增的整改'])
  })
})
