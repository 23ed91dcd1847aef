import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing } from './support/isolation'
import { multipart, TINY_PDF } from './support/files'
import type { TTodoList } from '../../src/models/todo'

describe(`廉洁风险点 register (${TEST_DB})`, () => {
  let t: TestApp
  // 2026-03-31 17:30 UTC is already 2026-04-01 in 北京时间: every date below is the 北京时间 one.
  let now = Date.parse('2026-03-31T17:30:00Z')
  let liaison: string
  let head: string
  let employee: string
  let supervisor: string
  let otherSupervisor: string
  let soeLiaison: string
  let privateId: number
  let soeId: number
  const url = (eid: number, rest = '') => `/api/v1/enterprises/${eid}/risks${rest}`
  const risk = (over: Record<string, unknown> = {}) => ({
    area: 'material_purchase',
    post: '采购部 · 供应商选择',
    description: '供应商选择环节存在利益输送风险',
    likelihood: 2,
    impact: 2,
    measures: '三方比价，采购与验收分离',
    owner: '王采购',
    reviewCycle: 1,
    ...over,
  })
  const todos = async (token: string): Promise<TTodoList> =>
    (await call(t.app, token, { method: 'GET', url: '/api/v1/todos' })).json()

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[liaison, head, employee, supervisor, otherSupervisor, soeLiaison] = await Promise.all(
      [
        'demo-liaison-private',
        'demo-head-private',
        'demo-employee-private',
        'demo-supervisor-united',
        'demo-supervisor-finance',
        'demo-liaison-soe',
      ].map((o) => loginAs(t.app, o)),
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
  })
  afterAll(() => t.close())

  let first: number
  let second: number

  it('lets the liaison and the head record risks, levels them by the matrix, schedules the review in 北京时间', async () => {
    const created = await call(t.app, liaison, {
      method: 'POST',
      url: url(privateId),
      payload: risk({ starterCode: 'P07-02' }),
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      level: 'medium',
      status: 'active',
      areaName: '物资采购',
      // One month from 2026-04-01 (北京时间), not from the UTC day 2026-03-31.
      nextReviewDate: '2026-05-01',
      version: 1,
      rectificationId: null,
    })
    expect(created.json().history).toEqual([expect.objectContaining({ kind: 'created', toLevel: 'medium' })])
    first = created.json().id

    const byHead = await call(t.app, head, {
      method: 'POST',
      url: url(privateId),
      payload: risk({ area: 'other', areaName: '食品安全抽检', likelihood: 1, impact: 3, reviewCycle: 3 }),
    })
    expect(byHead.statusCode).toBe(201)
    expect(byHead.json()).toMatchObject({
      level: 'medium',
      areaName: '其他：食品安全抽检',
      nextReviewDate: '2026-07-01',
    })
    second = byHead.json().id

    const unnamed = await call(t.app, liaison, {
      method: 'POST',
      url: url(privateId),
      payload: risk({ area: 'other' }),
    })
    expect(unnamed.statusCode).toBe(400)
    expect(unnamed.json().error.fields).toEqual([expect.objectContaining({ path: 'areaName' })])
    const past = await call(t.app, liaison, {
      method: 'POST',
      url: url(privateId),
      payload: risk({ nextReviewDate: '2026-03-31' }),
    })
    expect(past.statusCode).toBe(400)

    const list = await call(t.app, supervisor, { method: 'GET', url: url(privateId) })
    expect(list.statusCode).toBe(200)
    expect(list.json()).toMatchObject({
      ownership: 'private',
      total: 2,
      summary: { active: 2, high: 0, overdue: 0 },
    })
  })

  it('keeps writes to the liaison and head, and another enterprise’s risks answer like missing ones', async () => {
    expect((await call(t.app, employee, { method: 'GET', url: url(privateId) })).statusCode).toBe(403)
    expect(
      (await call(t.app, employee, { method: 'POST', url: url(privateId), payload: risk() })).statusCode,
    ).toBe(403)
    expect(
      (await call(t.app, supervisor, { method: 'POST', url: url(privateId), payload: risk() })).statusCode,
    ).toBe(403)
    // 县财政局 does not supervise 恒达; the 国企's liaison asks for 恒达's risk through its own enterprise.
    await expectSameAsMissing(t.app, otherSupervisor, [{ method: 'GET', url: (id) => url(id) }], [privateId])
    await expectSameAsMissing(
      t.app,
      soeLiaison,
      [
        { method: 'GET', url: (id) => url(soeId, `/${id}`) },
        {
          method: 'PUT',
          url: (id) => url(soeId, `/${id}`),
          payload: { ...risk(), status: 'active', version: 1 },
        },
        {
          method: 'POST',
          url: (id) => url(soeId, `/${id}/reviews`),
          payload: { note: '复核', likelihood: 1, impact: 1, version: 1 },
        },
      ],
      [first],
    )
  })

  it('refuses an edit made on a stale version with RISK_STALE', async () => {
    const edit = (measures: string) =>
      call(t.app, liaison, {
        method: 'PUT',
        url: url(privateId, `/${first}`),
        payload: { ...risk({ measures }), status: 'active', version: 1 },
      })
    const ok = await edit('三方比价，采购与验收分离，供应商定期轮换')
    expect(ok.statusCode).toBe(200)
    expect(ok.json().version).toBe(2)
    const stale = await edit('另一人的修改')
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error.code).toBe('RISK_STALE')
  })

  it('reviews on schedule: a to-do before the date, overdue after, and 高 alerts the supervising department', async () => {
    expect((await todos(liaison)).items.filter((i) => i.kind === 'risk_review')).toEqual([])
    now = Date.parse('2026-04-20T02:00:00Z') // 11 days before 2026-05-01
    const due = (await todos(liaison)).items.filter((i) => i.kind === 'risk_review')
    expect(due).toEqual([expect.objectContaining({ recordId: first, dueDate: '2026-05-01', overdue: false })])
    expect((await todos(supervisor)).items.filter((i) => i.kind === 'risk_alert')).toEqual([])

    const reviewed = await call(t.app, liaison, {
      method: 'POST',
      url: url(privateId, `/${first}/reviews`),
      payload: { note: '新增大宗原料采购，供应商集中', likelihood: 3, impact: 3, version: 2 },
    })
    expect(reviewed.statusCode).toBe(200)
    expect(reviewed.json()).toMatchObject({ level: 'high', nextReviewDate: '2026-05-20', version: 3 })
    expect(reviewed.json().history.at(-1)).toMatchObject({
      kind: 'reviewed',
      note: '新增大宗原料采购，供应商集中',
      fromLevel: 'medium',
      toLevel: 'high',
    })
    const alerts = (await todos(supervisor)).items.filter((i) => i.kind === 'risk_alert')
    expect(alerts).toEqual([
      expect.objectContaining({ recordId: first, enterpriseId: privateId, overdue: false }),
    ])
    expect((await todos(otherSupervisor)).items.filter((i) => i.kind === 'risk_alert')).toEqual([])

    // Past the second risk's date (2026-07-01 北京时间): overdue for the liaison, an alert for the department.
    now = Date.parse('2026-07-01T16:30:00Z') // 2026-07-02 00:30 北京时间
    const late = (await todos(liaison)).items.find((i) => i.kind === 'risk_review' && i.recordId === second)
    expect(late).toMatchObject({ overdue: true, dueDate: '2026-07-01' })
    const lateAlert = (await todos(supervisor)).items.find(
      (i) => i.kind === 'risk_alert' && i.recordId === second,
    )
    expect(lateAlert).toMatchObject({ overdue: true })
    expect(lateAlert?.detail).toMatch(/逾期未复核（应于 2026年7月1日）$/)
    const list = (await call(t.app, supervisor, { method: 'GET', url: url(privateId) })).json()
    expect(list.summary).toEqual({ active: 2, high: 1, overdue: 2 })
  })

  it('takes attachments through the files feature', async () => {
    const upload = await call(t.app, liaison, {
      method: 'POST',
      url: url(privateId, `/${first}/attachments`),
      ...multipart('file', '采购制度.pdf', TINY_PDF),
    })
    expect(upload.statusCode).toBe(201)
    const detail = (await call(t.app, supervisor, { method: 'GET', url: url(privateId, `/${first}`) })).json()
    expect(detail.attachments).toEqual([expect.objectContaining({ filename: '采购制度.pdf' })])
  })

  it('removes an attachment while the risk is 有效 (liaison, head), 404 from another enterprise', async () => {
    const upload = async (id: number) =>
      (
        await call(t.app, liaison, {
          method: 'POST',
          url: url(privateId, `/${id}/attachments`),
          ...multipart('file', '临时附件.pdf', TINY_PDF),
        })
      ).json().id as number
    const fileId = await upload(first)
    const remove = (token: string, eid: number, id: number, file = fileId) =>
      call(t.app, token, { method: 'DELETE', url: url(eid, `/${id}/attachments/${file}`) })
    expect((await remove(soeLiaison, soeId, first)).statusCode).toBe(404)
    expect((await remove(employee, privateId, first)).statusCode).toBe(403)
    // Attached to another risk of the same enterprise: not there, 404.
    expect((await remove(liaison, privateId, second)).statusCode).toBe(404)
    const removed = await remove(head, privateId, first)
    expect([removed.statusCode, removed.json()]).toEqual([200, { ok: true }])
    expect((await remove(liaison, privateId, first)).statusCode).toBe(404)
    const detail = (await call(t.app, liaison, { method: 'GET', url: url(privateId, `/${first}`) })).json()
    expect(detail.attachments.map((a: { filename: string }) => a.filename)).toEqual(['采购制度.pdf'])
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'risk.detach')
      .execute()
    expect(audit.map((a) => Number(a.entity_id))).toEqual([fileId])
    // Two removals at once: one wins, the other finds it gone.
    const raced = await upload(first)
    const both = await Promise.all([
      remove(liaison, privateId, first, raced),
      remove(head, privateId, first, raced),
    ])
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 404])
    // No longer 有效: the attachments stay.
    const kept = await upload(second)
    await t.app.db.updateTable('risks').set({ status: 'closed' }).where('id', '=', second).execute()
    const locked = await remove(liaison, privateId, second, kept)
    expect([locked.statusCode, locked.json().error.code]).toEqual([409, 'RISK_ATTACHMENT_LOCKED'])
    await t.app.db.updateTable('risks').set({ status: 'active' }).where('id', '=', second).execute()
  })

  // On the 国企's register, so that the 民企's stays as the tests below count it.
  it('takes no upload once a risk is settled; an upload racing the close lands before it or is refused', async () => {
    const attach = (id: number, name: string) =>
      call(t.app, soeLiaison, {
        method: 'POST',
        url: url(soeId, `/${id}/attachments`),
        ...multipart('file', name, TINY_PDF),
      })
    const fresh = async () => {
      const created = await call(t.app, soeLiaison, { method: 'POST', url: url(soeId), payload: risk() })
      return created.json().id as number
    }
    const close = (id: number) =>
      call(t.app, soeLiaison, {
        method: 'PUT',
        url: url(soeId, `/${id}`),
        payload: { ...risk(), status: 'closed', version: 1 },
      })
    const files = async (id: number) =>
      (await call(t.app, soeLiaison, { method: 'GET', url: url(soeId, `/${id}`) }))
        .json()
        .attachments.map((a: { filename: string }) => a.filename)

    const settled = await fresh()
    expect((await close(settled)).statusCode).toBe(200)
    const refused = await attach(settled, '迟到的附件.pdf')
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'RISK_ATTACHMENT_LOCKED'])
    expect(await files(settled)).toEqual([])

    for (let round = 0; round < 4; round++) {
      const id = await fresh()
      const [closed, uploaded] = await Promise.all([close(id), attach(id, `同时上传${round}.pdf`)])
      expect(closed.statusCode).toBe(200)
      expect([201, 409]).toContain(uploaded.statusCode)
      // Either it landed while the risk was 有效 (and stays), or the close came first and nothing was added.
      expect(await files(id)).toEqual(uploaded.statusCode === 201 ? [`同时上传${round}.pdf`] : [])
    }
  })

  it('turns a risk into a 整改 once, and closing the 整改 marks the risk 已整改', async () => {
    const deadline = '2026-08-01'
    const before = (await call(t.app, supervisor, { method: 'GET', url: url(privateId, `/${first}`) })).json()
    expect(before).toMatchObject({ status: 'active', level: 'high', rectificationOpen: false })
    expect((await todos(supervisor)).items.some((i) => i.kind === 'risk_alert' && i.recordId === first)).toBe(
      true,
    )
    const rectify = (token = supervisor, id = first) =>
      call(t.app, token, {
        method: 'POST',
        url: url(privateId, `/${id}/rectification`),
        payload: { detail: '请建立供应商轮换制度', deadline },
      })
    expect((await rectify(liaison)).statusCode).toBe(403)
    // Two supervisors at once: one 整改, the other refused.
    const [a, b] = await Promise.all([rectify(), rectify()])
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409])
    const loser = a.statusCode === 409 ? a : b
    expect(loser.json().error.code).toBe('RISK_RECTIFICATION_OPEN')
    const rect = (a.statusCode === 201 ? a : b).json()
    expect(rect).toMatchObject({ source: 'risk', riskId: first, status: 'open', deadline })
    const all = (
      await call(t.app, liaison, { method: 'GET', url: `/api/v1/enterprises/${privateId}/rectifications` })
    ).json().rectifications
    expect(all.filter((r: { riskId: number | null }) => r.riskId === first)).toHaveLength(1)
    expect(
      (await call(t.app, liaison, { method: 'GET', url: url(privateId, `/${first}`) })).json(),
    ).toMatchObject({
      rectificationId: rect.id,
      rectificationOpen: true,
    })
    // The department has answered the alert with a 整改: the 整改 is what waits now, not the alert.
    expect((await todos(supervisor)).items.some((i) => i.kind === 'risk_alert' && i.recordId === first)).toBe(
      false,
    )

    const rurl = `/api/v1/enterprises/${privateId}/rectifications/${rect.id}`
    expect(
      (
        await call(t.app, liaison, {
          method: 'POST',
          url: `${rurl}/respond`,
          payload: { response: '已建立轮换制度' },
        })
      ).statusCode,
    ).toBe(200)
    expect(
      (
        await call(t.app, supervisor, {
          method: 'POST',
          url: `${rurl}/verify`,
          payload: { decision: 'close' },
        })
      ).statusCode,
    ).toBe(200)
    const settled = (await call(t.app, liaison, { method: 'GET', url: url(privateId, `/${first}`) })).json()
    expect(settled).toMatchObject({ status: 'rectified', rectificationOpen: false })
    expect(settled.history.map((h: { kind: string }) => h.kind)).toEqual([
      'created',
      'edited',
      'reviewed',
      'rectification',
      'rectified',
    ])
    // A settled risk is no alert and no review any more.
    expect((await todos(supervisor)).items.some((i) => i.kind === 'risk_alert' && i.recordId === first)).toBe(
      false,
    )
    const again = await rectify()
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('RISK_NOT_ACTIVE')
  })

  it('is listed paged', async () => {
    const page = (
      await call(t.app, liaison, { method: 'GET', url: `${url(privateId)}?page=2&pageSize=1` })
    ).json()
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 })
    expect(page.items).toHaveLength(1)
  })
})
