import ExcelJS from 'exceljs'
import type { TEvent } from '../../src/models/event'
import type { TAbsentees, TAttendance } from '../../src/models/attendance'
import { ABSENT_SHEET_COLUMNS } from '../../server/features/events/attendance'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'

const MINUTE = 60_000
const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The organiser's attendance lists: 已签到 and 未签到 paged (`page`, `pageSize`), the counts 签到 x / 应到 y /
 * 未签到 z, 代签人 on proxy sign-ins, a person in two audience enterprises listed once, and a cancelled
 * event's lists kept and marked.
 */
describe(`event attendance lists [${TEST_DB}]`, () => {
  let t: TestApp
  let liaison: string // 陈静, 县恒达食品有限公司 (4 approved members)
  let employee: string
  let supervisor: string // 县委统战部: supervises 恒达 and 顺通
  let privateId: number
  let nopoId: number
  let unitedId: number
  const users: Record<string, number> = {}

  beforeAll(async () => {
    t = await createTestApp()
    ;[liaison, employee, supervisor] = await Promise.all(
      ['demo-liaison-private', 'demo-employee-private', 'demo-supervisor-united'].map((o) =>
        loginAs(t.app, o),
      ),
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    nopoId = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    unitedId = await idOf(t.app, 'departments', '县委统战部')
    for (const openid of ['demo-head-private', 'demo-employee-private', 'demo-secretary-private'])
      users[openid] = (
        await t.app.db.selectFrom('users').select('id').where('openid', '=', openid).executeTakeFirstOrThrow()
      ).id
  })
  afterAll(() => t.close())

  async function create(url: string, token: string, extra: Record<string, unknown> = {}): Promise<TEvent> {
    const now = Date.now()
    const res = await call(t.app, token, {
      method: 'POST',
      url,
      payload: {
        kind: 'integrity_lecture',
        title: '签到名单分页',
        startsAt: iso(now + 10 * MINUTE),
        endsAt: iso(now + 120 * MINUTE),
        signInOpensAt: iso(now - 10 * MINUTE),
        ...extra,
      },
    })
    expect(res.statusCode).toBe(201)
    return res.json()
  }

  const list = async <T>(eventId: number, which: 'attendance' | 'absentees', query = '', token = liaison) => {
    const res = await call(t.app, token, { method: 'GET', url: `/api/v1/events/${eventId}/${which}${query}` })
    expect(res.statusCode).toBe(200)
    return res.json() as T
  }

  const proxy = (eventId: number, userId: number, token = liaison) =>
    call(t.app, token, {
      method: 'POST',
      url: `/api/v1/events/${eventId}/sign-ins/proxy`,
      payload: { userId, reason: '手机没电，现场核实' },
    })

  it('pages 未签到 and 已签到, with the counts over both and 代签人 on a proxy sign-in', async () => {
    const event = await create(`/api/v1/enterprises/${privateId}/events`, liaison)
    const before = await list<TAbsentees>(event.id, 'absentees', '?pageSize=3')
    expect(before).toMatchObject({ count: 0, expected: 4, absentCount: 4, total: 4, page: 1, pageSize: 3 })
    expect(before.cancelledAt).toBeNull()
    expect(before.items).toHaveLength(3)
    const rest = await list<TAbsentees>(event.id, 'absentees', '?page=2&pageSize=3')
    expect(rest.items).toHaveLength(1)
    const everyone = [...before.items, ...rest.items]
    expect(new Set(everyone.map((a) => a.userId)).size).toBe(4)
    expect(everyone.map((a) => a.name).sort()).toEqual(['刘恒达', '梁红梅', '王小军', '陈静'].sort())
    expect(everyone.every((a) => a.enterpriseName === '县恒达食品有限公司')).toBe(true)
    expect(everyone.find((a) => a.name === '刘恒达')!.phoneMasked).toBe('138****0032')
    // Past the last page: nothing more, the same total.
    expect(await list<TAbsentees>(event.id, 'absentees', '?page=3&pageSize=3')).toMatchObject({
      items: [],
      total: 4,
    })

    expect((await proxy(event.id, users['demo-head-private'])).statusCode).toBe(201)
    expect((await proxy(event.id, users['demo-employee-private'])).statusCode).toBe(201)
    const first = await list<TAttendance>(event.id, 'attendance', '?page=1&pageSize=1')
    expect(first).toMatchObject({ count: 2, expected: 4, absentCount: 2, total: 2, page: 1, pageSize: 1 })
    expect(first.items).toEqual([
      expect.objectContaining({
        name: '刘恒达',
        method: 'proxy',
        proxyByName: '陈静',
        proxyReason: '手机没电，现场核实',
      }),
    ])
    const second = await list<TAttendance>(event.id, 'attendance', '?page=2&pageSize=1')
    expect(second.items.map((s) => s.name)).toEqual(['王小军'])
    const absent = await list<TAbsentees>(event.id, 'absentees')
    expect(absent).toMatchObject({ total: 2, pageSize: 20 })
    expect(absent.items.map((a) => a.name).sort()).toEqual(['梁红梅', '陈静'].sort())

    // The 签到表 has the 未签到 sheet and 代签人 on the 签到名单.
    const res = await call(t.app, liaison, {
      method: 'GET',
      url: `/api/v1/events/${event.id}/attendance.xlsx`,
    })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const signed = workbook.getWorksheet('签到名单')!
    expect(String(signed.getCell('A2').value)).toContain('实到 2 人 / 应到 4 人，未签到 2 人')
    expect(signed.getRow(4).getCell(7).value).toBe('陈静')
    const missing = workbook.getWorksheet('未签到')!
    expect(missing.getCell('A1').value).toBe('签到名单分页 未签到人员')
    expect((missing.getRow(3).values as unknown[]).slice(1)).toEqual([...ABSENT_SHEET_COLUMNS])
    expect([missing.getRow(4).getCell(2).value, missing.getRow(5).getCell(2).value].sort()).toEqual(
      ['梁红梅', '陈静'].sort(),
    )
    expect(missing.getRow(6).getCell(2).value).toBeNull()
    expect(missing.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '3:3',
    })
  })

  it('refuses a bad page or page size with 400, and answers the audience 403', async () => {
    const event = await create(`/api/v1/enterprises/${privateId}/events`, liaison)
    for (const query of ['?page=0', '?pageSize=0', '?pageSize=201', '?page=abc', '?page=1.5']) {
      for (const which of ['attendance', 'absentees']) {
        const res = await call(t.app, liaison, {
          method: 'GET',
          url: `/api/v1/events/${event.id}/${which}${query}`,
        })
        expect({ which, query, status: res.statusCode, code: res.json().error?.code }).toEqual({
          which,
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
        })
      }
    }
    const byAttendee = await call(t.app, employee, {
      method: 'GET',
      url: `/api/v1/events/${event.id}/absentees`,
    })
    expect(byAttendee.statusCode).toBe(403)
  })

  it('lists a person of two audience enterprises once, under the first, in a county event', async () => {
    // 王小军 also joins 顺通 (approved): one person, expected once, absent once.
    await t.app.db
      .insertInto('memberships')
      .values({
        user_id: users['demo-employee-private'],
        organisation_kind: 'enterprise',
        organisation_id: nopoId,
        role: 'employee',
        status: 'approved',
        invite_id: null,
        decided_by: null,
        decided_at: null,
        created_at: iso(Date.now()),
      })
      .execute()
    const event = await create(`/api/v1/departments/${unitedId}/events`, supervisor, {
      audienceEnterpriseIds: [privateId, nopoId],
    })
    const all = await list<TAbsentees>(event.id, 'absentees', '?pageSize=200', supervisor)
    expect(all.total).toBe(all.expected)
    expect(all.items).toHaveLength(all.total)
    const wang = all.items.filter((a) => a.userId === users['demo-employee-private'])
    expect(wang).toHaveLength(1)
    expect(wang[0].enterpriseId).toBe(Math.min(privateId, nopoId))
    // Enterprise by enterprise.
    const order = all.items.map((a) => a.enterpriseId)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect((await proxy(event.id, users['demo-employee-private'], supervisor)).statusCode).toBe(201)
    const after = await list<TAbsentees>(event.id, 'absentees', '?pageSize=200', supervisor)
    expect(after.total).toBe(all.total - 1)
    expect(after.items.map((a) => a.userId)).not.toContain(users['demo-employee-private'])
    const signed = await list<TAttendance>(event.id, 'attendance', '', supervisor)
    expect(signed.items[0]).toMatchObject({ name: '王小军', proxyByName: '韦丽萍' })
  })

  it('keeps the lists of a cancelled event, marked 已取消 in the answer and in the 签到表', async () => {
    const event = await create(`/api/v1/enterprises/${privateId}/events`, liaison, { title: '取消后的名单' })
    expect((await proxy(event.id, users['demo-secretary-private'])).statusCode).toBe(201)
    const cancel = await call(t.app, liaison, { method: 'POST', url: `/api/v1/events/${event.id}/cancel` })
    expect(cancel.statusCode).toBe(200)
    const signed = await list<TAttendance>(event.id, 'attendance')
    expect(signed.cancelledAt).toEqual(expect.any(String))
    expect(signed.items.map((s) => s.name)).toEqual(['梁红梅'])
    expect((await list<TAbsentees>(event.id, 'absentees')).total).toBe(3)
    const res = await call(t.app, liaison, {
      method: 'GET',
      url: `/api/v1/events/${event.id}/attendance.xlsx`,
    })
    expect(res.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(workbook.getWorksheet('签到名单')!.getCell('A1').value).toBe('取消后的名单 签到表（已取消）')
    expect(String(workbook.getWorksheet('签到名单')!.getCell('A2').value)).toMatch(/已于 .+ 取消/)
  })
})
