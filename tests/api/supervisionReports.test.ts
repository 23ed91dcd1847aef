import JSZip from 'jszip'
import { createTestApp, TEST_DB, call, loginAs, type TestApp } from './support/testApp'
import { addLedgerEnterprises } from './support/bulkEnterprises'
import { expectOneWinner, race } from './support/races'
import { setUpCounty } from '../../server/features/setup/service'
import type { TSupervisionFigures } from '../../src/models/supervisionOverview'
import type { TReport, TReportPage, TReportRow } from '../../src/models/supervisionReport'

/**
 * 督查专报: a department's report holds exactly its enterprises, the office's table is the overview's
 * figures (per department and 合计), the figures stay as generated, a stale edit answers 409 REPORT_STALE
 * (also in a race), a finalised report refuses edits, another department's report is not found.
 */
describe(`督查专报 (${TEST_DB})`, () => {
  let t: TestApp
  let office: string
  let united: string
  let finance: string
  const get = async <T>(token: string, url: string) => {
    const res = await call(t.app, token, { method: 'GET', url })
    expect([url, res.statusCode, res.statusCode === 200 ? '' : res.body]).toEqual([url, 200, ''])
    return res.json() as T
  }
  const create = async (token: string, payload: object = {}) => {
    const res = await call(t.app, token, {
      method: 'POST',
      url: '/api/v1/supervision/reports',
      payload: {
        title: '关于清廉企业建设推进情况的督查专报',
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        ...payload,
      },
    })
    expect([res.statusCode, res.statusCode === 201 ? '' : res.body]).toEqual([201, ''])
    return res.json() as TReport
  }
  const edit = (token: string, id: number, payload: object) =>
    call(t.app, token, { method: 'PATCH', url: `/api/v1/supervision/reports/${id}`, payload })
  const rowOf = (f: TSupervisionFigures, name: string, departmentId: number | null): TReportRow => ({
    name,
    departmentId,
    enterprises: f.total,
    notStarted: f.completion.not_started,
    draft: f.completion.draft,
    submitted: f.completion.submitted,
    returned: f.completion.returned,
    accepted: f.completion.accepted,
    overdueEnterprises: f.rectifications.overdue.enterprises,
    average: f.scores.find((s) => s.key === 'overall')!.average,
  })

  beforeAll(async () => {
    t = await createTestApp()
    ;[office, united, finance] = await Promise.all(
      ['demo-office', 'demo-supervisor-united', 'demo-supervisor-finance'].map((o) => loginAs(t.app, o)),
    )
    await addLedgerEnterprises(t.app.db, 12)
  })
  afterAll(() => t.close())

  it("puts the overview's figures in the office's table: one row per department and 合计", async () => {
    const report = await create(office)
    expect(report).toMatchObject({ status: 'draft', version: 1, number: 1, departmentId: null })
    const all = await get<TSupervisionFigures>(office, '/api/v1/supervision/figures')
    expect(report.snapshot.total).toEqual(rowOf(all, '合计', null))
    const expected = await Promise.all(
      all.departments
        .filter((d) => d.enterprises > 0)
        .map(async (d) =>
          rowOf(
            await get<TSupervisionFigures>(office, `/api/v1/supervision/figures?departmentId=${d.id}`),
            d.name,
            d.id,
          ),
        ),
    )
    expect(expected.length).toBeGreaterThan(1)
    expect(report.snapshot.rows).toEqual(expected)
    expect(report.sections.progress).toContain(`${all.total}家企业`)
    // Written as an official document is: no spaces between Chinese text and the figures in it.
    expect(Object.values(report.sections).join('\n')).not.toMatch(/\p{Script=Han} \d|\d \p{Script=Han}/u)
    const audit = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'supervision_report.create')
      .where('entity_id', '=', String(report.id))
      .executeTakeFirst()
    expect(audit).toBeDefined()
  })

  it("holds exactly a department's enterprises in its report; another department's answers 404", async () => {
    const mine = await create(finance)
    const figures = await get<TSupervisionFigures>(finance, '/api/v1/supervision/figures')
    expect(mine.departmentId).toBe(figures.departments[0].id)
    expect(mine.snapshot.rows).toEqual([rowOf(figures, figures.departments[0].name, mine.departmentId)])
    expect(mine.snapshot.total.enterprises).toBe(figures.total)
    const linked = (
      await t.app.db
        .selectFrom('supervision_links')
        .select('enterprise_id')
        .where('department_id', '=', mine.departmentId!)
        .execute()
    ).map((l) => l.enterprise_id)
    for (const e of [...mine.snapshot.named, ...mine.snapshot.returned])
      expect(linked).toContain(e.enterpriseId)
    // Seen by its department and the office; not by another department (404, as if missing).
    await get<TReport>(office, `/api/v1/supervision/reports/${mine.id}`)
    for (const [method, url, payload] of [
      ['GET', `/api/v1/supervision/reports/${mine.id}`, undefined],
      ['GET', `/api/v1/supervision/reports/${mine.id}/report.docx`, undefined],
      ['PATCH', `/api/v1/supervision/reports/${mine.id}`, { version: 1, title: '改' }],
      ['POST', `/api/v1/supervision/reports/${mine.id}/finalise`, { version: 1 }],
    ] as const) {
      const res = await call(t.app, united, { method, url, payload })
      expect([url, res.statusCode]).toEqual([url, 404])
    }
    const unitedList = await get<TReportPage>(united, '/api/v1/supervision/reports')
    expect(unitedList.items.map((r) => r.id)).not.toContain(mine.id)
    const officeList = await get<TReportPage>(office, '/api/v1/supervision/reports?pageSize=1')
    expect(officeList).toMatchObject({ total: 2, pageSize: 1 })
    expect(officeList.items[0].id).toBe(mine.id)
    // Not one of its own departments: not found.
    const other = await call(t.app, finance, {
      method: 'POST',
      url: '/api/v1/supervision/reports',
      payload: {
        title: '专报',
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        departmentId: unitedList.items[0]?.departmentId ?? 999,
      },
    })
    expect(other.statusCode).toBe(404)
  })

  it('keeps its figures as generated when the data changes', async () => {
    const report = await create(office)
    await addLedgerEnterprises(t.app.db, 3)
    const later = await get<TReport>(office, `/api/v1/supervision/reports/${report.id}`)
    expect(later.snapshot).toEqual(report.snapshot)
    const now = await get<TSupervisionFigures>(office, '/api/v1/supervision/figures')
    expect(now.total).toBe(report.snapshot.total.enterprises + 3)
  })

  it('answers a stale edit 409 REPORT_STALE, one winner in a race, and refuses edits once finalised', async () => {
    const report = await create(office)
    const first = await edit(office, report.id, { version: 1, sections: { nextSteps: '下一步：限期整改。' } })
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ version: 2, sections: { nextSteps: '下一步：限期整改。' } })
    const stale = await edit(office, report.id, { version: 1, title: '旧版本上的修改' })
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'REPORT_STALE'])
    const racers = await race((i) =>
      edit(office, report.id, { version: 2, sections: { scope: `范围 ${i}` } }),
    )
    expectOneWinner(racers, 200, '409 REPORT_STALE')
    const current = await get<TReport>(office, `/api/v1/supervision/reports/${report.id}`)
    expect(current.version).toBe(3)
    const finalised = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/supervision/reports/${report.id}/finalise`,
      payload: { version: 3 },
    })
    expect(finalised.json()).toMatchObject({ status: 'final', version: 4 })
    const refused = await edit(office, report.id, { version: 4, title: '定稿后修改' })
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'REPORT_FINALISED'])
    const actions = await t.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'supervision_report')
      .where('entity_id', '=', String(report.id))
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'supervision_report.create',
      'supervision_report.edit',
      'supervision_report.edit',
      'supervision_report.finalise',
    ])
  })

  it('counts each unfinished 整改 once in 发现的问题: overdue, still in time, awaiting verification', async () => {
    const enterprise = await t.app.db
      .selectFrom('enterprises')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const at = new Date().toISOString()
    await t.app.db
      .insertInto('rectifications')
      .values(
        (
          [
            ['2020-01-31', 'open'],
            ['2020-02-29', 'returned'],
            ['2020-03-31', 'awaiting_verification'],
            ['2099-12-31', 'returned'],
          ] as const
        ).map(([deadline, status]) => ({
          enterprise_id: enterprise.id,
          source: 'notice' as const,
          assessment_id: null,
          item_code: null,
          title: '专报测试整改事项',
          detail: '补充廉洁风险点排查',
          deadline,
          status,
          response: null,
          created_by: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute()
    const report = await create(office)
    const unfinished = await t.app.db
      .selectFrom('rectifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['open', 'returned', 'awaiting_verification'])
      .executeTakeFirstOrThrow()
    const { overdue, awaiting, open } = report.snapshot.rectifications
    expect(overdue).toBeGreaterThan(0)
    expect(awaiting).toBeGreaterThan(0)
    expect(open).toBe(Number(unfinished.n))
    // The three parts of the sentence add up to the unfinished 整改, none counted twice.
    const parts = report.sections.problems.match(
      /共(\d+)项整改超过期限未完成；另有(\d+)项整改正在进行、尚未到期，(\d+)项待核验。/,
    )
    expect(parts).not.toBeNull()
    expect(parts!.slice(1, 4).map(Number)).toEqual([overdue, open - overdue - awaiting, awaiting])
  })

  it("has a department's own report call on itself in 下一步工作, the office's on every department", async () => {
    const own = await create(finance)
    const all = await create(office)
    expect(own.sections.nextSteps).toContain('（三）本部门加强日常督查')
    expect(own.sections.nextSteps).not.toContain('各监管部门')
    expect(all.sections.nextSteps).toContain('（三）各监管部门加强日常督查')
  })

  it('downloads the report as a .docx whose table is the snapshot', async () => {
    const report = await create(office)
    const res = await call(t.app, office, {
      method: 'GET',
      url: `/api/v1/supervision/reports/${report.id}/report.docx`,
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('wordprocessingml')
    const zip = await JSZip.loadAsync(res.rawPayload)
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toContain('督 查 专 报')
    expect(xml).toContain(report.snapshot.rows[0].name)
    expect((xml.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(2 * (report.snapshot.rows.length + 2))
  }, 60_000)

  // Last: it names the county, which every later office report would carry.
  it("issues the office's report in the county's name once `npm run setup` gave one, generically before", async () => {
    const docxText = async (id: number) => {
      const res = await call(t.app, office, {
        method: 'GET',
        url: `/api/v1/supervision/reports/${id}/report.docx`,
      })
      expect(res.statusCode).toBe(200)
      const zip = await JSZip.loadAsync(res.rawPayload)
      return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
    }
    const before = await create(office)
    expect(before.snapshot.issuer).toBe('县清廉企业建设工作领导小组办公室')
    await t.database.db.transaction().execute((trx) => setUpCounty(trx, '演示县', Date.now()))
    const after = await create(office)
    expect(after.snapshot.issuer).toBe('演示县清廉企业建设工作领导小组办公室')
    // the head's 期号 line and the signature at the end both name the issuer
    expect((await docxText(after.id)).split('演示县清廉企业建设工作领导小组办公室').length - 1).toBe(2)
    // a report already made keeps the issuer it was made under, also after 更新数据; a department's names itself
    const refreshed = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/supervision/reports/${before.id}/refresh`,
      payload: { version: before.version },
    })
    expect([refreshed.statusCode, refreshed.json().snapshot.issuer]).toEqual([200, before.snapshot.issuer])
    expect((await docxText(before.id)).includes('演示县')).toBe(false)
    const list = await get<TReportPage>(office, '/api/v1/supervision/reports')
    expect(list.items.find((r) => r.id === after.id)?.issuer).toBe('演示县清廉企业建设工作领导小组办公室')
    expect((await create(finance)).snapshot.issuer).toBe('县财政局')
  }, 60_000)
})
