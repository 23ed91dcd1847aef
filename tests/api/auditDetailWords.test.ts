import { setupRepository } from '../../server/features/setup/repository'
import type { TAuditEntry } from '../../src/models/audit'
import { auditDetailText } from '../../src/models/auditDetail'
import { auditEntityText, entryNames } from '../../src/models/auditEntity'
import { exportedAuditRows, proxySignIn, unreadableParts, type AuditSheetRow } from './support/audit'
import { enterpriseRow, upload, waitReady, workbook } from './support/importFiles'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'

const IMPORTED = Array.from({ length: 120 }, (_, i) => i + 1)

/**
 * 操作日志 as the office prints it after a run of the office's, an enterprise's and a supervisor's writes:
 * every 内容 in words (no stored key or code, no bare 编号), and every 单位 as the data means it.
 */
describe(`audit log in words [${TEST_DB}]`, () => {
  let t: TestApp
  let now = Date.parse('2026-12-01T02:00:00Z')
  let rows: AuditSheetRow[] = []
  const entries: TAuditEntry[] = []

  const ok = async (res: { statusCode: number; body: string }, status = 200) =>
    expect([res.statusCode, res.statusCode === status ? '' : res.body]).toEqual([status, ''])

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    const [office, liaison, supervisor] = await Promise.all(
      ['demo-office', 'demo-liaison-private', 'demo-supervisor-united'].map((o) => loginAs(t.app, o)),
    )
    const hengda = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    // The office: a department, its link to an enterprise (made, undone, made again), then retired.
    const created = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/departments',
      payload: { name: '县档案馆' },
    })
    await ok(created, 201)
    const audit = await idOf(t.app, 'departments', '县档案馆')
    const link = `/api/v1/enterprises/${hengda}/supervisors/${audit}`
    await ok(await call(t.app, office, { method: 'PUT', url: link }))
    await ok(await call(t.app, office, { method: 'DELETE', url: link }))
    await ok(await call(t.app, office, { method: 'DELETE', url: link }))
    await ok(await call(t.app, office, { method: 'PUT', url: link }))
    await ok(await call(t.app, office, { method: 'POST', url: `/api/v1/departments/${audit}/retire` }))
    // The office's own 督查专报: no department, the whole county.
    await ok(
      await call(t.app, office, {
        method: 'POST',
        url: '/api/v1/supervision/reports',
        payload: { title: '第四季度督查专报', periodStart: '2026-10-01', periodEnd: '2026-11-30' },
      }),
      201,
    )
    // A 自查期次 opened for two enterprises and closed with both unfinished.
    const campaign = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: {
        name: '2026年度专项自查',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        dueDate: '2026-12-31',
        enterpriseIds: [hengda, await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')],
      },
    })
    await ok(campaign, 201)
    await ok(
      await call(t.app, office, { method: 'POST', url: `/api/v1/campaigns/${campaign.json().id}/close` }),
    )
    // The liaison makes an employee the enterprise's 负责人 and back.
    const employee = await t.app.db
      .selectFrom('memberships')
      .select('id')
      .where('organisation_kind', '=', 'enterprise')
      .where('organisation_id', '=', hengda)
      .where('role', '=', 'employee')
      .where('status', '=', 'approved')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const member = `/api/v1/enterprises/${hengda}/members/${employee.id}`
    const promoted = await call(t.app, liaison, { method: 'PATCH', url: member, payload: { role: 'head' } })
    await ok(promoted)
    // A supervisor signs a liaison in at a department's event (组织者代签): filed under no organisation.
    const { id: liaisonId } = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-liaison-private')
      .executeTakeFirstOrThrow()
    await proxySignIn(t.app, supervisor, liaisonId, (at) => (now = at))
    // `npm run setup`'s record of the county's deadline (no one signed in), as setUpCounty stores it.
    await setupRepository.audit(t.app.db, {
      action: 'milestones.county_deadline.set',
      entityType: 'county_setting',
      entityId: 'milestone_deadline',
      detail: { deadline: '2026-12-31', programme: '2022-06-15', via: 'npm run setup' },
      at: new Date(now).toISOString(),
    })

    // A county's first import: 120 enterprises in one commit, whose detail lists all their ids.
    const imported = await upload(t.app, office, await workbook(IMPORTED.map((n) => enterpriseRow(n))))
    await ok(imported, 202)
    await waitReady(t.app, office, imported.json().id)
    await ok(
      await call(t.app, office, { method: 'POST', url: `/api/v1/imports/${imported.json().id}/commit` }),
    )

    rows = await exportedAuditRows(t.app, office)
    // The list, page by page (10 a page: the names are looked up one page at a time).
    for (let cursor = ''; ;) {
      const res = await call(t.app, office, { method: 'GET', url: `/api/v1/audit-log?limit=10${cursor}` })
      await ok(res)
      const page = res.json() as { entries: TAuditEntry[]; nextCursor: string | null }
      entries.push(...page.entries)
      if (!page.nextCursor) break
      cursor = `&cursor=${encodeURIComponent(page.nextCursor)}`
    }
  })
  afterAll(() => t.close())

  const detailOf = (action: string) => rows.filter((r) => r.action === action).map((r) => r.detail)

  it('reads a long list in words, its first names and how many, in the list as in the export', () => {
    const words =
      /^新增：120；更新：0；无变化：0；联络员邀请码：120；新增企业：县第1测试有限公司、县第2测试有限公司、县第3测试有限公司 等 120 家；更新企业：无$/
    expect(detailOf('确认导入企业')).toEqual([expect.stringMatching(words)])
    const entry = entries.find((e) => e.action === 'import.commit')!
    // The list carries the detail short but whole (JSON), and the names of only what it shows.
    expect(entry.detail!.length).toBeLessThan(300)
    expect(auditDetailText(entry.detail!, entry, entryNames(entry.names))).toMatch(words)
    expect(Object.keys(entry.names).filter((k) => k.startsWith('enterprise:'))).toHaveLength(3)
  })

  it('prints every 内容 in words: no stored key, code or bare 编号', () => {
    expect(rows.length).toBeGreaterThan(10)
    expect(
      rows.flatMap((r) => (unreadableParts(r.detail).length ? [`${r.action}：${r.detail}`] : [])),
    ).toEqual([])
  })

  it('reads the keys the review found printed as codes', () => {
    expect(detailOf('取消关联监管企业')).toEqual(['原本未关联，无需取消', '监管关系已取消'])
    expect(detailOf('撤销监管部门')).toEqual(['取消关联的企业：县恒达食品有限公司'])
    expect(detailOf('生成督查专报')[0]).toContain('；出具单位：办公室（全县）')
    expect(detailOf('发起自查期次')).toEqual(['参加自查的企业数：2'])
    expect(detailOf('结束自查期次')).toEqual(['未完成自查的企业数：2'])
    expect(detailOf('调整角色')).toEqual(['原角色：职工；新角色：负责人'])
    expect(detailOf('设定全县领导小组与实施方案完成期限')).toEqual([
      '全县完成期限：2026-12-31；实施方案规定期限：2022-06-15；途径：开通设置（服务器命令）',
    ])
  })

  it('names a membership by its person and a 监管关系 by its department and enterprise in 对象', () => {
    const objects = (action: string) => rows.filter((r) => r.action === action).map((r) => r.object)
    expect(objects('调整角色')).toEqual([expect.stringMatching(/^成员：\p{Script=Han}{2,4}$/u)])
    expect(new Set(objects('取消关联监管企业'))).toEqual(new Set(['监管关系：县档案馆 → 县恒达食品有限公司']))
  })

  it('fills 单位 as the data means it: an organiser’s 代签 its organiser’s, npm run setup the system’s', () => {
    const proxy = rows.find((r) => r.action === '组织者代签')!
    expect(proxy).toMatchObject({ person: '韦丽萍', object: '签到：陈静' })
    // The event's organiser (县委统战部's 警示教育会), though the write is filed under no organisation.
    expect(proxy.unit).toBe('县委统战部')
    expect(proxy.detail).toMatch(/^活动：\S+；方式：组织者代签$/)
    expect(rows.find((r) => r.action === '设定全县领导小组与实施方案完成期限')).toMatchObject({
      person: '（未登录）',
      unit: '系统（开通设置）',
    })
  })

  it('names departments, enterprises and people in the list as the export does: 对象 and 内容 alike', () => {
    const read = entries.map((e) => {
      const names = entryNames(e.names)
      return {
        action: e.actionLabel,
        object: auditEntityText(e.entityType, e.entityId, names),
        detail: e.detail ? auditDetailText(e.detail, e, names).slice(0, 300) : '',
      }
    })
    expect(read).toEqual(rows.map(({ action, object, detail }) => ({ action, object, detail })))
    const entry = (action: string) => entries.find((e) => e.actionLabel === action)!
    // A department, an enterprise, a person: each entry carries the names it refers to, and only those.
    expect(Object.values(entry('新建监管部门').names)).toEqual(['县档案馆'])
    expect(Object.values(entry('撤销监管部门').names).sort()).toEqual(
      ['县恒达食品有限公司', '县档案馆'].sort(),
    )
    const login = entry('登录')
    expect(login.names).toEqual({ [`user:${login.entityId}`]: login.userName })
    expect(Object.values(entry('组织者代签').names)).toContain('陈静')
  })
})
