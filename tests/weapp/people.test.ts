/**
 * People with roles, in the mini-program. The office invites a supervisor of a department (部门人员), a new
 * WeChat user opens the invite's QR link before logging in, logs in, lands back on the join page and asks
 * to join; the office approves; the supervisor sees the department's enterprises. The liaison changes a
 * member's role, removes one who has left, and hands the liaison role over.
 */
import { hasClass, textOf } from './runner/miniProgram'
import { recordSetData, signIn, tapCell } from './support/flows'
import { launch, startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(240_000)

describe('people with roles in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  const toasts = (mp: { device: { toasts: { title: string }[] } }) =>
    mp.device.toasts.map((t) => t.title).join('|')

  /** The office, from 首页 → 监管部门 → 县委统战部 → 部门人员. */
  async function officeStaffPage() {
    const office = await signIn(server, 'demo-office')
    await tapCell(office, '监管部门')
    await office.waitForRoute('packages/org/pages/departments/index')
    await office.waitForText('县委统战部')
    await office.tap('县委统战部')
    await office.tap(/部门人员/)
    await office.waitForRoute('packages/org/pages/staff/index')
    await office.waitForText('邀请人员')
    return office
  }

  it('office invites a supervisor → a new WeChat user opens the QR link, logs in, joins → office approves → they supervise', async () => {
    let code = ''
    const office = await officeStaffPage()
    try {
      await office.tap(/生成\s*监管员\s*邀请码/)
      await office.waitForText(/[A-Z0-9]{8}\s*监管员/)
      expect(toasts(office)).toContain('已生成邀请码')
      code = /([A-Z0-9]{8})\s*监管员/.exec(office.text())![1]
      expect(office.text()).toMatch(/前有效 · 已用\s*0\s*\/\s*20/)
      await office.tap('二维码')
      const qr = office.findAll((n) => n.tag === 'image' && String(n.attrs.src).startsWith('data:image/gif'))
      expect(qr).toHaveLength(1)
      expect(office.text()).toMatch(/用微信扫一扫即可打开小程序申请加入/)
      office.assertHealthy()
    } finally {
      recordSetData(office)
      office.close()
    }

    // WeChat's scanner opens the join page with the scanned link as `q`, before the user has logged in
    const link = `${server.origin}/qr/join?code=${code}`
    const newcomer = await launch(server, 'wx-new-supervisor')
    try {
      await newcomer.waitForText('同意并继续')
      await newcomer.open(`/packages/org/pages/join/index?q=${encodeURIComponent(link)}`)
      await newcomer.waitForRoute('pages/login/index')
      await newcomer.waitForText('同意并继续')
      await newcomer.tap('同意并继续')
      await newcomer.tap('微信一键登录')
      // login leads back to the link that was opened
      await newcomer.waitForRoute('packages/org/pages/join/index')
      // A first WeChat login has no name: the approver must see who asks, so the name comes first.
      await newcomer.waitForText('先填写你的姓名')
      await newcomer.input('请输入真实姓名', '覃建国')
      await newcomer.input('11 位手机号', '13900000006')
      await newcomer.tap('下一步')
      await newcomer.waitForText(code)
      // Before the tap the page says whose invite it is, for which role and who decides.
      await newcomer.waitForText(
        /县委统战部\s*邀请你以「监管员」身份加入，由领导小组办公室审核。\s*有效期至\s*(20\d\d年)?\d+月\d+日/,
      )
      await newcomer.tap('申请加入')
      await newcomer.waitForText(/已申请加入「县委统战部」，等待领导小组办公室审核/)
      newcomer.assertHealthy()
    } finally {
      recordSetData(newcomer)
      newcomer.close()
    }

    const again = await officeStaffPage()
    try {
      await again.waitForText(/待审核（\s*1\s*）/)
      expect(again.text()).toMatch(/覃建国\s*监管员\s*·\s*139\*\*\*\*0006\s*·.*申请/)
      await again.tap('通过')
      await again.waitForText(/待审核（\s*0\s*）/)
      expect(toasts(again)).toContain('已通过')
      expect(again.text()).toMatch(/人员（\s*2\s*）/)
      again.assertHealthy()
    } finally {
      recordSetData(again)
      again.close()
    }

    const supervisor = await signIn(server, 'wx-new-supervisor')
    try {
      await tapCell(supervisor, '监管总览')
      await supervisor.waitForRoute('packages/supervision/pages/overview/index')
      await supervisor.waitForText('县恒达食品有限公司')
      supervisor.assertHealthy()
    } finally {
      recordSetData(supervisor)
      supervisor.close()
    }
  })

  it('the app’s 扫一扫 under 我的 opens an invite QR’s join page', async () => {
    const mp = await signIn(server, 'demo-newcomer')
    try {
      await mp.switchTab('pages/mine/index')
      await mp.waitForText('扫一扫')
      mp.device.scans.push('https://ql.example.com/qr/join?code=ABCD2345')
      await tapCell(mp, '扫一扫')
      await mp.waitForRoute('packages/org/pages/join/index')
      await mp.waitForText(/凭邀请码加入.*ABCD2345/)
      // The server's refusal is said before any tap, and no request is offered for a code that opens nothing.
      await mp.waitForText('邀请码无效或已过期')
      expect(mp.text()).not.toContain('申请加入')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('the office makes an enterprise’s liaison invite from 监管总览', async () => {
    const office = await signIn(server, 'demo-office')
    try {
      await tapCell(office, '监管总览')
      await office.waitForRoute('packages/supervision/pages/overview/index')
      await office.waitForText('成员与联络员')
      await office.tap('成员与联络员')
      await office.waitForRoute('packages/org/pages/members/index')
      await office.waitForText('邀请联络员和成员')
      await office.tap(/生成\s*联络员\s*邀请码（7天有效，仅限1人使用）/)
      await office.waitForText(/[A-Z0-9]{8}\s*联络员/)
      expect(toasts(office)).toContain('已生成邀请码')
      office.assertHealthy()
    } finally {
      recordSetData(office)
      office.close()
    }
  })

  it('a new user types the liaison’s code under 我的 → 加入企业 and sees what it opens before asking', async () => {
    const liaison = await signIn(server, 'demo-liaison-private')
    let code = ''
    try {
      await tapCell(liaison, '成员管理')
      await liaison.waitForRoute('packages/org/pages/members/index')
      await liaison.waitForText(/生成\s*职工\s*邀请码/)
      const codes = () => [...liaison.text().matchAll(/([A-Z0-9]{8})\s*职工/g)].map((m) => m[1])
      const before = codes()
      await liaison.tap(/生成\s*职工\s*邀请码/)
      await liaison.waitForText(/[A-Z0-9]{8}\s*职工/)
      await liaison.idle(300)
      expect(toasts(liaison)).toContain('已生成邀请码')
      code = codes().find((c) => !before.includes(c))!
      expect(code).toMatch(/^[A-Z0-9]{8}$/)
    } finally {
      recordSetData(liaison)
      liaison.close()
    }

    const newcomer = await signIn(server, 'wx-typed-code')
    try {
      await newcomer.switchTab('pages/mine/index')
      await tapCell(newcomer, '加入企业')
      await newcomer.waitForRoute('packages/org/pages/code/index')
      await newcomer.input('请输入真实姓名', '韦丽娟')
      await newcomer.tap('下一步')
      await newcomer.input('例如 A1B2C3D4', code.slice(0, 7).toLowerCase())
      await newcomer.idle(300)
      expect(newcomer.text()).not.toContain('邀请你以')
      await newcomer.input('例如 A1B2C3D4', code.toLowerCase())
      await newcomer.waitForText(
        /县恒达食品有限公司\s*邀请你以「职工」身份加入，由联络员审核。\s*有效期至\s*(20\d\d年)?\d+月\d+日/,
      )
      await newcomer.tap('申请加入')
      await newcomer.idle(300)
      expect(toasts(newcomer)).toMatch(/已申请加入「县恒达食品有限公司」，等待联络员审核/)
      newcomer.assertHealthy()
    } finally {
      recordSetData(newcomer)
      newcomer.close()
    }
  })

  it('the liaison changes a role, removes a member who left, and hands the liaison role over', async () => {
    const liaison = await signIn(server, 'demo-liaison-private')
    try {
      await tapCell(liaison, '成员管理')
      await liaison.waitForRoute('packages/org/pages/members/index')
      await liaison.waitForText('王小军')
      await liaison.tap('王小军')
      await liaison.tap('改为负责人')
      await liaison.waitForText(/王小军.*负责人/)
      expect(toasts(liaison)).toContain('已改为负责人')

      await liaison.tap('移出')
      await liaison.idle(300)
      expect(toasts(liaison)).toContain('已移出王小军')
      await liaison.waitForText(/成员（\s*3\s*）/)
      const members = liaison.findAll((n) => hasClass(n, 'org-member__name'))
      expect(members.map((n) => textOf(n)).join()).not.toContain('王小军')

      await liaison.tap('刘恒达')
      await liaison.tap('移交联络员')
      await liaison.waitForRoute('pages/home/index')
      expect(toasts(liaison)).toContain('已移交给刘恒达')
      liaison.assertHealthy()
    } finally {
      recordSetData(liaison)
      liaison.close()
    }

    const head = await signIn(server, 'demo-head-private')
    try {
      await tapCell(head, '成员管理')
      await head.waitForRoute('packages/org/pages/members/index')
      await head.waitForText(/陈静/)
      expect(head.text()).toMatch(/刘恒达.*联络员/)
      expect(head.text()).toMatch(/陈静\s*\S*\s*职工/)
      head.assertHealthy()
    } finally {
      recordSetData(head)
      head.close()
    }
  })
})
