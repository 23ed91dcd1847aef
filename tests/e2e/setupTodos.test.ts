import crypto from 'node:crypto'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { enterpriseRow, workbook } from '../api/support/importFiles'
import {
  confirmModal,
  launchBrowser,
  newPhonePage,
  settled,
  settledScreenshot,
  tapTab,
  visible,
  visibleText as text,
  wechatLogin,
} from './support/harness'
import { startEmptyCounty, type EmptyCounty } from './support/county'

jest.setTimeout(600_000)

const COUNTY = '测试县'
const OFFICE_NAME = `${COUNTY}清廉企业建设工作领导小组办公室`
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A county switched on in production mode from an empty SQLite file (`npm run setup` without --deadline):
 * the new office's 任务 is never empty while something is missing. At each step it lists what is left
 * (开通准备), the first step first, and tapping an item opens the page where it is done.
 */
describe('the office’s 任务 while a county is switched on (H5, production)', () => {
  let county: EmptyCounty
  let browser: Browser
  let office: Page
  const pageErrors: string[] = []
  // What production refuses to start without (the setup script reads the same environment).
  const production = {
    APP_MODE: 'production',
    TOKEN_SECRET: crypto.randomBytes(32).toString('hex'),
    PLEDGE_CHAIN_KEY: crypto.randomBytes(32).toString('hex'),
    WECHAT_APPID: 'wx-e2e',
    WECHAT_SECRET: 'e2e-secret',
  }
  const baseUrl = () => county.server.baseUrl

  beforeAll(async () => {
    county = await startEmptyCounty(production)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await county?.close()
  })

  /** 任务, fetched afresh; the titles of its to-dos in order. */
  async function tasks(shot: string): Promise<string[]> {
    // One load, as the clerk taps the tab: a second would count the first as the last look.
    await office.goto(`${baseUrl()}/#/pages/home/index`)
    await office.reload()
    await tapTab(office, '任务')
    await visible(office, '.nut-cell-group-title', /^待办任务/).waitFor({ timeout: 30_000 })
    await settledScreenshot(office, shot)
    return office
      .locator('.tasks__todo .tasks__todo-head .tasks__label')
      .filter({ visible: true })
      .allInnerTexts()
  }
  /** Taps a to-do of 任务 by its title. */
  async function open(title: string) {
    await text(office, title, true).click()
    await settled(office)
  }
  /** The office's API, as the page is signed in. */
  async function api(method: string, url: string, body?: unknown) {
    const res = await office.evaluate(
      async ([m, u, b]) => {
        const session = JSON.parse(JSON.parse(localStorage.getItem('session')!).data) as { token: string }
        const r = await fetch(u as string, {
          method: m as string,
          headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
          body: b === undefined ? undefined : JSON.stringify(b),
        })
        return { status: r.status, body: await r.text() }
      },
      [method, url, body] as const,
    )
    expect(res.status).toBeLessThan(300)
    return JSON.parse(res.body || 'null')
  }

  it('lists each step until it is done, and each opens its page', async () => {
    // The county's IT person: `npm run setup -- --county 测试县` (no --deadline).
    const out = await county.setup(
      ['--county', COUNTY, '--png', path.join(county.dataDir, 'admin.png')],
      production,
    )
    const code = /管理员码：([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(out)?.[1] ?? ''
    expect(code).not.toBe('')

    // ── the clerk signs in with WeChat, gives a name, redeems the code ──
    office = await newPhonePage(browser)
    office.on('pageerror', (e) => pageErrors.push(String(e)))
    await wechatLogin(office, baseUrl(), 'wx-county-office')
    await office.goto(`${baseUrl()}/#/packages/org/pages/profile/index`)
    await visible(office, 'input[placeholder="请输入真实姓名"]').fill('韦晓梅')
    await visible(office, '.form-page__confirm').click()
    await text(office, '资料已保存').waitFor({ timeout: 30_000 })
    await office.goto(`${baseUrl()}/#/packages/org/pages/code/index?kind=admin`)
    await office.reload()
    await visible(office, 'input[placeholder="例如 ABCD-EFGH-JKMN"]').fill(code)
    await visible(office, '.form-page__confirm').click()
    await text(office, `已成为「${OFFICE_NAME}」管理员`).waitFor({ timeout: 30_000 })

    expect(await tasks('setup-todos-1-redeemed')).toEqual([
      '添加监管部门',
      '设定领导小组与实施方案完成期限',
      '导入企业名单',
    ])
    await open('添加监管部门')
    await text(office, '新建监管部门').waitFor({ timeout: 30_000 })
    await visible(office, '.org-roles__item', /^县委统战部$/).click()
    await text(office, '监管部门（2）').waitFor({ timeout: 30_000 })

    expect(await tasks('setup-todos-2-department')).toEqual([
      '设定领导小组与实施方案完成期限',
      '导入企业名单',
    ])
    await open('设定领导小组与实施方案完成期限')
    await text(office, '设定全县统一期限').waitFor({ timeout: 30_000 })
    await settledScreenshot(office, 'setup-todos-3-deadline-page')
    await api('PUT', '/api/v1/milestones/county-deadline', { deadline: '2027-03-31' })

    expect(await tasks('setup-todos-4-deadline')).toEqual(['导入企业名单'])
    await open('导入企业名单')
    await text(office, '第一步：下载模板').waitFor({ timeout: 30_000 })
    const [chooser] = await Promise.all([
      office.waitForEvent('filechooser'),
      text(office, '选择文件并上传', true).click(),
    ])
    await chooser.setFiles({
      name: '企业名单.xlsx',
      mimeType: XLSX,
      buffer: await workbook([6001, 6002, 6003].map((s) => enterpriseRow(s))),
    })
    await text(office, '逐行结果').waitFor({ timeout: 120_000 })
    await text(office, '确认导入', true).click()
    await confirmModal(office, '确定')
    await text(office, '已导入：新增 3 家').waitFor({ timeout: 120_000 })

    expect(await tasks('setup-todos-5-imported')).toEqual(['3家企业尚无联络员'])
    await open('3家企业尚无联络员')
    // The import that printed the letters, open with its 下载联络员邀请函.
    await text(office, '下载联络员邀请函', true).waitFor({ timeout: 30_000 })
    await settledScreenshot(office, 'setup-todos-6-letters')

    // ── one liaison joins with the printed code (their own phone's API) and the office approves ──
    const db = new Database(county.sqliteFile, { readonly: true, fileMustExist: true })
    const invite = db.prepare('select code, enterprise_id from invites order by id limit 1').get() as {
      code: string
      enterprise_id: number
    }
    db.close()
    const login = await fetch(`${baseUrl()}/api/v1/auth/wechat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'ok:wx-liaison' }),
    })
    const { token } = (await login.json()) as { token: string }
    const joined = await fetch(`${baseUrl()}/api/v1/invites/join`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: invite.code }),
    })
    expect(joined.status).toBe(201)
    const { membershipId } = (await joined.json()) as { membershipId: number }
    await api('POST', `/api/v1/enterprises/${invite.enterprise_id}/members/${membershipId}/approve`)

    expect(await tasks('setup-todos-7-one-liaison')).toEqual(['2家企业尚无联络员'])
    expect(pageErrors).toEqual([])
  })
})
