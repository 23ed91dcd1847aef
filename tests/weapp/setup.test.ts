/**
 * Switching on a county, in the mini-program: the code `npm run setup` printed makes the WeChat user who
 * enters it under 我的 → 管理员码 an administrator of the 领导小组办公室.
 */
import { setUpCounty } from '../../server/features/setup/service'
import { recordSetData, signIn, tapCell } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(120_000)

/** Taps the element whose whole text is `text` (many texts here contain 关联 or 监管). */
async function tapExact(mp: Awaited<ReturnType<typeof signIn>>, text: string) {
  await mp.waitForText(text)
  const node = mp.find(new RegExp(`^\\s*${text}\\s*$`))[0]
  if (!node) throw new Error(`nothing shows exactly "${text}"`)
  await mp.tap(node)
}

async function waitFor(check: () => boolean, timeoutMs = 8000) {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('管理员码 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('a new user enters the administrator code and becomes the office', async () => {
    const { code, office } = await server.test.database.db
      .transaction()
      .execute((trx) => setUpCounty(trx, '演示县', Date.now()))
    const mp = await signIn(server, 'demo-newcomer')
    try {
      await mp.switchTab('pages/mine/index')
      await tapCell(mp, '管理员码')
      await mp.input('例如 ABCD', 'WRONG-CODE-XX')
      await mp.tap('开通')
      await mp.waitForText('管理员码为12位字母或数字')
      await mp.input('例如 ABCD', code.toLowerCase())
      await mp.tap('开通')
      await mp.waitForText('领导小组办公室')
      expect(mp.device.toasts.map((t) => t.title).join()).toContain(`已成为「${office.name}」管理员`)
      await mp.switchTab('pages/home/index')
      await mp.waitForText('自查期次')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('the office sets up a department from the programme and links every 民营 enterprise to it', async () => {
    const mp = await signIn(server, 'demo-office')
    try {
      await tapCell(mp, '监管部门')
      await mp.waitForRoute('packages/org/pages/departments/index')
      await mp.tap('清廉民企建设工作专班')
      await mp.waitForText(/监管部门（\d+）.*清廉民企建设工作专班/)
      expect(mp.device.toasts.map((t) => t.title)).toContain('已新建「清廉民企建设工作专班」')
      await mp.tap(mp.find('清廉民企建设工作专班', (n) => n.attrs.class === 'org-member').at(-1)!)
      await mp.tap('关联所选性质的全部企业')
      expect(mp.device.toasts.at(-1)?.title).toMatch(/^新关联 \d+ 家（符合 \d+ 家）$/)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('the office links one enterprise, removes it again, and retires a department', async () => {
    const mp = await signIn(server, 'demo-office')
    try {
      await tapCell(mp, '监管部门')
      await mp.waitForRoute('packages/org/pages/departments/index')
      await mp.tap('县纪委监委驻县公安局纪检监察组')
      await mp.waitForText(/监管部门（\d+）.*县纪委监委驻县公安局纪检监察组/)
      await mp.tap(mp.find('县纪委监委驻县公安局纪检监察组', (n) => n.attrs.class === 'org-member').at(-1)!)
      await mp.waitForText('尚未监管任何企业')
      const toasts = () => mp.device.toasts.map((t) => t.title).join('\n')
      await tapExact(mp, '未监管')
      await mp.waitForText(/未监管 \d+ 家/)
      expect(mp.find(/^移除$/)).toHaveLength(0)
      await tapExact(mp, '关联')
      await waitFor(() => /已关联「.+」/.test(toasts()))
      await tapExact(mp, '已监管')
      await mp.waitForText('已监管 1 家')
      await tapExact(mp, '移除')
      await waitFor(() => /已取消关联「.+」/.test(toasts()))
      await mp.waitForText('尚未监管任何企业')
      mp.device.modalAnswers.push(true)
      await mp.tap('撤销该部门')
      await waitFor(() => toasts().includes('已撤销「县纪委监委驻县公安局纪检监察组」'))
      expect(mp.device.modals.at(-1)?.title).toBe('撤销「县纪委监委驻县公安局纪检监察组」？')
      await mp.waitForText(/已撤销（1） 县纪委监委驻县公安局纪检监察组 \d{4}年\d+月\d+日撤销/)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
