import ExcelJS from 'exceljs'
import type { TRectification } from '../../src/models/rectification'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { sheetRows } from './support/sheets'

/**
 * A 整改 handed in after its deadline keeps its mark once 待核验 and 已销号: 逾期完成 in the answer and in
 * the 工作台账's 是否逾期 column, judged by the 北京时间 day of the hand-in that led there. Before, the mark
 * went with the open status, and a late one read like any finished on time.
 */
describe(`整改 handed in late [${TEST_DB}]`, () => {
  let t: TestApp
  const bj = (local: string) => Date.parse(`${local}+08:00`)
  let now = bj('2026-04-28T10:00:00')
  const DEADLINE = '2026-05-01'
  let supervisor: string
  let liaison: string
  let base: string

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[supervisor, liaison] = await Promise.all(
      ['demo-supervisor-united', 'demo-liaison-private'].map((o) => loginAs(t.app, o)),
    )
    base = `/api/v1/enterprises/${await idOf(t.app, 'enterprises', '县恒达食品有限公司')}/rectifications`
  })
  afterAll(() => t.close())

  async function issue(title: string): Promise<number> {
    now = bj('2026-04-28T10:00:00')
    const res = await call(t.app, supervisor, {
      method: 'POST',
      url: base,
      payload: { title, detail: '请补充排查采购岗位廉洁风险点', deadline: DEADLINE },
    })
    expect(res.statusCode).toBe(201)
    return res.json().id
  }

  async function step(id: number, who: string, name: 'respond' | 'verify', payload: object) {
    const res = await call(t.app, who, { method: 'POST', url: `${base}/${id}/${name}`, payload })
    expect(res.statusCode).toBe(200)
    return res.json() as TRectification
  }
  const respond = (id: number) => step(id, liaison, 'respond', { response: '已补充排查并建立风险点台账' })
  const close = (id: number) => step(id, supervisor, 'verify', { decision: 'close' })

  async function ledger(): Promise<Buffer> {
    const res = await call(t.app, supervisor, { method: 'GET', url: '/api/v1/supervision/ledger.xlsx' })
    expect(res.statusCode).toBe(200)
    return res.rawPayload
  }

  /** 是否逾期 of the 整改 titled so, in the 工作台账 the supervisor downloads. */
  async function ledgerMark(title: string): Promise<unknown> {
    const [header, ...rows] = await sheetRows(await ledger(), '整改事项')
    const row = rows.find((r) => r[header.indexOf('整改事项')] === title)
    expect(row).toBeDefined()
    return row![header.indexOf('是否逾期')] ?? ''
  }

  it('handed in at 01:00 北京时间 the day after the deadline (still the deadline in UTC): 逾期完成, kept once closed', async () => {
    const id = await issue('逾期报送的整改')
    now = Date.parse('2026-05-01T17:00:00Z')
    const handedIn = await respond(id)
    expect(handedIn).toMatchObject({
      status: 'awaiting_verification',
      overdue: false,
      timeliness: 'done_late',
      submittedAt: '2026-05-01T17:00:00.000Z',
    })
    now = bj('2026-05-06T09:00:00')
    expect(await close(id)).toMatchObject({ status: 'closed', timeliness: 'done_late' })
    expect(await ledgerMark('逾期报送的整改')).toBe('逾期完成')
    // The list answers the same.
    const list: TRectification[] = (await call(t.app, liaison, { method: 'GET', url: base })).json()
      .rectifications
    expect(list.find((r) => r.id === id)).toMatchObject({ timeliness: 'done_late' })
  })

  it('handed in at 23:00 北京时间 on the deadline: on time, blank in the 台账', async () => {
    const id = await issue('按时报送的整改')
    now = bj('2026-05-01T23:00:00')
    expect(await respond(id)).toMatchObject({ timeliness: 'done_on_time' })
    now = bj('2026-05-06T09:00:00')
    expect(await close(id)).toMatchObject({ status: 'closed', timeliness: 'done_on_time' })
    expect(await ledgerMark('按时报送的整改')).toBe('')
  })

  it('says on the 说明 sheet what 逾期 and 逾期完成 mean', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await ledger()) as unknown as ArrayBuffer)
    const notes: string[] = []
    workbook.getWorksheet('说明')!.eachRow((row) => notes.push(String(row.values)))
    const note = notes.find((n) => n.includes('是否逾期：'))
    expect(note).toContain('报送日期晚于整改期限为逾期完成')
    expect(note).toContain('被退回的报送不计，重新报送后以新的报送日期计')
  })

  it('returned after an early hand-in, then handed in again late: 逾期 meanwhile, then 逾期完成 by the new date', async () => {
    const id = await issue('退回后重报的整改')
    now = bj('2026-04-29T10:00:00')
    expect(await respond(id)).toMatchObject({ timeliness: 'done_on_time' })
    const returned = await step(id, supervisor, 'verify', {
      decision: 'return',
      comment: '风险点不全，请补充',
    })
    expect(returned).toMatchObject({ status: 'returned', timeliness: 'not_due', submittedAt: null })
    now = bj('2026-05-03T10:00:00')
    expect(await ledgerMark('退回后重报的整改')).toBe('逾期')
    const again = await respond(id)
    expect(again).toMatchObject({ timeliness: 'done_late', submittedAt: new Date(now).toISOString() })
    expect(await ledgerMark('退回后重报的整改')).toBe('逾期完成')
    now = bj('2026-05-04T10:00:00')
    await close(id)
    expect(await ledgerMark('退回后重报的整改')).toBe('逾期完成')
  })
})
