import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import JSZip from 'jszip'
import type { Browser, Page } from 'playwright-core'
import { IMPORT_COLUMNS, IMPORT_EXAMPLE_PREFIX } from '../../src/models/enterpriseImport'
import { creditCode, enterpriseRow, workbook, type Row } from '../api/support/importFiles'
import { convertWithLibreOffice, hasLibreOffice, parseCsv } from '../api/support/libreoffice'
import {
  confirmModal,
  decodeQr,
  launchBrowser,
  newPhonePage,
  screenshot,
  settled,
  settledScreenshot,
  tapTab,
  visible,
  visibleText as text,
  wechatLogin,
} from './support/harness'
import { startEmptyCounty, type EmptyCounty } from './support/county'

/** 监管总览 pages its enterprises (20 at a time): find one by name in its search box. */
async function searchOverview(page: Page, name: string) {
  const input = visible(page, '.sv-list__search input')
  await input.waitFor({ timeout: 30_000 })
  await input.fill(name)
  await input.press('Enter')
  await visible(page, '.sv-list__total', '企业（1）').waitFor({ timeout: 30_000 })
}

/**
 * Switching on a county from an EMPTY database, as issue 12 asks: the server in test mode with no demo
 * data, `scripts/setup.ts` run as the county's IT person would, and then everything in the H5 app (phone
 * size), each person a WeChat user in their own browser context (wechatLogin: the fake code2Session):
 *
 * setup command → the office redeems the 管理员码 → creates 县委统战部 → imports 50 enterprises from Excel
 * (3 refused with their reasons, 47 committed) → prints the liaison invites (.docx) → invites a 监管员 who
 * joins and is approved → an enterprise's liaison joins with the printed QR and is approved → the liaison
 * invites an employee who joins and is approved → the supervisor sees that enterprise in 监管总览.
 * The template downloaded from the app is opened by LibreOffice and its header row checked.
 */
jest.setTimeout(600_000)

const COUNTY = '测试县'
const OFFICE_NAME = `${COUNTY}清廉企业建设工作领导小组办公室`
const DEPARTMENT = '县委统战部'
const ENTERPRISE = '县第5007测试有限公司'
const PEOPLE = {
  office: { openid: 'wx-county-office', name: '韦晓梅' },
  supervisor: { openid: 'wx-county-supervisor', name: '覃建国' },
  liaison: { openid: 'wx-county-liaison', name: '黄海燕' },
  employee: { openid: 'wx-county-employee', name: '李明' },
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** 50 rows: 47 good ones supervised by 县委统战部, then a bad check digit, a repeated code, an unknown department. */
function countyRows(): Row[] {
  const good = Array.from({ length: 47 }, (_, i) => enterpriseRow(5001 + i))
  const code = creditCode(5048)
  const badCheckDigit = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')
  return [
    ...good,
    enterpriseRow(5048, { 统一社会信用代码: badCheckDigit }), // row 49
    enterpriseRow(5049, { 统一社会信用代码: creditCode(5010) }), // row 50, same code as row 11
    enterpriseRow(5050, { 监管部门: '县交通运输局' }), // row 51
  ]
}

/** The texts of a .docx page by page (pages split at the explicit page breaks). */
function docxPages(xml: string): string[][] {
  return xml
    .split('<w:br w:type="page"/>')
    .map((part) => [...part.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]))
}

describe('switching on a county from an empty database (H5, WeChat users)', () => {
  let county: EmptyCounty
  let browser: Browser
  const pageErrors: string[] = []

  // What the stages hand on to each other.
  let adminCode = ''
  let supervisorCode = ''
  let liaisonLink = ''
  let liaisonCode = ''
  let employeeCode = ''
  let office: Page
  let supervisor: Page
  let liaison: Page
  let employee: Page

  /** The visible text field with that placeholder (Taro's H5 input: the native <input> inside). */
  const field = (page: Page, placeholder: string) => visible(page, `input[placeholder="${placeholder}"]`)

  // The stages run in order and hand on codes and pages: after a failed one, the rest say so at once.
  let failedStage: string | null = null
  function stage(name: string, fn: () => Promise<void> | void) {
    it(name, async () => {
      if (failedStage) throw new Error(`not run: the stage “${failedStage}” failed`)
      try {
        await fn()
      } catch (err) {
        failedStage = name
        // What each phone showed when the stage failed: the report then says why, not only where.
        const phones = { office, supervisor, liaison, employee }
        for (const [who, page] of Object.entries(phones)) {
          if (page && !page.isClosed()) await screenshot(page, `county-FAILED-${who}`).catch(() => undefined)
        }
        throw err
      }
    })
  }

  /** A person's own phone: a fresh browser context, signed in as that WeChat user. */
  async function phoneOf(person: { openid: string }): Promise<Page> {
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => pageErrors.push(String(e)))
    await wechatLogin(page, county.server.baseUrl, person.openid)
    return page
  }

  /** 我的 → 编辑资料: a new WeChat user is 微信用户 until they give their name. */
  async function giveName(page: Page, name: string) {
    await tapTab(page, '我的')
    await text(page, '编辑资料', true).click()
    await field(page, '请输入真实姓名').fill(name)
    await visible(page, '.form-page__confirm').click()
    await text(page, '资料已保存').waitFor({ timeout: 30_000 })
    await visible(page, '.mine__name', name).waitFor({ timeout: 30_000 })
  }

  /** 首页 → an entry of 工作台 (after a reload: the roles may have changed since the page was opened). */
  async function openFromHome(page: Page, entry: string) {
    await page.goto(`${county.server.baseUrl}/#/pages/home/index`)
    await page.reload()
    await text(page, entry, true).click()
  }

  beforeAll(async () => {
    county = await startEmptyCounty({ APP_MODE: 'test' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await county?.close()
  })

  stage('starts from an empty database', () => {
    const db = new Database(county.sqliteFile, { readonly: true, fileMustExist: true })
    try {
      const count = (table: string) =>
        (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
      expect(count('departments')).toBe(0)
      expect(count('enterprises')).toBe(0)
      expect(count('users')).toBe(0)
      expect(count('memberships')).toBe(0)
    } finally {
      db.close()
    }
  })

  stage('the setup command creates the office and prints a one-time 管理员码 with its QR', async () => {
    // ── the county's IT person: npm run setup -- --county 测试县 --web-base <the H5 origin> ──
    const png = path.join(county.dataDir, 'admin-code.png')
    const out = await county.setup(['--county', COUNTY, '--web-base', county.server.baseUrl, '--png', png], {
      APP_MODE: 'test',
    })
    expect(out).toContain(`已创建：${OFFICE_NAME}`)
    // as the app and the printed invites write a time (the walk found 2026/12/6 01:49:10 here)
    expect(out).toMatch(/有效期至：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）/)
    // no --deadline, years after the programme's 2022-06-15: said plainly, not only in the README
    expect(out).toContain('注意：这个期限已经过了')
    adminCode = /管理员码：([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(out)?.[1] ?? ''
    expect(adminCode).not.toBe('')
    expect(decodeQr(png)).toBe(`${county.server.baseUrl}/qr/admin?code=${adminCode}`)
    const db = new Database(county.sqliteFile, { readonly: true, fileMustExist: true })
    try {
      expect(db.prepare('select name, is_office from departments').all()).toEqual([
        { name: OFFICE_NAME, is_office: 1 },
      ])
    } finally {
      db.close()
    }
  })

  stage('the office’s clerk signs in with WeChat, gives a name and redeems the 管理员码', async () => {
    office = await phoneOf(PEOPLE.office)
    await text(office, '还没有加入任何单位').waitFor()
    await settledScreenshot(office, 'county-01-new-user-home')
    await giveName(office, PEOPLE.office.name)

    // ── 我的 → 管理员码: typed as read off the terminal (lower case, with dashes) ──
    await text(office, '管理员码', true).click()
    await field(office, '例如 ABCD-EFGH-JKMN').fill(adminCode.toLowerCase())
    await settledScreenshot(office, 'county-02-admin-code')
    await visible(office, '.form-page__confirm').click()
    await text(office, `已成为「${OFFICE_NAME}」管理员`).waitFor({ timeout: 30_000 })
    await text(office, OFFICE_NAME).waitFor({ timeout: 30_000 })
    await settledScreenshot(office, 'county-03-office-mine')
    expect(county.wechat.calls.map((c) => c.get('appid'))).toContain('wx-e2e')
  })

  stage('the office creates 县委统战部 from the programme’s suggestions', async () => {
    await openFromHome(office, '监管部门')
    await text(office, '新建监管部门').waitFor({ timeout: 30_000 })
    await text(office, '监管部门（1）').waitFor()
    await visible(office, '.org-roles__item', new RegExp(`^${DEPARTMENT}$`)).click()
    await text(office, `已新建「${DEPARTMENT}」`).waitFor({ timeout: 30_000 })
    await text(office, '监管部门（2）').waitFor({ timeout: 30_000 })
    await visible(office, '.org-member__name', new RegExp(`^${DEPARTMENT}$`)).scrollIntoViewIfNeeded()
    await settledScreenshot(office, 'county-04-departments')
  })

  stage(
    'the office downloads the template (LibreOffice reads its header) and imports 50 enterprises: 47 new, 3 refused',
    async () => {
      await text(office, '从 Excel 导入企业', true).click()
      await text(office, '第一步：下载模板').waitFor({ timeout: 30_000 })

      // ── 下载导入模板, opened by LibreOffice ──
      const [template] = await Promise.all([
        office.waitForEvent('download'),
        text(office, '下载导入模板', true).click(),
      ])
      expect(template.suggestedFilename()).toMatch(/-企业导入模板-\d{4}-\d{2}-\d{2}\.xlsx$/)
      if (hasLibreOffice()) {
        const csv = convertWithLibreOffice(fs.readFileSync((await template.path())!), 'xlsx', 'csv')
        const rows = parseCsv(csv.toString('utf8'))
        // the title and the note above the header (row 3)
        expect(rows[2]).toEqual(IMPORT_COLUMNS.map((c) => c.header))
        // the grey example row, naming the county's own department
        expect(rows[3][0].startsWith(IMPORT_EXAMPLE_PREFIX)).toBe(true)
        expect(rows[3][IMPORT_COLUMNS.findIndex((c) => c.key === 'departments')]).toBe(DEPARTMENT)
      } else {
        console.warn('LibreOffice is not installed: the template was not converted')
      }

      // ── 选择文件并上传: the browser's file dialog ──
      const [chooser] = await Promise.all([
        office.waitForEvent('filechooser'),
        text(office, '选择文件并上传', true).click(),
      ])
      await chooser.setFiles({
        name: '测试县企业名单.xlsx',
        mimeType: XLSX,
        buffer: await workbook(countyRows()),
      })
      await text(office, '逐行结果').waitFor({ timeout: 120_000 })
      await text(office, '检查结果：测试县企业名单.xlsx').waitFor()
      const count = (status: string) => visible(office, `.org-import__count--${status} .org-import__number`)
      expect(await count('create').innerText()).toBe('47')
      expect(await count('refuse').innerText()).toBe('3')
      expect(await count('update').innerText()).toBe('0')

      // the refused rows (the page opens on 拒绝), each with its reason
      await text(office, '第49行 县第5048测试有限公司').waitFor()
      await text(office, '统一社会信用代码校验位不正确，请核对').waitFor()
      await text(office, '第50行 县第5049测试有限公司').waitFor()
      await text(office, '与第11行的统一社会信用代码重复').waitFor()
      await text(office, '第51行 县第5050测试有限公司').waitFor()
      await text(office, '监管部门“县交通运输局”不存在').waitFor()
      await settledScreenshot(office, 'county-05-import-preview')

      // ── 确认导入 ──
      await text(office, '确认导入', true).click()
      await confirmModal(office, '确定')
      await text(office, '已导入：新增 47 家').waitFor({ timeout: 120_000 })
      await settledScreenshot(office, 'county-06-import-committed')
    },
  )

  stage(
    'the office downloads the liaison invites: one page per new enterprise, with its code and QR',
    async () => {
      const [invites] = await Promise.all([
        office.waitForEvent('download'),
        text(office, '下载联络员邀请函', true).click(),
      ])
      expect(invites.suggestedFilename()).toMatch(/\.docx$/)
      const docx = await JSZip.loadAsync(fs.readFileSync((await invites.path())!))
      const documentXml = await docx.file('word/document.xml')!.async('string')
      const pages = docxPages(documentXml)
      expect(pages).toHaveLength(47)
      for (const p of pages) expect(p).toContain('联络员邀请函')
      expect(pages.flat().join()).not.toMatch(/县第50(48|49|50)测试有限公司/)

      const index = pages.findIndex((p) => p.includes(ENTERPRISE))
      expect(index).toBeGreaterThanOrEqual(0)
      const sheet = pages[index]
      expect(sheet).toContain(`统一社会信用代码：${creditCode(5007)}`)
      liaisonCode = sheet[sheet.indexOf('邀请码') + 1]
      expect(liaisonCode).toMatch(/^[A-Z0-9]{8}$/)
      // the printed QR (the page's image) carries the join link of that code
      const rels = await docx.file('word/_rels/document.xml.rels')!.async('string')
      const embed = /r:embed="([^"]+)"/.exec(documentXml.split('<w:br w:type="page"/>')[index])![1]
      const target = new RegExp(`Id="${embed}"[^>]*Target="([^"]+)"`).exec(rels)![1]
      const qrFile = path.join(county.dataDir, 'invite-qr.png')
      fs.writeFileSync(qrFile, await docx.file(`word/${target}`)!.async('nodebuffer'))
      liaisonLink = decodeQr(qrFile)
      expect(liaisonLink).toBe(`${county.server.baseUrl}/qr/join?code=${liaisonCode}`)
    },
  )

  stage('the office invites a 监管员 of 县委统战部, who joins with the code and is approved', async () => {
    // ── office: 监管部门 → 县委统战部 → 部门人员 → 生成监管员邀请码 ──
    await openFromHome(office, '监管部门')
    await visible(office, '.org-member__name', new RegExp(`^${DEPARTMENT}$`)).click()
    await text(office, '部门人员（邀请、审核、角色）', true).click()
    await text(office, '邀请人员').waitFor({ timeout: 30_000 })
    await text(office, '生成监管员邀请码（7天有效）', true).click()
    await text(office, '已生成邀请码').waitFor({ timeout: 30_000 })
    const invite = visible(office, '.invite-code', /监管员 · /)
    await invite.waitFor()
    expect(await invite.locator('.invite-code__meta').innerText()).toMatch(
      /^监管员 · .+前有效 · 已用 0\/\d+$/,
    )
    supervisorCode = (await invite.locator('.invite-code__code').innerText()).trim()
    expect(supervisorCode).toMatch(/^[A-Z0-9]{8}$/)
    await settledScreenshot(office, 'county-07-supervisor-invite')

    // ── the supervisor: signs in, gives a name, enters the code under 我的 → 加入企业 ──
    supervisor = await phoneOf(PEOPLE.supervisor)
    await giveName(supervisor, PEOPLE.supervisor.name)
    await text(supervisor, '加入企业', true).click()
    await settled(supervisor)
    await field(supervisor, '例如 A1B2C3D4').fill(supervisorCode)
    await visible(supervisor, '.form-page__confirm').click()
    await text(supervisor, `已申请加入「${DEPARTMENT}」，等待领导小组办公室审核`).waitFor({ timeout: 30_000 })
    await settledScreenshot(supervisor, 'county-08-supervisor-asked')

    // ── office: 部门人员 → 待审核 → 通过 ──
    await office.reload()
    await text(office, '待审核（1）').waitFor({ timeout: 30_000 })
    await visible(office, '.org-member', PEOPLE.supervisor.name).waitFor()
    await settledScreenshot(office, 'county-09-supervisor-pending')
    await visible(office, '.org-member', PEOPLE.supervisor.name).getByText('通过', { exact: true }).click()
    await text(office, '已通过').waitFor({ timeout: 30_000 })
    await text(office, '待审核（0）').waitFor({ timeout: 30_000 })
    await text(office, '人员（1）').waitFor()
    await settledScreenshot(office, 'county-10-supervisor-approved')
  })

  stage(
    'an enterprise’s liaison opens the printed QR link, asks to join, and the office approves',
    async () => {
      // ── the liaison: signs in, gives a name, opens the link the printed QR carries ──
      liaison = await phoneOf(PEOPLE.liaison)
      await giveName(liaison, PEOPLE.liaison.name)
      await liaison.goto(liaisonLink)
      await text(liaison, '凭邀请码加入').waitFor({ timeout: 30_000 })
      await text(liaison, liaisonCode, true).waitFor()
      // Before the tap: whose invite, which role, who decides.
      await text(liaison, '邀请你以「联络员」身份加入，由领导小组办公室审核。').waitFor({ timeout: 30_000 })
      await text(liaison, ENTERPRISE, true).waitFor()
      await settledScreenshot(liaison, 'county-09b-join-preview')
      await text(liaison, '申请加入', true).click()
      await text(liaison, `已申请加入「${ENTERPRISE}」，等待领导小组办公室审核`).waitFor({ timeout: 30_000 })
      await settledScreenshot(liaison, 'county-11-liaison-asked')
      await text(liaison, '返回首页', true).click()
      await visible(liaison, '.org-cell', ENTERPRISE).waitFor({ timeout: 30_000 })
      await settledScreenshot(liaison, 'county-12-liaison-pending-home')

      // ── office: 监管总览 → the enterprise → 成员与联络员 → 待审核 → 通过 ──
      await openFromHome(office, '监管总览')
      await searchOverview(office, ENTERPRISE)
      const card = visible(office, '.supervised', ENTERPRISE)
      await card.waitFor({ timeout: 30_000 })
      await card.getByText('成员与联络员', { exact: true }).click()
      await text(office, '邀请联络员和成员').waitFor({ timeout: 30_000 })
      await text(office, '待审核（1）').waitFor({ timeout: 30_000 })
      const request = visible(office, '.org-member', PEOPLE.liaison.name)
      expect(await request.innerText()).toContain('联络员')
      await settledScreenshot(office, 'county-13-liaison-pending')
      await request.getByText('通过', { exact: true }).click()
      await text(office, '已通过').waitFor({ timeout: 30_000 })
      await text(office, '待审核（0）').waitFor({ timeout: 30_000 })
      await text(office, '成员（1）').waitFor()
      await settledScreenshot(office, 'county-14-liaison-approved')
    },
  )

  stage(
    'the liaison invites an employee in 成员管理; the employee joins and the liaison approves',
    async () => {
      // ── liaison: 首页 → 成员管理 → 生成职工邀请码 ──
      await openFromHome(liaison, '成员管理')
      await text(liaison, '邀请成员').waitFor({ timeout: 30_000 })
      await text(liaison, '生成职工邀请码（7天有效）', true).click()
      await text(liaison, '已生成邀请码').waitFor({ timeout: 30_000 })
      const invite = visible(liaison, '.invite-code', /职工 · /)
      await invite.waitFor()
      employeeCode = (await invite.locator('.invite-code__code').innerText()).trim()
      expect(employeeCode).toMatch(/^[A-Z0-9]{8}$/)
      await settledScreenshot(liaison, 'county-15-employee-invite')

      // ── the employee: signs in, gives a name, 首页 → 加入企业 with the code ──
      employee = await phoneOf(PEOPLE.employee)
      await giveName(employee, PEOPLE.employee.name)
      await tapTab(employee, '首页')
      await visible(employee, '.home__join').click()
      await settled(employee)
      await field(employee, '例如 A1B2C3D4').fill(employeeCode)
      await visible(employee, '.form-page__confirm').click()
      await text(employee, `已申请加入「${ENTERPRISE}」，等待联络员审核`).waitFor({ timeout: 30_000 })
      await settledScreenshot(employee, 'county-16-employee-asked')

      // ── liaison: 待审核 → 通过 ──
      await liaison.reload()
      await text(liaison, '待审核（1）').waitFor({ timeout: 30_000 })
      await visible(liaison, '.org-member', PEOPLE.employee.name).getByText('通过', { exact: true }).click()
      await text(liaison, '已通过').waitFor({ timeout: 30_000 })
      await text(liaison, '待审核（0）').waitFor({ timeout: 30_000 })
      await text(liaison, '成员（2）').waitFor()
      await settledScreenshot(liaison, 'county-17-employee-approved')

      // the employee's 首页 now shows the enterprise and the role
      await employee.reload()
      const membership = visible(employee, '.org-cell', ENTERPRISE)
      await membership.waitFor({ timeout: 30_000 })
      await text(employee, '自查自评', true).waitFor({ timeout: 30_000 })
      expect(await membership.innerText()).toContain('职工')
      expect(await membership.innerText()).not.toContain('待审核')
      await settledScreenshot(employee, 'county-18-employee-home')
    },
  )

  stage('the supervisor sees that enterprise in 监管总览', async () => {
    await openFromHome(supervisor, '监管总览')
    await searchOverview(supervisor, ENTERPRISE)
    const card = visible(supervisor, '.supervised', ENTERPRISE)
    await card.waitFor({ timeout: 30_000 })
    expect(await visible(supervisor, '.supervision__count-value').innerText()).toBe('47')
    expect(await card.innerText()).toContain('民营 · 党支部')
    await card.scrollIntoViewIfNeeded()
    await settledScreenshot(supervisor, 'county-19-supervisor-overview')
    expect(pageErrors).toEqual([])
  })
})
