/**
 * 操作日志 in the mini-program reads as the export prints it: 对象 and 内容 name the departments, enterprises
 * and people they refer to (部门：县档案馆, 用户：覃秀), never their numbers (部门编号：3, 用户 8).
 */
import { enterpriseRow, upload, waitReady, workbook } from '../api/support/importFiles'
import { call, idOf, loginAs } from '../api/support/testApp'
import { recordSetData, signIn, tapCell } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('操作日志 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
    // The office makes a department, links it to an enterprise and retires it (which undoes the link).
    const app = server.test.app
    const office = await loginAs(app, 'demo-office')
    const created = await call(app, office, {
      method: 'POST',
      url: '/api/v1/departments',
      payload: { name: '县档案馆' },
    })
    expect(created.statusCode).toBe(201)
    const archive = await idOf(app, 'departments', '县档案馆')
    const hengda = await idOf(app, 'enterprises', '县恒达食品有限公司')
    const linked = await call(app, office, {
      method: 'PUT',
      url: `/api/v1/enterprises/${hengda}/supervisors/${archive}`,
    })
    expect(linked.statusCode).toBe(200)
    const retired = await call(app, office, { method: 'POST', url: `/api/v1/departments/${archive}/retire` })
    expect(retired.statusCode).toBe(200)
    // A county's first import: 60 enterprises in one commit (its detail lists every one of them).
    const rows = Array.from({ length: 60 }, (_, i) => enterpriseRow(i + 1))
    const imported = await upload(app, office, await workbook(rows))
    expect(imported.statusCode).toBe(202)
    await waitReady(app, office, imported.json().id)
    const committed = await call(app, office, {
      method: 'POST',
      url: `/api/v1/imports/${imported.json().id}/commit`,
    })
    expect(committed.statusCode).toBe(200)
  })
  afterAll(async () => {
    await server.close()
  })

  it('names the records of each write in 对象 and 内容, not their numbers', async () => {
    const office = await signIn(server, 'demo-office')
    try {
      await tapCell(office, '操作日志')
      await office.waitForRoute('packages/org/pages/audit/index')
      await office.waitForText(/撤销监管部门.*覃秀.*部门：县档案馆\s*取消关联的企业：县恒达食品有限公司/)
      expect(office.text()).toMatch(/关联监管企业.*监管关系：县档案馆 → 县恒达食品有限公司/)
      expect(office.text()).toMatch(/新建监管部门.*部门：县档案馆/)
      expect(office.text()).toMatch(/登录.*用户：覃秀/)
      // A long list in words, its first names and how many: never the stored JSON, cut.
      expect(office.text()).toMatch(
        /确认导入企业.*新增：60；.*新增企业：县第1测试有限公司、县第2测试有限公司、县第3测试有限公司 等 60 家；更新企业：无/,
      )
      expect(office.text()).not.toMatch(/createdEnterpriseIds|\{"/)
      // No record by its number (部门编号：3, 企业 2, 用户 8); an action's time follows it (撤销监管部门 2026年…).
      expect(office.text()).not.toMatch(/编号：|(部门|企业|用户|成员|监管关系) \d+(?![\d年])/)
      office.assertHealthy()
    } finally {
      recordSetData(office)
      office.close()
    }
  })
})
