import { SECTIONS } from '../../src/models/checklist'
import { sectionScoreColumns } from '../../server/features/assessments/scoreColumns'
import type { TRectificationStatus } from '../../src/models/rectification'
import { isOverdue } from '../../src/models/rectificationTimeliness'
import { shanghaiDate, shanghaiDateAfterDays } from '../../src/models/shanghaiTime'
import type { TSupervisionEnterprise } from '../../src/models/supervisionEnterprise'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing } from './support/isolation'

describe(`监管 · 企业详情 [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  let united: string
  let finance: string
  let liaison: string
  let hengda: number
  let enterprises: number[]
  const page = (id: number) => `/api/v1/supervision/enterprises/${id}`
  const get = (token: string, url: string) => call(t.app, token, { method: 'GET', url })

  beforeAll(async () => {
    t = await createTestApp()
    ;[office, united, finance, liaison] = await Promise.all(
      ['demo-office', 'demo-supervisor-united', 'demo-supervisor-finance', 'demo-liaison-private'].map((o) =>
        loginAs(t.app, o),
      ),
    )
    hengda = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    enterprises = (await t.app.db.selectFrom('enterprises').select('id').orderBy('id').execute()).map(
      (e) => e.id,
    )
  })
  afterAll(() => t.close())

  it('opens every enterprise for the office', async () => {
    for (const id of enterprises) {
      const res = await get(office, page(id))
      expect(res.statusCode).toBe(200)
      expect(res.json().profile.id).toBe(id)
    }
  })

  it('shows a department exactly its enterprises; any other answers like a missing one', async () => {
    for (const [token, department] of [
      [united, '县委统战部'],
      [finance, '县财政局'],
    ] as const) {
      const departmentId = await idOf(t.app, 'departments', department)
      const linked = (
        await t.app.db
          .selectFrom('supervision_links')
          .select('enterprise_id')
          .where('department_id', '=', departmentId)
          .execute()
      ).map((l) => l.enterprise_id)
      expect(linked.length).toBeGreaterThan(0)
      const opened: number[] = []
      for (const id of enterprises) if ((await get(token, page(id))).statusCode === 200) opened.push(id)
      expect(opened).toEqual([...linked].sort((a, b) => a - b))
      await expectSameAsMissing(
        t.app,
        token,
        [
          { method: 'GET', url: (id) => page(id) },
          { method: 'GET', url: (id) => `${page(id)}/history` },
        ],
        enterprises.filter((id) => !linked.includes(id)),
      )
    }
    // The enterprise's own members do not get the supervisors' page.
    expect((await get(liaison, page(hengda))).statusCode).toBe(403)
  })

  it('gives the figures the records hold: campaigns, 整改, 三会一课, pledges, attendance, history', async () => {
    const db = t.app.db
    const now = new Date().toISOString()
    const today = shanghaiDate(Date.now())
    // An earlier, closed campaign that 恒达 passed with scores per dimension.
    const template = await db.selectFrom('checklist_templates').select('id').executeTakeFirstOrThrow()
    const office_ = await db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-office')
      .executeTakeFirstOrThrow()
    const earlier = await db
      .insertInto('campaigns')
      .values({
        name: '2025年度自查',
        period_start: '2025-01-01',
        period_end: '2025-12-31',
        due_date: '2025-12-31',
        template_id: template.id,
        created_by: office_.id,
        created_at: now,
        closed_at: now,
        county_wide: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const sections = SECTIONS.map((section, i) => ({
      section,
      score: 60 + i * 10,
      applicable: 5,
      answered: 5,
      weightCounted: 5,
    }))
    await db
      .insertInto('assessments')
      .values({
        campaign_id: earlier.id,
        enterprise_id: hengda,
        template_id: template.id,
        status: 'accepted',
        overall_score: 75.5,
        ...sectionScoreColumns(sections),
        submitted_at: now,
        reviewed_at: now,
        reviewed_by: office_.id,
        created_at: now,
        updated_at: now,
      })
      .execute()
    // 整改 in every state: overdue, two awaiting verification, one closed (and a notice below).
    const rect = (title: string, status: TRectificationStatus, deadline: string) =>
      db
        .insertInto('rectifications')
        .values({
          enterprise_id: hengda,
          source: 'finding',
          assessment_id: null,
          item_code: null,
          title,
          detail: null,
          deadline,
          status,
          response: status === 'awaiting_verification' ? '已整改' : null,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    await rect('台账不全', 'open', '2025-03-01')
    const awaiting = await rect('制度未公开', 'awaiting_verification', '2025-04-01')
    await rect('廉洁风险点未识别', 'awaiting_verification', shanghaiDateAfterDays(Date.now(), 10))
    await rect('已销号事项', 'closed', '2025-01-10')
    const notice = await call(t.app, united, {
      method: 'POST',
      url: `/api/v1/enterprises/${hengda}/rectifications`,
      payload: {
        title: '补齐廉洁承诺',
        detail: '全员签署年度廉洁承诺',
        deadline: shanghaiDateAfterDays(Date.now(), 20),
      },
    })
    expect(notice.statusCode).toBe(201)
    const verified = await call(t.app, united, {
      method: 'POST',
      url: `/api/v1/enterprises/${hengda}/rectifications/${awaiting.id}/verify`,
      payload: { decision: 'close' },
    })
    expect(verified.statusCode).toBe(200)

    const res = await get(united, page(hengda))
    expect(res.statusCode).toBe(200)
    const body = res.json() as TSupervisionEnterprise
    expect(body.profile).toMatchObject({ name: '县恒达食品有限公司', ownership: 'private' })
    expect(body.profile.departments.sort()).toEqual(['县委统战部', '县市场监管局'].sort())
    expect(body.profile.liaisons.map((l) => l.name)).toEqual(['陈静'])

    // Campaigns: every assessment of the enterprise, newest first, with the scores it holds.
    const assessments = await db
      .selectFrom('assessments')
      .selectAll()
      .where('enterprise_id', '=', hengda)
      .execute()
    expect(body.campaignCount).toBe(assessments.length)
    expect(body.campaigns).toHaveLength(assessments.length)
    expect(body.campaigns[body.campaigns.length - 1]).toMatchObject({
      campaignName: '2025年度自查',
      status: 'accepted',
      overall: 75.5,
      closed: true,
      sections,
    })

    // 整改: the counts are the records', and the list is exactly the open ones.
    const rows = await db
      .selectFrom('rectifications')
      .selectAll()
      .where('enterprise_id', '=', hengda)
      .execute()
    const notClosed = rows.filter((r) => r.status !== 'closed')
    expect(body.rectifications).toMatchObject({
      open: notClosed.length,
      overdue: rows.filter((r) => isOverdue(r.status, r.deadline, today)).length,
      awaitingVerification: rows.filter((r) => r.status === 'awaiting_verification').length,
      closed: rows.filter((r) => r.status === 'closed').length,
    })
    expect(body.rectifications.open).toBe(3)
    expect(body.rectifications.overdue).toBe(1)
    expect(body.rectifications.awaitingVerification).toBe(1)
    expect(body.rectifications.items.map((r) => r.id).sort()).toEqual(notClosed.map((r) => r.id).sort())
    expect(body.rectifications.items.filter((r) => r.overdue)).toHaveLength(body.rectifications.overdue)

    // 三会一课, pledges and attendance: what the department's own lists say of this enterprise.
    const party = (await get(united, '/api/v1/supervision/party')).json()
    const branches = party.items.filter((b: { enterpriseId: number }) => b.enterpriseId === hengda)
    expect(body.party.branches.map((b) => [b.branchId, b.rate])).toEqual(
      branches.map((b: { branchId: number; rate: number | null }) => [b.branchId, b.rate]),
    )
    expect(body.party.branches.length).toBeGreaterThan(0)
    const coverage = (await get(united, '/api/v1/supervision/pledge-coverage?pageSize=200')).json()
    const pledgeRow = coverage.items.find((e: { enterpriseId: number }) => e.enterpriseId === hengda)
    expect(body.pledges).toMatchObject({
      members: pledgeRow.members,
      personalSigned: pledgeRow.personalSigned,
      personalRate: pledgeRow.personalRate,
      enterprisePledge: pledgeRow.enterprisePledge,
    })
    const opened = await db
      .selectFrom('event_audience as a')
      .innerJoin('events as e', 'e.id', 'a.event_id')
      .select('e.id')
      .where('a.enterprise_id', '=', hengda)
      .where('e.sign_in_opens_at', '<=', new Date().toISOString())
      .where('e.cancelled_at', 'is', null)
      .execute()
    expect(body.attendance.events).toBe(opened.length)
    expect(body.attendance.expected).toBe(opened.length * body.pledges.members)

    // History: the notice and the verification, newest first, named by their 整改.
    expect(body.history.total).toBe(2)
    expect(body.history.items.map((h) => [h.action, h.subject, h.decision])).toEqual([
      ['rectification.verify', '制度未公开', 'close'],
      ['rectification.notice', '补齐廉洁承诺', null],
    ])
    expect(body.history.items[0].actorName).toBeTruthy()
    const second = (await get(united, `${page(hengda)}/history?page=2&pageSize=1`)).json()
    expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 })
    expect(second.items.map((h: { action: string }) => h.action)).toEqual(['rectification.notice'])
  })

  it('takes a removed supervision link into account on the next request', async () => {
    const departmentId = await idOf(t.app, 'departments', '县委统战部')
    const nopo = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    expect((await get(united, page(nopo))).statusCode).toBe(200)
    const unlink = await call(t.app, office, {
      method: 'DELETE',
      url: `/api/v1/enterprises/${nopo}/supervisors/${departmentId}`,
    })
    expect(unlink.statusCode).toBe(200)
    const after = await get(united, page(nopo))
    expect(after.statusCode).toBe(404)
    expect(after.json().error.code).toBe('NOT_FOUND')
    expect((await get(united, `${page(nopo)}/history`)).statusCode).toBe(404)
    expect((await get(office, page(nopo))).statusCode).toBe(200)
  })
})
