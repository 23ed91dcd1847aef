import { setUpCounty } from '../../server/features/setup/service'
import { rollOf, type TBranchDetail } from '../../src/models/meeting'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'
import { postEvent } from './support/corrections'
import { startFakeWechat, type FakeWechat } from './support/fakeWechat'
import { expectOneWinner, race, RACERS } from './support/races'

const HOUR = 3600_000

/** Joins, decisions, retirements, sign-ins and meeting records sent RACERS times at once: one effect each. */
describe(`races: people, sign-ins, meeting records [${TEST_DB}]`, () => {
  let t: TestApp
  const now = Date.now()
  let office: string
  let liaison: string
  let secretary: string
  let employee: string
  let enterpriseId: number
  let wechat: FakeWechat

  beforeAll(async () => {
    wechat = await startFakeWechat()
    t = await createTestApp(
      { WECHAT_API_BASE: wechat.baseUrl, WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'test-secret' },
      { clock: () => now },
    )
    ;[office, liaison, secretary, employee] = await Promise.all(
      ['demo-office', 'demo-liaison-private', 'demo-secretary-private', 'demo-employee-private'].map((o) =>
        loginAs(t.app, o),
      ),
    )
    enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  it('a first WeChat login sent eight times at once makes one user; every answer signs in as it', async () => {
    const answers = await race(() =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'ok:openid-race-1' } }),
    )
    expect(answers.map((a) => a.statusCode)).toEqual(Array(RACERS).fill(200))
    const users = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'openid-race-1')
      .execute()
    expect(users).toHaveLength(1)
    expect(new Set(answers.map((a) => a.json().user.id))).toEqual(new Set([users[0].id]))
  })

  /** Someone new, signed in. */
  let people = 0
  async function newcomer(): Promise<{ id: number; token: string }> {
    const n = (people += 1)
    const at = new Date(now).toISOString()
    const user = await t.app.db
      .insertInto('users')
      .values({ openid: `race-newcomer-${n}`, name: `新人${n}`, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: user.id, token: await loginAs(t.app, `race-newcomer-${n}`) }
  }

  async function invite(maxUses?: number, role = 'employee'): Promise<string> {
    const res = await call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/enterprises/${enterpriseId}/invites`,
      payload: { role, maxUses },
    })
    expect(res.statusCode).toBe(201)
    return res.json().code
  }

  const join = (token: string, code: string) =>
    call(t.app, token, { method: 'POST', url: '/api/v1/invites/join', payload: { code } })
  const membershipsOf = (userId: number) =>
    t.app.db.selectFrom('memberships').selectAll().where('user_id', '=', userId).execute()

  it('one person joining eight times at once makes one request', async () => {
    const code = await invite(50)
    const person = await newcomer()
    expectOneWinner(await race(() => join(person.token, code)), 201, '409 ALREADY_MEMBER')
    expect(await membershipsOf(person.id)).toHaveLength(1)
  })

  it('an invite with one use left takes one of eight people joining at once', async () => {
    const code = await invite(1)
    const crowd = await Promise.all(Array.from({ length: RACERS }, () => newcomer()))
    expectOneWinner(await race((i) => join(crowd[i].token, code)), 201, '409 INVITE_USED_UP')
    const row = await t.app.db
      .selectFrom('invites')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
    expect(row.uses).toBe(1)
  })

  it('a 支部书记 invite is for one person: two people redeeming it at once, one request is made', async () => {
    const code = await invite(undefined, 'branch_secretary')
    const pair = await Promise.all([newcomer(), newcomer()])
    const answers = await race((i) => join(pair[i].token, code), 2)
    expectOneWinner(answers, 201, '409 INVITE_USED_UP')
    const loser = answers.find((a) => a.statusCode !== 201)!
    expect(loser.json().error.message).toBe('该邀请码仅限1人使用，已被他人使用；请向发码人索取新的邀请码')
    const joined = await Promise.all(pair.map((p) => membershipsOf(p.id)))
    expect(joined.map((m) => m.length).sort()).toEqual([0, 1])
  })

  it('a join request is decided once: approvals and refusals at the same moment, one wins', async () => {
    const code = await invite(50)
    const person = await newcomer()
    const membershipId: number = (await join(person.token, code)).json().membershipId
    const answers = await race((i) =>
      call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/enterprises/${enterpriseId}/members/${membershipId}/${i % 2 ? 'approve' : 'reject'}`,
      }),
    )
    expectOneWinner(answers, 200, '409 JOIN_REQUEST_NOT_PENDING')
  })

  it('an administrator code is redeemed once', async () => {
    const { code } = await setUpCounty(t.app.db, '测试县', now)
    const person = await newcomer()
    const answers = await race(() =>
      call(t.app, person.token, { method: 'POST', url: '/api/v1/setup/redeem', payload: { code } }),
    )
    expectOneWinner(answers, 201, '404 ADMIN_CODE_INVALID')
    expect(await membershipsOf(person.id)).toHaveLength(1)
  })

  it('a department retired eight times at once is retired once (the others answer the same)', async () => {
    const created = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/departments',
      payload: { name: '并发撤销测试局' },
    })
    const departmentId: number = created.json().id
    const link = await call(t.app, office, {
      method: 'PUT',
      url: `/api/v1/enterprises/${enterpriseId}/supervisors/${departmentId}`,
    })
    expect(link.statusCode).toBe(200)
    const answers = await race(() =>
      call(t.app, office, { method: 'POST', url: `/api/v1/departments/${departmentId}/retire` }),
    )
    expect(answers.map((a) => a.statusCode)).toEqual(Array(RACERS).fill(200))
    expect(answers.map((a) => a.json().unlinked).sort()).toEqual([...Array(RACERS - 1).fill(0), 1])
  })

  it('a person scanning one event eight times at once signs in once (the others: already signed in)', async () => {
    const event = (await postEvent(t.app, liaison, enterpriseId, now)).json()
    const qr = (await call(t.app, liaison, { method: 'GET', url: `/api/v1/events/${event.id}/qr` })).json()
    const answers = await race(() =>
      call(t.app, employee, {
        method: 'POST',
        url: '/api/v1/sign-ins',
        payload: { payload: qr.payload, scannedAt: new Date(now).toISOString() },
      }),
    )
    expectOneWinner(answers, 201, '200')
    const rows = await t.app.db.selectFrom('sign_ins').select('id').where('event_id', '=', event.id).execute()
    expect(rows).toHaveLength(1)
  })

  it('a proxy sign-in sent eight times at once is recorded once', async () => {
    const event = (await postEvent(t.app, liaison, enterpriseId, now)).json()
    const person = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-head-private')
      .executeTakeFirstOrThrow()
    const answers = await race(() =>
      call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/events/${event.id}/sign-ins/proxy`,
        payload: { userId: person.id, reason: '手机没电' },
      }),
    )
    expectOneWinner(answers, 201, '200')
  })

  describe('meeting records', () => {
    let base: string
    let branch: TBranchDetail
    beforeAll(async () => {
      const { id } = await t.app.db
        .selectFrom('party_branches')
        .select('id')
        .where('enterprise_id', '=', enterpriseId)
        .executeTakeFirstOrThrow()
      base = `/api/v1/enterprises/${enterpriseId}/party-branches/${id}`
      branch = (await call(t.app, secretary, { method: 'GET', url: base })).json()
    })

    /** A complete 支委会 record of an hour ago, everyone present. */
    const committee = (extra: Record<string, unknown> = {}) => ({
      type: 'committee',
      topic: '研究本月清廉企业建设推进事项',
      startsAt: new Date(now - HOUR).toISOString(),
      place: '公司党员活动室',
      host: '梁红梅',
      recorder: '梁红梅',
      attendance: rollOf(branch.members, 'committee', null).map((m) => ({
        memberId: m.id,
        status: 'present',
      })),
      nonMemberAttendees: '',
      minutes: '会议传达了清廉企业建设实施方案。',
      decisions: '开展廉洁风险点排查。',
      ...extra,
    })

    const auditOf = (action: string, meetingId: number) =>
      t.app.db
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', action)
        .where('entity_id', '=', String(meetingId))
        .execute()

    it('a draft submitted eight times at once is submitted once (the others answer the same record)', async () => {
      const draft = await call(t.app, secretary, {
        method: 'POST',
        url: `${base}/meetings`,
        payload: committee(),
      })
      expect(draft.statusCode).toBe(201)
      const id: number = draft.json().id
      const answers = await race(() =>
        call(t.app, secretary, { method: 'POST', url: `${base}/meetings/${id}/submit` }),
      )
      expect(answers.map((a) => a.statusCode)).toEqual(Array(RACERS).fill(200))
      const audit = await auditOf('meeting.submit', id)
      expect(audit.filter((a) => !JSON.parse(a.detail ?? '{}').repeat)).toHaveLength(1)
    })

    it('corrections sent at once are kept one after another: revisions 1 to 8, none lost', async () => {
      const record = await call(t.app, secretary, {
        method: 'POST',
        url: `${base}/meetings`,
        payload: committee({ submit: true }),
      })
      expect(record.statusCode).toBe(201)
      const id: number = record.json().id
      const answers = await race((i) =>
        call(t.app, secretary, {
          method: 'PUT',
          url: `${base}/meetings/${id}`,
          payload: committee({ topic: `更正后的议题${i}`, correctionReason: `第${i}次更正` }),
        }),
      )
      expect(answers.map((a) => a.statusCode)).toEqual(Array(RACERS).fill(200))
      const revisions = await t.app.db
        .selectFrom('meeting_revisions')
        .select('revision')
        .where('meeting_id', '=', id)
        .orderBy('revision')
        .execute()
      expect(revisions.map((r) => r.revision)).toEqual(Array.from({ length: RACERS }, (_, i) => i + 1))
    })
  })
})
