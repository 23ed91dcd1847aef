import { createTestApp, TEST_DB, call, loginAs, type TestApp } from './support/testApp'
import { addLedgerEnterprises } from './support/bulkEnterprises'
import { expectOneWinner, race, RACERS } from './support/races'
import { shanghaiDate, shanghaiDateAfterDays } from '../../src/models/shanghaiTime'
import type { TReport, TReportPeriodRow } from '../../src/models/supervisionReport'

/**
 * 督查专报 over its period: the period's counts (北京时间 days, inclusive) per department and 合计, the period
 * checked (400 REPORT_PERIOD_INVALID), 更新数据 keeping edited text, and 期号 unique under a race.
 */
describe(`督查专报 period (${TEST_DB})`, () => {
  let t: TestApp
  let office: string
  let finance: string
  const today = shanghaiDate(Date.now())
  const daysAgo = (n: number) => shanghaiDateAfterDays(Date.now(), -n)
  const post = (token: string, url: string, payload: object) =>
    call(t.app, token, { method: 'POST', url: `/api/v1/supervision/reports${url}`, payload })
  const create = async (token: string, periodStart: string, periodEnd: string) => {
    const res = await post(token, '', { title: '督查专报', periodStart, periodEnd })
    expect([res.statusCode, res.statusCode === 201 ? '' : res.body]).toEqual([201, ''])
    return res.json() as TReport
  }
  /** 北京时间 noon of a day, as stored. */
  const at = (day: string, time = '12:00:00') => new Date(`${day}T${time}+08:00`).toISOString()

  beforeAll(async () => {
    t = await createTestApp()
    ;[office, finance] = await Promise.all(
      ['demo-office', 'demo-supervisor-finance'].map((o) => loginAs(t.app, o)),
    )
    await addLedgerEnterprises(t.app.db, 6)
  })
  afterAll(() => t.close())

  it('counts what happened in the period, per department and 合计, and nothing outside it', async () => {
    const start = daysAgo(20)
    const end = daysAgo(10)
    const before = await create(finance, start, end)
    const departmentId = before.departmentId!
    const db = t.app.db
    const target = await db
      .selectFrom('assessments as a')
      .innerJoin('supervision_links as l', 'l.enterprise_id', 'a.enterprise_id')
      .select(['a.id', 'a.enterprise_id'])
      .where('l.department_id', '=', departmentId)
      .where('a.campaign_id', '=', before.snapshot.campaign!.id)
      .executeTakeFirstOrThrow()
    const actor = (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id
    const ev = (to: string, when: string) => ({
      assessment_id: target.id,
      from_status: 'draft',
      to_status: to,
      actor_id: actor,
      comment: null,
      created_at: when,
    })
    await db
      .insertInto('assessment_events')
      .values([
        ev('submitted', at(start, '00:00:01')), // first moment of the first day: in
        ev('submitted', at(end, '23:59:59')), // last moment of the last day: in
        ev('returned', at(end)),
        ev('submitted', at(daysAgo(21), '23:59:59')), // the day before: out
        ev('returned', at(daysAgo(9), '00:00:01')), // the day after: out
      ])
      .execute()
    const rect = (deadline: string, created: string) => ({
      enterprise_id: target.enterprise_id,
      source: 'notice' as const,
      assessment_id: null,
      item_code: null,
      title: '限期整改',
      detail: null,
      deadline,
      status: 'open' as const,
      response: null,
      created_by: actor,
      created_at: created,
      updated_at: created,
      risk_id: null,
    })
    const ids: number[] = []
    for (const r of [
      rect(daysAgo(15), at(start)), // issued in the period, overdue in the period
      rect(daysAgo(12), at(daysAgo(30))), // issued before; handed in late: overdue in the period
      rect(daysAgo(11), at(daysAgo(30))), // handed in on time: not overdue
      rect(daysAgo(5), at(daysAgo(30))), // deadline after the period
    ])
      ids.push((await db.insertInto('rectifications').values(r).returning('id').executeTakeFirstOrThrow()).id)
    const rev = (id: number, to: string, when: string) => ({
      rectification_id: id,
      from_status: 'open',
      to_status: to,
      actor_id: actor,
      comment: null,
      created_at: when,
    })
    await db
      .insertInto('rectification_events')
      .values([
        rev(ids[1], 'awaiting_verification', at(daysAgo(11))),
        rev(ids[1], 'closed', at(daysAgo(10))), // 销号 in the period
        rev(ids[2], 'awaiting_verification', at(daysAgo(11), '09:00:00')),
        rev(ids[2], 'closed', at(daysAgo(8))), // after the period
      ])
      .execute()
    const urge = (day: string) => ({
      enterprise_id: target.enterprise_id,
      department_id: departmentId,
      kind: 'rectification' as const,
      item_id: ids[0],
      day,
      note: null,
      created_by: actor,
      created_at: at(day),
    })
    await db
      .insertInto('urges')
      .values([urge(start), urge(end), urge(daysAgo(9))])
      .execute()

    const after = await create(finance, start, end)
    const delta = (a: TReportPeriodRow, b: TReportPeriodRow) => ({
      submitted: a.submitted - b.submitted,
      returned: a.returned - b.returned,
      issued: a.issued - b.issued,
      closed: a.closed - b.closed,
      becameOverdue: a.becameOverdue - b.becameOverdue,
      urged: a.urged - b.urged,
    })
    const expected = { submitted: 2, returned: 1, issued: 1, closed: 1, becameOverdue: 2, urged: 2 }
    expect(after.snapshot.period).toMatchObject({ start, end })
    expect(delta(after.snapshot.period!.total, before.snapshot.period!.total)).toEqual(expected)
    expect(delta(after.snapshot.period!.rows[0], before.snapshot.period!.rows[0])).toEqual(expected)
    // The office's report: the department's row and 合计 grow alike.
    const officeReport = await create(office, start, end)
    const row = officeReport.snapshot.period!.rows.find((r) => r.departmentId === departmentId)!
    expect(row).toEqual(after.snapshot.period!.rows[0])
    expect(officeReport.snapshot.period!.total.submitted).toBeGreaterThanOrEqual(row.submitted)
    // Returned in the period: named; the text speaks of the period and of the day of generation.
    expect(after.snapshot.returned.map((e) => e.enterpriseId)).toContain(target.enterprise_id)
    expect(after.sections.progress).toContain(`本期（`)
    expect(after.sections.progress).toContain(`整改销号${after.snapshot.period!.total.closed}项`)
    expect(after.sections.progress).toMatch(/截至\d{4}年\d+月\d+日/)
  })

  it('refuses a period that ends before it starts, after today or spans more than a year', async () => {
    for (const [periodStart, periodEnd] of [
      [daysAgo(3), daysAgo(4)],
      [daysAgo(3), shanghaiDateAfterDays(Date.now(), 1)],
      [shanghaiDateAfterDays(Date.now(), -400), today],
    ]) {
      const res = await post(office, '', { title: '专报', periodStart, periodEnd })
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'REPORT_PERIOD_INVALID'])
      expect(res.json().error.message).toContain('督查期间')
    }
    await create(office, shanghaiDateAfterDays(Date.now(), -365), today)
  })

  it('更新数据 retakes the figures, keeps edited text, redrafts the rest; stale or final: 409', async () => {
    const report = await create(office, daysAgo(30), today)
    const edited = await call(t.app, office, {
      method: 'PATCH',
      url: `/api/v1/supervision/reports/${report.id}`,
      payload: { version: 1, sections: { nextSteps: '下一步：本办自拟。' } },
    })
    expect(edited.json()).toMatchObject({ version: 2, editedSections: ['nextSteps'] })
    await addLedgerEnterprises(t.app.db, 2)
    const stale = await post(office, `/${report.id}/refresh`, { version: 1 })
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'REPORT_STALE'])
    const res = await post(office, `/${report.id}/refresh`, { version: 2 })
    expect(res.statusCode).toBe(200)
    const refreshed = res.json() as TReport
    expect(refreshed.version).toBe(3)
    expect(refreshed.snapshot.total.enterprises).toBe(report.snapshot.total.enterprises + 2)
    expect(refreshed.sections.nextSteps).toBe('下一步：本办自拟。')
    expect(refreshed.sections.progress).toContain(`${refreshed.snapshot.total.enterprises}家企业中`)
    expect(refreshed.editedSections).toEqual(['nextSteps'])
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(report.id))
      .where('action', '=', 'supervision_report.refresh')
      .execute()
    expect(audit).toHaveLength(1)
    await post(office, `/${report.id}/finalise`, { version: 3 })
    const final = await post(office, `/${report.id}/refresh`, { version: 4 })
    expect([final.statusCode, final.json().error.code]).toEqual([409, 'REPORT_FINALISED'])
    const racing = await create(office, daysAgo(30), today)
    expectOneWinner(
      await race(() => post(office, `/${racing.id}/refresh`, { version: 1 })),
      200,
      '409 REPORT_STALE',
    )
  })

  it('opens and prints a report stored before the period counts were kept', async () => {
    const report = await create(office, daysAgo(30), today)
    const { period: _dropped, ...old } = report.snapshot
    await t.app.db
      .updateTable('supervision_reports')
      .set({ snapshot: JSON.stringify(old), edited_sections: null })
      .where('id', '=', report.id)
      .execute()
    const res = await call(t.app, office, { method: 'GET', url: `/api/v1/supervision/reports/${report.id}` })
    expect(res.statusCode).toBe(200)
    expect(res.json().snapshot.period).toBeUndefined()
    const docx = await call(t.app, office, {
      method: 'GET',
      url: `/api/v1/supervision/reports/${report.id}/report.docx`,
    })
    expect(docx.statusCode).toBe(200)
  }, 60_000)

  it('gives reports made at the same moment distinct 期号', async () => {
    const made = await race(() =>
      post(office, '', { title: '同时生成', periodStart: daysAgo(10), periodEnd: today }),
    )
    expect(made.map((r) => r.statusCode)).toEqual(Array(RACERS).fill(201))
    const numbers = made.map((r) => (r.json() as TReport).number)
    expect(new Set(numbers).size).toBe(RACERS)
  })
})
