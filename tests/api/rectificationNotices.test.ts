import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing } from './support/isolation'
import { shanghaiDate } from '../../src/models/shanghaiTime'

const DAY = 86_400_000

describe(`整改通知 from a supervising department (${TEST_DB})`, () => {
  let t: TestApp
  let supervisor: string
  let otherSupervisor: string
  let office: string
  let liaison: string
  let privateId: number
  let soeId: number
  const notice = (deadline = shanghaiDate(Date.now() + 20 * DAY)) => ({
    title: '廉洁风险点排查不全面',
    detail: '请对照任务7所列风险领域补充排查物资采购、财务管理岗位的廉洁风险点。',
    deadline,
  })

  beforeAll(async () => {
    t = await createTestApp()
    ;[supervisor, otherSupervisor, office, liaison] = await Promise.all(
      ['demo-supervisor-united', 'demo-supervisor-finance', 'demo-office', 'demo-liaison-private'].map((o) =>
        loginAs(t.app, o),
      ),
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
  })
  afterAll(() => t.close())

  it('creates a 待整改 item the liaison sees and answers like any other, once per idempotency key', async () => {
    const url = `/api/v1/enterprises/${privateId}/rectifications`
    const headers = { 'idempotency-key': 'notice-1' }
    const [first, again] = [
      await call(t.app, supervisor, { method: 'POST', url, payload: notice(), headers }),
      await call(t.app, supervisor, { method: 'POST', url, payload: notice(), headers }),
    ]
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    const created = first.json()
    expect(again.json().id).toBe(created.id)
    expect(created).toMatchObject({
      source: 'notice',
      status: 'open',
      title: '廉洁风险点排查不全面',
      assessmentId: null,
      overdue: false,
    })
    expect(created.history).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'open', comment: '县委统战部下发整改通知' }),
    ])

    const list = (await call(t.app, liaison, { method: 'GET', url })).json().rectifications
    expect(list.filter((r: { source: string }) => r.source === 'notice')).toHaveLength(1)
    const responded = await call(t.app, liaison, {
      method: 'POST',
      url: `${url}/${created.id}/respond`,
      payload: { response: '已补充排查并建立风险点台账' },
    })
    expect(responded.statusCode).toBe(200)
    expect(responded.json().status).toBe('awaiting_verification')

    // The office may issue one too.
    expect((await call(t.app, office, { method: 'POST', url, payload: notice() })).statusCode).toBe(201)
  })

  it('refuses the enterprise itself, hides other departments’ enterprises, and checks the input', async () => {
    const url = (id: number) => `/api/v1/enterprises/${id}/rectifications`
    const byLiaison = await call(t.app, liaison, { method: 'POST', url: url(privateId), payload: notice() })
    expect(byLiaison.statusCode).toBe(403)
    // 县委统战部 does not supervise the state-owned enterprise: it answers like a missing one.
    await expectSameAsMissing(t.app, supervisor, [{ method: 'POST', url, payload: notice() }], [soeId])
    await expectSameAsMissing(
      t.app,
      otherSupervisor,
      [{ method: 'POST', url, payload: notice() }],
      [privateId],
    )

    const past = await call(t.app, supervisor, {
      method: 'POST',
      url: url(privateId),
      payload: notice(shanghaiDate(Date.now() - DAY)),
    })
    expect(past.statusCode).toBe(400)
    expect(past.json().error.fields).toEqual([{ path: 'deadline', message: '整改期限不能早于今天' }])
    const empty = await call(t.app, supervisor, {
      method: 'POST',
      url: url(privateId),
      payload: { title: '', detail: '', deadline: '明天' },
    })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.code).toBe('VALIDATION_FAILED')
    expect(
      empty
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['deadline', 'detail', 'title'])
  })
})
