import { DEFAULT_USER_NAME, personLabel } from '../../src/models/userName'
import { exportedAuditRows } from './support/audit'
import { call, createTestApp, loginAs, TEST_DB, type TestApp } from './support/testApp'

/**
 * 操作人 of a WeChat user who never filled in their name (微信用户): what the product knows of them, the same
 * in the list and in the export, never a bare 「用户 123」.
 */
describe(`操作日志: a person without a name [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  const ids: Record<string, number> = {}

  /** A first WeChat login's user (the default name), with a phone or not. */
  async function wechatUser(openid: string, phone: string | null): Promise<number> {
    const at = new Date().toISOString()
    const row = await t.app.db
      .insertInto('users')
      .values({
        openid,
        unionid: null,
        name: DEFAULT_USER_NAME,
        phone,
        session_key: null,
        disabled_at: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await loginAs(t.app, openid)
    return row.id
  }

  beforeAll(async () => {
    t = await createTestApp()
    office = await loginAs(t.app, 'demo-office')
    ids.phone = await wechatUser('wx-no-name-phone', '13812345678')
    ids.bare = await wechatUser('wx-no-name-bare', null)
    ids.member = await wechatUser('wx-no-name-member', null)
    // The branch keeps a name for this one on its roster (党员名册).
    const branch = await t.app.db.selectFrom('party_branches').select('id').executeTakeFirstOrThrow()
    const at = new Date().toISOString()
    await t.app.db
      .insertInto('party_members')
      .values({
        branch_id: branch.id,
        user_id: ids.member,
        name: '黄小梅',
        branch_role: 'member',
        group_id: null,
        active: 1,
        created_at: at,
        updated_at: at,
      })
      .execute()
  })
  afterAll(() => t.close())

  const expected = () => ({
    [ids.phone]: '未填写姓名（手机 138****5678）',
    [ids.bare]: `未填写姓名的用户（编号 ${ids.bare}）`,
    [ids.member]: '黄小梅',
  })

  it('names them by what is known: a name their branch keeps, the masked phone, else says no name was filled in', async () => {
    const res = await call(t.app, office, {
      method: 'GET',
      url: '/api/v1/audit-log?action=auth.login&limit=100',
    })
    expect(res.statusCode).toBe(200)
    const shown: Record<number, string> = {}
    for (const e of res.json().entries)
      if (Object.values(ids).includes(e.userId))
        shown[e.userId] = personLabel({
          id: e.userId,
          name: e.userName,
          otherName: e.userOtherName,
          phoneMasked: e.userPhoneMasked,
        })
    expect(shown).toEqual(expected())
    // The phone leaves the server masked only.
    expect(res.body).not.toContain('13812345678')
  })

  it('writes the same 操作人 in the .xlsx', async () => {
    const people = (await exportedAuditRows(t.app, office, '?action=auth.login')).map((r) => r.person)
    for (const label of Object.values(expected())) expect(people).toContain(label)
    expect(people.filter((p) => /^用户 \d+$/.test(p) || p === DEFAULT_USER_NAME)).toEqual([])
  })
})
