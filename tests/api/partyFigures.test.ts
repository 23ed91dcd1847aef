import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { creditCodeCheckChar } from '../../src/models/creditCode'
import type { TCompliance, TMeeting, TPartySupervisionPage } from '../../src/models/meeting'
import {
  ATTENDANCE_BANDS,
  MEETING_BANDS,
  type TEnterpriseListPage,
  type TMeetingFigures,
  type TSupervisionFigures,
} from '../../src/models/supervisionOverview'
import { shanghaiParts } from '../../src/models/shanghaiTime'

const HOUR = 3600_000
const iso = (ms: number) => new Date(ms).toISOString()

/** 10:00 北京时间 on the 25th of the real current month: the month's 支委会 is due, not overdue. */
function twentyFifth(): number {
  const { year, month } = shanghaiParts(Date.now())
  return Date.UTC(year, month - 1, 25, 2, 0, 0)
}

/**
 * 三会一课 and 活动 figures from records a supervisor can trust: a meeting is a record of 党员 who attended
 * (refused without a roll or with nobody present, and not counted if kept so from before); an enterprise
 * whose profile names a party organisation but has no 党支部 is 未设立支部, not 暂无要求; an enterprise
 * invited to an event with nobody on the system is 受邀·暂无成员, not 无活动.
 */
describe(`三会一课 and 活动 figures a supervisor can trust [${TEST_DB}]`, () => {
  const now = twentyFifth()
  let t: TestApp
  let secretary: string
  let united: string
  let office: string
  let privateId: number
  let newId: number // 县新立建材有限公司: 党支部 in its profile, none registered at first
  let nopoId: number // 县顺通物流有限公司: no party organisation

  const get = async <T>(token: string, url: string): Promise<T> => {
    const res = await call(t.app, token, { method: 'GET', url })
    expect([url, res.statusCode]).toEqual([url, 200])
    return res.json() as T
  }
  const listIds = async (token: string, query: string) =>
    (
      await get<TEnterpriseListPage>(token, `/api/v1/supervision/enterprises?pageSize=200&${query}`)
    ).items.map((r) => r.enterpriseId)
  const meetingFigures = (token: string) =>
    get<TMeetingFigures>(token, '/api/v1/supervision/figures/meetings')
  const party = (token: string) => get<TPartySupervisionPage>(token, '/api/v1/supervision/party')

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[secretary, united, office] = await Promise.all(
      ['demo-secretary-private', 'demo-supervisor-united', 'demo-office'].map((o) => loginAs(t.app, o)),
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    nopoId = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    const unitedId = await idOf(t.app, 'departments', '县委统战部')
    const body = '91450000MA5L0PF0'.padEnd(17, '1')
    const created = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: {
        name: '县新立建材有限公司',
        creditCode: body + creditCodeCheckChar(body)!,
        ownership: 'private',
        partyOrg: 'branch',
        supervisingDepartmentIds: [unitedId],
      },
    })
    expect([created.statusCode, created.statusCode === 201 ? '' : created.body]).toEqual([201, ''])
    newId = created.json().id
  })
  afterAll(async () => {
    await t.close()
  })

  it('counts a party organisation without a registered 党支部 as 未设立支部, apart from 暂无要求', async () => {
    for (const token of [united, office]) {
      const figures = await meetingFigures(token)
      const noBranch = await listIds(token, 'meetings=no_branch')
      expect(noBranch).toContain(newId)
      expect(await listIds(token, 'meetings=none')).toContain(nopoId)
      expect(await listIds(token, 'meetings=none')).not.toContain(newId)
      for (const band of MEETING_BANDS)
        expect([band, figures.bands[band]]).toEqual([band, (await listIds(token, `meetings=${band}`)).length])
      // 三会一课监管 names them (it lists branches, so they were not there at all).
      const answer = await party(token)
      expect(answer.withoutBranch.total).toBe(figures.bands.no_branch)
      expect(answer.withoutBranch.enterprises).toContainEqual({
        enterpriseId: newId,
        enterpriseName: '县新立建材有限公司',
        partyOrg: 'branch',
      })
      expect(answer.items.map((b) => b.enterpriseId)).not.toContain(newId)
    }
  })

  it('refuses a meeting record without attendees: first the 党员名册, then someone present', async () => {
    const secretaryId = (
      await t.app.db
        .selectFrom('users')
        .select('id')
        .where('openid', '=', 'demo-secretary-private')
        .executeTakeFirstOrThrow()
    ).id
    const branch = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/branches`,
      payload: { name: '县恒达食品有限公司第二党支部', secretaryUserId: secretaryId },
    })
    expect(branch.statusCode).toBe(201)
    const base = `/api/v1/enterprises/${privateId}/party-branches/${branch.json().id}`
    const record = (attendance: unknown[], submit: boolean) => ({
      type: 'committee',
      topic: '学习《关于加强新时代廉洁文化建设的意见》',
      startsAt: iso(now - HOUR),
      place: '公司党员活动室',
      host: '梁红梅',
      recorder: '梁红梅',
      attendance,
      nonMemberAttendees: '',
      minutes: '传达学习县清廉企业建设实施方案。',
      decisions: '',
      submit,
    })
    // The walk's case: 应到 0 / 实到 0 submitted and counted.
    const empty = await call(t.app, secretary, {
      method: 'POST',
      url: `${base}/meetings`,
      payload: record([], true),
    })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error).toMatchObject({ code: 'MEETING_ROLL_EMPTY', fields: [{ path: 'attendance' }] })
    expect(empty.json().error.message).toContain('党员名册')
    // A draft may wait for the roll; its submission is refused the same way.
    const draft = await call(t.app, secretary, {
      method: 'POST',
      url: `${base}/meetings`,
      payload: record([], false),
    })
    expect(draft.statusCode).toBe(201)
    const meetingId = (draft.json() as TMeeting).id
    const submit = await call(t.app, secretary, {
      method: 'POST',
      url: `${base}/meetings/${meetingId}/submit`,
    })
    expect([submit.statusCode, submit.json().error.code]).toEqual([400, 'MEETING_ROLL_EMPTY'])
    // With a 支委 on the roll, a meeting nobody attended is refused too.
    const added = await call(t.app, secretary, {
      method: 'POST',
      url: `${base}/members`,
      payload: { name: '韦建新', branchRole: 'committee' },
    })
    expect(added.statusCode).toBe(201)
    const memberId = added.json().id as number
    const absent = await call(t.app, secretary, {
      method: 'PUT',
      url: `${base}/meetings/${meetingId}`,
      payload: record([{ memberId, status: 'absent', reason: '出差' }], true),
    })
    expect(absent.statusCode).toBe(400)
    expect(absent.json().error).toMatchObject({ code: 'MEETING_NOBODY_PRESENT' })
    expect(absent.json().error.message).toContain('不计入完成率')
    const held = await call(t.app, secretary, {
      method: 'PUT',
      url: `${base}/meetings/${meetingId}`,
      payload: record([{ memberId, status: 'present' }], true),
    })
    expect(held.statusCode).toBe(200)
    expect(held.json()).toMatchObject({ status: 'submitted', expected: 1, present: 1 })
    const calendar = await get<TCompliance>(secretary, `${base}/compliance`)
    const cell = calendar.rows.find((r) => r.type === 'committee')!.cells.find((c) => c.current)!
    expect(cell).toMatchObject({ status: 'done', count: 1, empty: 0 })
  })

  it('does not count a record kept from before with nobody present, and says so on the calendar', async () => {
    const created = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/enterprises/${newId}/branches`,
      payload: { name: '县新立建材有限公司党支部' },
    })
    expect(created.statusCode).toBe(201)
    const branchId = created.json().id as number
    const user = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-office')
      .executeTakeFirstOrThrow()
    // Straight into the table: submitting one is refused now, but records of before remain.
    await t.app.db
      .insertInto('meetings')
      .values({
        branch_id: branchId,
        enterprise_id: newId,
        type: 'committee',
        group_id: null,
        topic: '学习《关于加强新时代廉洁文化建设的意见》',
        starts_at: iso(now - HOUR),
        place: '公司党员活动室',
        host: '蒙志刚',
        recorder: '黄海燕',
        expected_count: 0,
        present_count: 0,
        non_member_attendees: '',
        minutes: '传达学习县清廉企业建设实施方案。',
        decisions: '',
        status: 'submitted',
        submitted_at: iso(now - HOUR),
        submitted_by: user.id,
        revision: 0,
        sign_in_event_id: null,
        created_by: user.id,
        created_at: iso(now - HOUR),
        updated_at: iso(now - HOUR),
      })
      .execute()
    const calendar = await get<TCompliance>(
      office,
      `/api/v1/enterprises/${newId}/party-branches/${branchId}/compliance`,
    )
    const cell = calendar.rows.find((r) => r.type === 'committee')!.cells.find((c) => c.current)!
    expect(cell).toMatchObject({ status: 'due', count: 0, empty: 1 })
    expect(calendar.overall).toEqual({ required: 0, done: 0, rate: null })
    for (const token of [united, office]) {
      const row = (await party(token)).items.find((b) => b.branchId === branchId)!
      expect(row).toMatchObject({
        meetingsThisMonth: 0,
        reportedThisMonth: false,
        lastMeetingAt: null,
        rate: null,
      })
      expect((await party(token)).withoutBranch.enterprises.map((e) => e.enterpriseId)).not.toContain(newId)
      // 监管总览: nothing due yet in a branch set up this month, and the empty record is no 100%.
      expect(await listIds(token, 'meetings=none')).toContain(newId)
      expect(await listIds(token, 'meetings=high')).not.toContain(newId)
      const mine = (await get<TEnterpriseListPage>(token, `/api/v1/supervision/enterprises?q=县新立建材`))
        .items
      expect(mine.map((r) => r.meetings)).toEqual([{ required: 0, done: 0 }])
    }
  })

  it('tells 受邀·暂无成员 from 无受邀活动 in 活动到会率', async () => {
    const event = await t.app.db
      .selectFrom('events')
      .select('id')
      .where('sign_in_opens_at', '<=', iso(now))
      .where('cancelled_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    // Invited to an event under way (the audience row is what inviting writes), with nobody on the system.
    await t.app.db.insertInto('event_audience').values({ event_id: event.id, enterprise_id: newId }).execute()
    for (const token of [united, office]) {
      const figures = await get<TSupervisionFigures>(token, '/api/v1/supervision/figures')
      expect(await listIds(token, 'attendance=no_members')).toContain(newId)
      expect(await listIds(token, 'attendance=no_events')).not.toContain(newId)
      for (const band of ATTENDANCE_BANDS)
        expect([band, figures.attendance.bands[band]]).toEqual([
          band,
          (await listIds(token, `attendance=${band}`)).length,
        ])
    }
  })
})
