import { createTestApp, TEST_DB, call, loginAs, type TestApp } from './support/testApp'
import { addLedgerEnterprises } from './support/bulkEnterprises'
import {
  ATTENDANCE_BANDS,
  COMPLETION_STATUSES,
  MEETING_BANDS,
  MILESTONE_KEYS,
  PLEDGE_BANDS,
  RECTIFICATION_FILTERS,
  type TEnterpriseListPage,
  type TMeetingFigures,
  type TRiskFigures,
  type TSupervisionFigures,
} from '../../src/models/supervisionOverview'
import { RISK_LEVELS } from '../../src/models/risk'
import { MILESTONE_STATUSES } from '../../src/models/milestones'
import { OWNERSHIPS, PARTY_ORGS } from '../../src/models/org'
import { computeCompliance } from '../../src/models/meetingCompliance'
import { shanghaiDate, shanghaiYear } from '../../src/models/shanghaiTime'
import { complianceMeetings, groupsByBranch } from '../../server/features/party/compliance'

/** Every figure of the answer with the list filter that should total to it. */
function figureFilters(
  f: TSupervisionFigures,
  meetings: TMeetingFigures,
  risks: TRiskFigures,
): [string, number][] {
  const out: [string, number][] = [['', f.total]]
  for (const k of OWNERSHIPS) out.push([`ownership=${k}`, f.ownership[k]])
  for (const k of PARTY_ORGS) out.push([`partyOrg=${k}`, f.partyOrg[k]])
  for (const k of COMPLETION_STATUSES) out.push([`status=${k}`, f.completion[k]])
  for (const s of f.scores) s.bands.forEach((n, i) => out.push([`score=${s.key}&band=${i}`, n]))
  for (const k of RECTIFICATION_FILTERS) out.push([`rectification=${k}`, f.rectifications[k].enterprises])
  for (const k of PLEDGE_BANDS) out.push([`pledge=${k}`, f.pledges.bands[k]])
  for (const k of ATTENDANCE_BANDS) out.push([`attendance=${k}`, f.attendance.bands[k]])
  for (const m of MILESTONE_KEYS)
    for (const s of MILESTONE_STATUSES) out.push([`milestone=${m}.${s}`, f.milestones[m][s]])
  for (const d of f.departments) out.push([`departmentId=${d.id}`, d.enterprises])
  for (const k of MEETING_BANDS) out.push([`meetings=${k}`, meetings.bands[k]])
  for (const k of RISK_LEVELS) out.push([`risk=${k}`, risks.levels[k].enterprises])
  out.push(['risk=overdue', risks.overdue.enterprises])
  for (const a of risks.areas) out.push([`risk=area:${a.area}`, a.enterprises])
  return out
}

describe(`监管总览 figures and drill-down lists (${TEST_DB})`, () => {
  let t: TestApp
  let office: string
  let united: string
  let finance: string
  let liaison: string
  const get = async <T>(token: string, url: string) => {
    const res = await call(t.app, token, { method: 'GET', url })
    expect([url, res.statusCode, res.statusCode === 200 ? '' : res.body]).toEqual([url, 200, ''])
    return res.json() as T
  }
  const departmentOf = async (openid: string) =>
    (
      await t.app.db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select('m.organisation_id')
        .where('u.openid', '=', openid)
        .where('m.organisation_kind', '=', 'department')
        .executeTakeFirstOrThrow()
    ).organisation_id
  const linkedTo = async (departmentId: number) =>
    (
      await t.app.db
        .selectFrom('supervision_links')
        .select('enterprise_id')
        .where('department_id', '=', departmentId)
        .execute()
    )
      .map((r) => r.enterprise_id)
      .sort((a, b) => a - b)
  const allIds = async (token: string, query = '') => {
    const page = await get<TEnterpriseListPage>(
      token,
      `/api/v1/supervision/enterprises?pageSize=200&${query}`,
    )
    return page.items.map((r) => r.enterpriseId).sort((a, b) => a - b)
  }

  /**
   * 有效 risk points over every other enterprise (levels, areas, reviews past and future), and a 已整改 one
   * that no figure counts.
   */
  const seedRisks = async () => {
    const ids = (await t.app.db.selectFrom('enterprises').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    )
    const creator = await t.app.db.selectFrom('users').select('id').executeTakeFirstOrThrow()
    const areas = ['material_purchase', 'finance', 'engineering_tender']
    const rows = ids.flatMap((enterprise_id, i) =>
      i % 2
        ? []
        : Array.from({ length: 1 + (i % 3) }, (_, j) => ({
            enterprise_id,
            area: areas[(i + j) % 3],
            area_name: null,
            post: '岗位',
            description: '风险描述',
            likelihood: 1 + ((i + j) % 3),
            impact: 1 + ((i + j) % 3),
            level: RISK_LEVELS[(i + j) % 3],
            measures: '防控措施',
            owner: '责任人',
            review_cycle: 3,
            next_review_date: (i + j) % 4 === 0 ? '2020-01-01' : '2099-01-01',
            status: (i === 2 && j === 0 ? 'rectified' : 'active') as 'active' | 'rectified',
            starter_code: null,
            rectification_id: null,
            version: 1,
            created_by: creator.id,
            created_at: '2026-01-01T00:00:00.000Z',
            updated_at: '2026-01-01T00:00:00.000Z',
          })),
    )
    await t.app.db.insertInto('risks').values(rows).execute()
  }
  /** The enterprises with a 有效 risk point matching `where`, among `ids` (null: all). */
  const withRisk = async (
    ids: number[] | null,
    where: (r: { level: string; next_review_date: string; area: string }) => boolean,
  ) => {
    const rows = await t.app.db
      .selectFrom('risks')
      .select(['enterprise_id', 'level', 'next_review_date', 'area'])
      .where('status', '=', 'active')
      .execute()
    return [
      ...new Set(
        rows.filter((r) => (!ids || ids.includes(r.enterprise_id)) && where(r)).map((r) => r.enterprise_id),
      ),
    ].sort((a, b) => a - b)
  }

  beforeAll(async () => {
    t = await createTestApp()
    ;[office, united, finance, liaison] = await Promise.all(
      ['demo-office', 'demo-supervisor-united', 'demo-supervisor-finance', 'demo-liaison-private'].map((o) =>
        loginAs(t.app, o),
      ),
    )
    // A few dozen more (the first department's), so the bands and pages have something to count.
    await addLedgerEnterprises(t.app.db, 30)
    await seedRisks()
  })
  afterAll(() => t.close())

  it('shows a department exactly its enterprises, in the figures and in the list', async () => {
    for (const [openid, token] of [
      ['demo-supervisor-united', united],
      ['demo-supervisor-finance', finance],
    ] as const) {
      const linked = await linkedTo(await departmentOf(openid))
      expect(linked.length).toBeGreaterThan(0)
      expect(await allIds(token)).toEqual(linked)
      const figures = await get<TSupervisionFigures>(token, '/api/v1/supervision/figures')
      expect(figures.total).toBe(linked.length)
      expect(figures.departments.map((d) => d.enterprises)).toEqual([linked.length])
      const meetings = await get<TMeetingFigures>(token, '/api/v1/supervision/figures/meetings')
      expect(meetings.total).toBe(linked.length)
    }
    const every = await t.app.db.selectFrom('enterprises').select('id').orderBy('id').execute()
    const figures = await get<TSupervisionFigures>(office, '/api/v1/supervision/figures')
    expect(figures.total).toBe(every.length)
    const page = await get<TEnterpriseListPage>(office, '/api/v1/supervision/enterprises?pageSize=200')
    expect(page.total).toBe(every.length)
    expect(page.items.map((r) => r.enterpriseId)).toEqual(every.map((r) => r.id))
  })

  it('answers every figure with the total of the list behind it (office, by department, a department)', async () => {
    const financeDepartment = await departmentOf('demo-supervisor-finance')
    for (const [token, scope] of [
      [office, ''],
      [office, `departmentId=${financeDepartment}`],
      [united, ''],
      [finance, ''],
    ] as const) {
      const figures = await get<TSupervisionFigures>(token, `/api/v1/supervision/figures?${scope}`)
      const meetings = await get<TMeetingFigures>(token, `/api/v1/supervision/figures/meetings?${scope}`)
      expect(meetings.total).toBe(figures.total)
      const risks = await get<TRiskFigures>(token, `/api/v1/supervision/figures/risks?${scope}`)
      expect(risks.levels.high.enterprises).toBeGreaterThan(0)
      const campaign = `campaignId=${figures.campaign!.id}`
      for (const [filter, expected] of figureFilters(figures, meetings, risks)) {
        if (scope && filter.startsWith('departmentId=')) continue
        const list = await get<TEnterpriseListPage>(
          token,
          `/api/v1/supervision/enterprises?${campaign}&${scope}&${filter}&pageSize=1`,
        )
        expect([filter, list.total]).toEqual([filter, expected])
      }
    }
  }, 120_000)

  it('counts 有效 risk points of exactly a department’s enterprises, and the office’s per department', async () => {
    const today = shanghaiDate(Date.now())
    for (const [openid, token] of [
      ['demo-supervisor-united', united],
      ['demo-supervisor-finance', finance],
      ['office', office],
    ] as const) {
      const linked = openid === 'office' ? null : await linkedTo(await departmentOf(openid))
      const risks = await get<TRiskFigures>(token, '/api/v1/supervision/figures/risks')
      const points = await t.app.db
        .selectFrom('risks')
        .select(['enterprise_id', 'level', 'next_review_date'])
        .where('status', '=', 'active')
        .execute()
      const mine = points.filter((r) => !linked || linked.includes(r.enterprise_id))
      expect(risks.active.points).toBe(mine.length)
      expect(risks.levels.high.points).toBe(mine.filter((r) => r.level === 'high').length)
      expect(risks.overdue.points).toBe(mine.filter((r) => r.next_review_date < today).length)
      expect(risks.areas.reduce((a, x) => a + x.points, 0)).toBe(mine.length)
      const high = await withRisk(linked, (r) => r.level === 'high')
      expect(high.length).toBe(risks.levels.high.enterprises)
      expect(await allIds(token, 'risk=high')).toEqual(high)
      expect(await allIds(token, 'risk=overdue')).toEqual(
        await withRisk(linked, (r) => r.next_review_date < today),
      )
      expect(await allIds(token, 'risk=area:finance')).toEqual(
        await withRisk(linked, (r) => r.area === 'finance'),
      )
      if (linked) expect(risks.departments.map((d) => d.high)).toEqual([high.length])
    }
    const risks = await get<TRiskFigures>(office, '/api/v1/supervision/figures/risks')
    for (const d of risks.departments) {
      const list = await get<TEnterpriseListPage>(
        office,
        `/api/v1/supervision/enterprises?departmentId=${d.id}&risk=high&pageSize=1`,
      )
      expect([d.name, list.total]).toEqual([d.name, d.high])
    }
  })

  it('counts what the bulk enterprises carry: submitted, scored, an open 整改, milestones on time', async () => {
    const figures = await get<TSupervisionFigures>(office, '/api/v1/supervision/figures')
    expect(figures.completion.submitted).toBeGreaterThanOrEqual(30)
    expect(figures.rectifications.open.enterprises).toBeGreaterThanOrEqual(30)
    expect(
      figures.milestones.leadingGroup.on_time + figures.milestones.leadingGroup.late,
    ).toBeGreaterThanOrEqual(30)
    const overall = figures.scores.find((s) => s.key === 'overall')!
    expect(overall.scored).toBeGreaterThanOrEqual(30)
    expect(overall.bands.reduce((a, b) => a + b, 0)).toBe(overall.scored)
    expect(overall.average).not.toBeNull()
    // The rows carry the stored per-section scores (80 in every section for these).
    const bulk = await get<TEnterpriseListPage>(
      office,
      `/api/v1/supervision/enterprises?q=${encodeURIComponent('县台账测试')}&pageSize=3`,
    )
    expect(bulk.total).toBe(30)
    expect(bulk.items[0].scores.sections.map((x) => x.score)).toEqual([80, 80, 80, 80, 80])
  })

  it('counts 三会一课 as the compliance rule does, branch by branch (groups, ended and current periods)', async () => {
    // One more record in the current month for a demo branch's group, and one for a committee: the
    // current period counts once done, a group's 党小组会 only for that group.
    const group = await t.app.db
      .selectFrom('party_groups as g')
      .innerJoin('party_branches as b', 'b.id', 'g.branch_id')
      .select(['g.id', 'g.branch_id', 'b.enterprise_id'])
      .orderBy('g.id')
      .executeTakeFirstOrThrow()
    const template = await t.app.db
      .selectFrom('meetings')
      .selectAll()
      .where('branch_id', '=', group.branch_id)
      .executeTakeFirstOrThrow()
    const { id: _id, ...row } = template
    const now = new Date(t.app.clock()).toISOString()
    for (const [type, groupId] of [
      ['group', group.id],
      ['committee', null],
    ] as const)
      await t.app.db
        .insertInto('meetings')
        .values({ ...row, type, group_id: groupId, starts_at: now, status: 'submitted' })
        .execute()

    const branches = await t.app.db.selectFrom('party_branches').selectAll().execute()
    const ids = branches.map((b) => b.id)
    const year = shanghaiYear(t.app.clock())
    const [meetings, groups] = await Promise.all([
      complianceMeetings(t.app.db, ids, year),
      groupsByBranch(t.app.db, ids),
    ])
    const expected = new Map<number, { required: number; done: number }>()
    for (const b of branches) {
      const { overall } = computeCompliance({
        year,
        now: t.app.clock(),
        meetings: meetings.get(b.id) ?? [],
        groups: groups.get(b.id) ?? [],
        since: Date.parse(b.created_at),
      })
      const sum = expected.get(b.enterprise_id) ?? { required: 0, done: 0 }
      expected.set(b.enterprise_id, {
        required: sum.required + overall.required,
        done: sum.done + overall.done,
      })
    }
    expect([...expected.values()].some((e) => e.done > 0)).toBe(true)
    const page = await get<TEnterpriseListPage>(office, '/api/v1/supervision/enterprises?pageSize=200')
    for (const r of page.items)
      expect([r.enterpriseId, r.meetings]).toEqual([
        r.enterpriseId,
        expected.get(r.enterpriseId) ?? { required: 0, done: 0 },
      ])
    const figures = await get<TMeetingFigures>(office, '/api/v1/supervision/figures/meetings')
    const totals = [...expected.values()].reduce(
      (a, e) => ({ required: a.required + e.required, done: a.done + e.done }),
      { required: 0, done: 0 },
    )
    expect({ required: figures.required, done: figures.done }).toEqual(totals)
    expect(MEETING_BANDS.reduce((a, k) => a + figures.bands[k], 0)).toBe(figures.total)
  })

  it('searches by name or credit code, filters and pages', async () => {
    const first = await get<TEnterpriseListPage>(united, '/api/v1/supervision/enterprises?pageSize=1')
    expect(first.items).toHaveLength(1)
    const row = first.items[0]
    const byName = await get<TEnterpriseListPage>(
      united,
      `/api/v1/supervision/enterprises?q=${encodeURIComponent(row.enterpriseName.slice(1, 4))}`,
    )
    expect(byName.items.map((r) => r.enterpriseId)).toContain(row.enterpriseId)
    const byCode = await get<TEnterpriseListPage>(
      united,
      `/api/v1/supervision/enterprises?q=${row.creditCode.slice(4, 14).toLowerCase()}`,
    )
    expect(byCode.items.map((r) => r.enterpriseId)).toEqual([row.enterpriseId])

    const all = await get<TEnterpriseListPage>(office, '/api/v1/supervision/enterprises?pageSize=200')
    const second = await get<TEnterpriseListPage>(office, '/api/v1/supervision/enterprises?page=2&pageSize=7')
    expect(second.total).toBe(all.total)
    expect(second.items.map((r) => r.enterpriseId)).toEqual(all.items.slice(7, 14).map((r) => r.enterpriseId))
    const privateOnes = await get<TEnterpriseListPage>(
      office,
      '/api/v1/supervision/enterprises?ownership=private',
    )
    expect(privateOnes.items.every((r) => r.ownership === 'private')).toBe(true)
  })

  it('compares two campaigns per enterprise: both scores and the change', async () => {
    const figures = await get<TSupervisionFigures>(office, '/api/v1/supervision/figures')
    expect(figures.campaigns.length).toBeGreaterThan(0)
    const [latest, earlier] = [figures.campaigns[0], figures.campaigns.at(-1)!]
    const page = await get<TEnterpriseListPage>(
      office,
      `/api/v1/supervision/enterprises?campaignId=${latest.id}&compareCampaignId=${earlier.id}&status=submitted&pageSize=5`,
    )
    expect(page.compareCampaign?.id).toBe(earlier.id)
    for (const row of page.items) {
      expect(row.compare).not.toBeNull()
      const { overall } = row.scores
      const then = row.compare!.scores.overall
      if (overall !== null && then !== null)
        expect(row.compare!.change.overall).toBeCloseTo(Math.round((overall - then) * 10) / 10, 5)
      expect(row.compare!.change.sections).toHaveLength(row.scores.sections.length)
    }
    const plain = await get<TEnterpriseListPage>(office, '/api/v1/supervision/enterprises?pageSize=1')
    expect(plain.items[0].compare).toBeNull()
  })

  it('answers 404 for a department or campaign out of reach, and refuses an enterprise member', async () => {
    const financeDepartment = await departmentOf('demo-supervisor-finance')
    for (const url of [
      `/api/v1/supervision/enterprises?departmentId=${financeDepartment}`,
      `/api/v1/supervision/figures?departmentId=${financeDepartment}`,
      '/api/v1/supervision/figures?campaignId=999999',
      `/api/v1/supervision/figures/meetings?departmentId=${financeDepartment}`,
      `/api/v1/supervision/figures/risks?departmentId=${financeDepartment}`,
      '/api/v1/supervision/enterprises?compareCampaignId=999999',
    ]) {
      const res = await call(t.app, united, { method: 'GET', url })
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 404, 'NOT_FOUND'])
    }
    const res = await call(t.app, liaison, { method: 'GET', url: '/api/v1/supervision/figures' })
    expect(res.statusCode).toBe(403)
  })

  it('takes a removed supervision link into account on the next request', async () => {
    const department = await departmentOf('demo-supervisor-united')
    const before = await linkedTo(department)
    const gone = before[0]
    await t.app.db
      .deleteFrom('supervision_links')
      .where('department_id', '=', department)
      .where('enterprise_id', '=', gone)
      .execute()
    expect(await allIds(united)).toEqual(before.slice(1))
    const figures = await get<TSupervisionFigures>(united, '/api/v1/supervision/figures')
    expect(figures.total).toBe(before.length - 1)
    const meetings = await get<TMeetingFigures>(united, '/api/v1/supervision/figures/meetings')
    expect(meetings.total).toBe(before.length - 1)
  })

  it('still documents the full rows of the paged list in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json()
    const row = doc.components.schemas.SupervisionEnterpriseRow
    expect(Object.keys(row.properties)).toEqual(
      expect.arrayContaining(['enterpriseName', 'scores', 'compare']),
    )
  })
})
