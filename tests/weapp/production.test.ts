/**
 * Production mode from an empty database, in the mini-program: no demo data and no demo login; the
 * county's clerk scans the administrator QR that `npm run setup` printed, logs in with WeChat (a fake
 * code2Session behind the real server), becomes the office and sets up the first department.
 */
import crypto from 'node:crypto'
import { setUpCounty } from '../../server/features/setup/service'
import { joinLinkUrl } from '../../src/models/joinLink'
import type { MiniProgram } from './runner/miniProgram'
import { recordSetData, walkAs } from './support/flows'
import { launch, startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(120_000)

describe('production mode from an empty database', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer({
      APP_MODE: 'production',
      SEED_DEMO: 'false',
      TOKEN_SECRET: crypto.randomBytes(32).toString('hex'),
      PLEDGE_CHAIN_KEY: crypto.randomBytes(32).toString('hex'),
    })
  })
  afterAll(async () => {
    await server.close()
  })
  /** The enterprise the office registers by hand below (its liaison's request waits). */
  let enterpriseId = 0

  /**
   * WeChat's scanner opens the join page with the link as `q` before the user has logged in: login comes
   * first (no demo users offered), then back to the page, whose first step asks for the name.
   */
  async function logInFromLink(mp: MiniProgram, link: string, name: string) {
    await mp.waitForText('同意并继续')
    await mp.open(`/packages/org/pages/join/index?q=${encodeURIComponent(link)}`)
    await mp.waitForRoute('pages/login/index')
    expect(mp.text()).not.toMatch(/演示/)
    await mp.waitForText('同意并继续')
    await mp.tap('同意并继续')
    await mp.tap('微信一键登录')
    await mp.waitForRoute('packages/org/pages/join/index')
    await mp.waitForText('先填写你的姓名')
    await mp.input('请输入真实姓名', name)
    await mp.tap('下一步')
  }

  it('has no demo data and no demo login', async () => {
    const db = server.test.app.db
    for (const table of ['departments', 'enterprises', 'users'] as const)
      expect(await db.selectFrom(table).select('id').execute()).toEqual([])
    const dev = await server.test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      payload: { openid: 'x' },
    })
    expect(dev.statusCode).toBe(404)
  })

  it('the clerk scans the administrator QR, logs in with WeChat, becomes the office and adds a department', async () => {
    const { code, office } = await server.test.database.db
      .transaction()
      .execute((trx) => setUpCounty(trx, '测试县', Date.now()))
    const link = joinLinkUrl(server.origin, { kind: 'admin', code })
    const mp = await launch(server, 'wx-county-clerk')
    try {
      await logInFromLink(mp, link, '覃秀')
      await mp.tap('成为管理员')
      await mp.waitForText(`已成为「${office.name}」管理员`)
      await mp.tap('返回首页')
      await mp.waitForRoute('pages/home/index')
      // 任务 says what switching on still needs, the first step first, and opens its page.
      await mp.switchTab('pages/tasks/index')
      await mp.waitForText(/添加监管部门.*设定领导小组与实施方案完成期限.*导入企业名单/)
      await mp.tap('添加监管部门')
      await mp.waitForRoute('packages/org/pages/departments/index')
      await mp.tap('县委统战部')
      await mp.waitForText(/监管部门（2）.*县委统战部/)
      // Done: back on 任务 the step is gone and the next one leads.
      await mp.switchTab('pages/tasks/index')
      await mp.waitForText(/待办任务（2）.*设定领导小组与实施方案完成期限/)
      expect(mp.text()).not.toMatch(/添加监管部门/)
      expect(server.wechat.calls.at(-1)?.get('appid')).toBe('wx-runner-app')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
    // The code is spent.
    const used = await server.test.app.db.selectFrom('admin_codes').select('redeemed_by').execute()
    expect(used).toHaveLength(1)
    expect(used[0].redeemed_by).not.toBeNull()
  })

  it('a liaison joining with the invite of a new enterprise is told the office decides, not a liaison', async () => {
    const { app } = server.test
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/wechat',
      payload: { code: 'ok:wx-county-clerk' },
    })
    const headers = { authorization: `Bearer ${login.json().token}` }
    const enterprise = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers,
      payload: {
        name: '广西测试建材有限公司',
        creditCode: '91450100000007001X',
        ownership: 'private',
        partyOrg: 'branch',
      },
    })
    expect(enterprise.statusCode).toBe(201)
    enterpriseId = enterprise.json().id
    const invite = await app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${enterprise.json().id}/invites`,
      headers,
      payload: { role: 'liaison' },
    })
    const link = joinLinkUrl(server.origin, { kind: 'invite', code: invite.json().code })
    const mp = await launch(server, 'wx-first-liaison')
    try {
      await logInFromLink(mp, link, '黄海燕')
      await mp.waitForText('申请加入')
      // The walk found 由联络员（企业）…审核 here: a liaison's own request is the office's to decide.
      expect(mp.text()).not.toMatch(/由联络员/)
      await mp.tap('申请加入')
      await mp.waitForText('已申请加入「广西测试建材有限公司」，等待领导小组办公室审核')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it("the office's 成员与联络员 of an enterprise nobody has joined yet says what fills it", async () => {
    await walkAs(server, 'wx-county-clerk', async (mp) => {
      await mp.open(`/packages/org/pages/members/index?eid=${enterpriseId}&as=office`)
      await mp.waitForText(/待审核（\s*1\s*）/)
      // the walk found 成员（0） an empty card here
      await mp.waitForText(/成员（\s*0\s*）\s*还没有成员：生成联络员邀请码发给企业联络员/)
    })
  })

  // The first-week walk found 任务 a dead end for these two: 暂无待办任务 until tasks "下发".
  it('任务 tells a WeChat user who belongs nowhere to join, and one whose request waits who decides it', async () => {
    await walkAs(server, 'wx-newcomer', async (mp) => {
      await mp.switchTab('pages/tasks/index')
      await mp.waitForText('还没有加入任何单位')
      expect(mp.text()).not.toMatch(/暂无待办任务/)
      await mp.tap('加入企业')
      await mp.waitForRoute('packages/org/pages/code/index')
    })
    await walkAs(server, 'wx-first-liaison', async (mp) => {
      await mp.switchTab('pages/tasks/index')
      await mp.waitForText(
        '已申请加入「广西测试建材有限公司」，领导小组办公室审核通过后，要办的事会列在这里。',
      )
    })
  })
})
