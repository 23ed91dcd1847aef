/**
 * 登记企业 in the mini-program, as the county office's clerk registers one enterprise learnt of mid-year:
 * 监管部门 → 逐家登记, a mistyped credit code refused as typed, the form sent, then 邀请联络员 on the
 * enterprise's 成员与联络员 with its liaison's code. The real server joins it to the open county-wide 自查.
 */
import { demoCreditCode } from '../../seeds/organisationsDemo'
import { hasClass, textOf } from './runner/miniProgram'
import { recordSetData, signIn, tapCell } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('登记企业 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('监管部门 → 逐家登记 → register one → 邀请联络员', async () => {
    const code = demoCreditCode(91)
    const mp = await signIn(server, 'demo-office')
    try {
      await tapCell(mp, '监管部门')
      await mp.waitForRoute('packages/org/pages/departments/index')
      await mp.tap('逐家登记')
      await mp.waitForRoute('packages/org/pages/register/index')
      await mp.waitForText('县工商联')

      await mp.input('营业执照上的名称', '县新设测试食品有限公司')
      // the last character mistyped: refused as typed, by the shared GB 32100 rule
      await mp.input('18位', code.slice(0, 17) + (code.endsWith('1') ? '2' : '1'))
      await mp.waitForText('统一社会信用代码校验位不正确，请核对')
      await mp.input('18位', code)
      await mp.waitForText('校验位正确')
      await mp.tap('民营')
      await mp.tap('党支部')
      const department = mp.findAll(
        (n) => hasClass(n, 'nut-checkbox') && Boolean(n.attrs.bindtap) && textOf(n).includes('县工商联'),
      )[0]
      await mp.tap(department)
      await mp.tap('登记')
      await mp.waitForText('监管部门：县工商联')
      expect(mp.text()).toMatch(/已登记.*县新设测试食品有限公司/)

      await mp.tap('邀请联络员')
      await mp.waitForRoute('packages/org/pages/members/index')
      await mp.waitForText('邀请联络员和成员')
      // the button, not the hint above it that names it
      await mp.tap('生成联络员邀请码（7天有效，仅限1人使用）')
      await mp.waitForText(/[A-Z0-9]{8}\s*联络员/)
      expect(mp.device.toasts.map((t) => t.title)).toContain('已生成邀请码')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }

    const db = server.test.app.db
    const enterprise = await db
      .selectFrom('enterprises')
      .select(['id', 'ownership', 'party_org'])
      .where('credit_code', '=', code)
      .executeTakeFirstOrThrow()
    expect(enterprise).toMatchObject({ ownership: 'private', party_org: 'branch' })
    const supervisors = await db
      .selectFrom('supervision_links')
      .innerJoin('departments', 'departments.id', 'supervision_links.department_id')
      .select('departments.name')
      .where('enterprise_id', '=', enterprise.id)
      .execute()
    expect(supervisors).toEqual([{ name: '县工商联' }])
    const invites = await db
      .selectFrom('invites')
      .select('role')
      .where('enterprise_id', '=', enterprise.id)
      .execute()
    expect(invites).toEqual([{ role: 'liaison' }])
    // registered mid-campaign: a draft of its own in the open county-wide 自查 (openCampaigns.ts)
    const drafts = await db
      .selectFrom('assessments')
      .innerJoin('campaigns', 'campaigns.id', 'assessments.campaign_id')
      .select(['assessments.status'])
      .where('assessments.enterprise_id', '=', enterprise.id)
      .where('campaigns.closed_at', 'is', null)
      .where('campaigns.county_wide', '=', 1)
      .execute()
    expect(drafts).toEqual([{ status: 'draft' }])
  })
})
