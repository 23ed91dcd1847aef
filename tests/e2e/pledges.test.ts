import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { PNG } from 'pngjs'
import type { Browser, Page } from 'playwright-core'
import {
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  type RunningServer,
  visible,
  visibleText,
  demoLogin,
  logout,
  confirmModal,
  decodeQr,
} from './support/harness'

const $ = visible
const text = visibleText

/**
 * 政商双边清廉承诺 end to end, in the real H5 build served by the real server (demo data): 刘恒达 (负责人,
 * 县恒达食品有限公司) starts it naming 县工业信息化和商务局, reads the text to its end and signs with the
 * mouse; 陆海军 (党员干部, 工信局) finds it waiting, reads and counter-signs; the public verify page (no
 * login) shows it intact; a direct edit of the database makes the same page show where it broke.
 */
jest.setTimeout(600_000)

const HEAD = '刘恒达'
const OFFICIAL = '陆海军'
const DEPARTMENT = '县工业信息化和商务局'

/** Scrolls the pledge text with the mouse wheel until the page says it has been read to the end. */
async function readToEnd(page: Page) {
  const view = $(page, '#pl-text-view')
  await view.scrollIntoViewIfNeeded()
  const box = await view.boundingBox()
  if (!box) throw new Error('no pledge text on screen')
  const viewport = page.viewportSize()!
  const y = Math.min(box.y + box.height / 2, (box.y + Math.min(box.y + box.height, viewport.height)) / 2)
  await page.mouse.move(box.x + box.width / 2, y)
  for (let i = 0; i < 40; i++) {
    if (await text(page, '已阅读至末尾').isVisible()) return
    await page.mouse.wheel(0, 300)
    await page.waitForTimeout(150)
  }
  await text(page, '已阅读至末尾').waitFor({ timeout: 5_000 })
}

/** Writes a short "signature" on the pad with the mouse: two strokes. */
async function drawSignature(page: Page) {
  const canvas = $(page, '.signature-pad canvas')
  await canvas.waitFor()
  await $(page, '.signature-pad').scrollIntoViewIfNeeded()
  const box = await canvas.boundingBox()
  if (!box) throw new Error('no signature canvas')
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const
  const stroke = async (points: (readonly [number, number])[]) => {
    await page.mouse.move(...points[0])
    await page.mouse.down()
    for (const p of points.slice(1)) await page.mouse.move(...p, { steps: 8 })
    await page.mouse.up()
  }
  await stroke([at(0.15, 0.6), at(0.25, 0.3), at(0.35, 0.7), at(0.45, 0.35), at(0.55, 0.65)])
  await stroke([at(0.6, 0.4), at(0.7, 0.6), at(0.85, 0.3)])
}

describe('廉洁承诺 in the H5 app', () => {
  let server: RunningServer
  let browser: Browser
  let dataDir: string
  let dbFile: string
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-pledges-'))
    dbFile = path.join(dataDir, 'pledges.db')
    server = await startServer({ SQLITE_FILE: dbFile })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const errors: string[] = []
  async function shot(page: Page, name: string) {
    await page.waitForTimeout(100)
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          '.taro_page.taro_page_show:not(.taro_page_stationed):not(.taro_tabbar_page)',
        ).length === 0 && document.getAnimations().every((a) => a.playState !== 'running'),
    )
    await page.waitForTimeout(100)
    return screenshot(page, `pledges-${name}`)
  }

  it('the head starts and signs a 政商 pledge, the cadre counter-signs, the public page verifies it', async () => {
    const base = server.baseUrl
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))

    // ── 刘恒达: 首页 → 廉洁承诺 → 发起政商双边清廉承诺 ──
    await demoLogin(page, base, HEAD)
    await $(page, '.home__pledges .home__entry').click()
    await text(page, '签署承诺').waitFor({ timeout: 15_000 })
    await text(page, '企业诚信守法经营承诺书').waitFor()
    await shot(page, '01-list-head')
    await text(page, '发起政商双边清廉承诺书').click()
    await text(page, '选择党员干部所在部门').waitFor({ timeout: 15_000 })
    await text(page, DEPARTMENT).click()
    await $(page, '#pl-text-view').waitFor()
    await text(page, '请向上滑动，阅读承诺书至末尾后签名').waitFor()
    // Not read yet: signing is not possible.
    expect(await $(page, '.a-actions .nut-button', '确认签署').getAttribute('class')).toMatch(/disabled/)
    await shot(page, '02-sign-unread')

    await readToEnd(page)
    await shot(page, '03-read-to-end')
    await drawSignature(page)
    await $(page, '.signature-pad').scrollIntoViewIfNeeded()
    await shot(page, '04-signed-by-head')
    // 清除重签 empties the pad; sign again.
    await $(page, '.a-actions .nut-button', '清除重签').click()
    await page.waitForTimeout(200)
    await drawSignature(page)
    await $(page, '.a-actions .nut-button', '确认签署').click()
    await confirmModal(page, '确认签署')

    // ── the certificate: 待对方签署, with the share QR for the cadre ──
    await text(page, '请对方签署').waitFor({ timeout: 20_000 })
    await text(page, '待对方签署').waitFor()
    await shot(page, '05-certificate-pending')
    const pledgeUrl = page.url()
    const pledgeId = Number(/[?&]id=(\d+)/.exec(pledgeUrl)?.[1])
    expect(pledgeId).toBeGreaterThan(0)
    const code = (await $(page, '.pl-cert__code').innerText()).replace(/-/g, '').trim()
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/)
    // The share QR holds the counter-sign page of this pledge.
    const qrFile = path.join(dataDir, 'share-qr.png')
    await $(page, '.pl-qr').screenshot({ path: qrFile })
    expect(decodeQr(qrFile)).toBe(`${base}/#/packages/pledges/pages/sign/index?pid=${pledgeId}`)
    await logout(page, base)

    // ── 陆海军: the pledge waits for him; he reads and counter-signs ──
    await demoLogin(page, base, OFFICIAL)
    await $(page, '.home__pledges .home__entry').click()
    await text(page, '政商双边清廉承诺书待您签署').waitFor({ timeout: 15_000 })
    await shot(page, '06-list-official-todo')
    await text(page, '政商双边清廉承诺书待您签署').click()
    await text(page, `${HEAD}已签署`).waitFor({ timeout: 15_000 })
    await readToEnd(page)
    await drawSignature(page)
    await shot(page, '07-countersign')
    await $(page, '.a-actions .nut-button', '确认签署').click()
    await confirmModal(page, '确认签署')
    await text(page, '核验码').waitFor({ timeout: 20_000 })
    await $(page, '.pl-tag--effective').waitFor()
    await $(page, '.pl-cert__sig-img').waitFor()
    expect(await page.locator('.pl-cert__sig').filter({ visible: true }).count()).toBe(2)
    await shot(page, '08-certificate-effective')
    await $(page, '.pl-cert__sig', OFFICIAL).scrollIntoViewIfNeeded()
    await shot(page, '09-certificate-signatures')

    // 导出证书图片: the browser draws the API's SVG certificate (text, both signatures, hashes, code, QR)
    // into a PNG download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      $(page, '.nut-button', '导出证书图片').click(),
    ])
    expect(download.suggestedFilename()).toBe(`政商双边清廉承诺书-${code}.png`)
    const pngFile = path.join(dataDir, 'certificate.png')
    await download.saveAs(pngFile)
    const png = PNG.sync.read(fs.readFileSync(pngFile))
    expect(png.width).toBeGreaterThanOrEqual(1000)
    let ink = 0
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 128) ink++
    expect(ink).toBeGreaterThan(5000)
    // The same picture holds the QR of the public verify page.
    expect(decodeQr(pngFile)).toContain(`/#/packages/pledges/pages/verify/index?code=${code}`)
    const certPage = await newPhonePage(browser)
    await certPage.setViewportSize({ width: 794, height: 1123 })
    await certPage.goto(`file://${pngFile}`)
    await screenshot(certPage, 'pledges-10-exported-certificate')
    await certPage.close()

    // Both sides see it 已生效 in their lists.
    await page.goto(`${base}/#/packages/pledges/pages/list/index`)
    await $(page, '.pl-item', '政商双边清廉承诺书').locator('.pl-tag--effective').waitFor({ timeout: 15_000 })
    await logout(page, base)

    // ── anyone, no login: the public verify page by the code ──
    const publicPage = await newPhonePage(browser)
    publicPage.on('pageerror', (e) => errors.push(String(e)))
    await publicPage.goto(`${base}/#/packages/pledges/pages/verify/index?code=${code}`)
    await text(publicPage, '记录完整，哈希链完整').waitFor({ timeout: 30_000 })
    await text(publicPage, '138****0032').waitFor()
    await text(publicPage, '138****0004').waitFor()
    expect(await publicPage.content()).not.toContain('13807710032')
    await shot(publicPage, '11-verify-intact')

    // ── a direct edit of the database: the same page shows where it broke ──
    const db = new SqliteDatabase(dbFile)
    try {
      const changed = db
        .prepare("update pledges set text = replace(text, '不行贿', '可行贿') where code = ?")
        .run(code)
      expect(changed.changes).toBe(1)
    } finally {
      db.close()
    }
    await $(publicPage, '.nut-button', '核验').click()
    await text(publicPage, '记录已被改动').waitFor({ timeout: 15_000 })
    await text(publicPage, '第一处断点').waitFor()
    await text(publicPage, `承诺编号 ${code.replace(/(.{4})(?=.)/g, '$1-')}`).waitFor()
    await text(publicPage, '哈希链').waitFor()
    await shot(publicPage, '12-verify-tampered')

    expect(errors).toEqual([])
  })

  it('the liaison sees who signed the personal pledge and reminds the rest; the supervisor sees coverage', async () => {
    const base = server.baseUrl
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(page, base, '陈静')
    await $(page, '.home__pledges .home__entry').click()
    await text(page, '职工签署情况').click()
    await text(page, '年个人廉洁从业承诺：已签 0 / 4 人').waitFor({ timeout: 15_000 })
    await $(page, '.a-actions .nut-button', '提醒未签署的 4 人').click()
    await text(page, '已提醒').waitFor({ timeout: 15_000 })
    await shot(page, '13-coverage-liaison')
    await logout(page, base)

    await demoLogin(page, base, '韦丽萍')
    await $(page, '.home__pledges .home__entry').click()
    await text(page, '承诺覆盖情况').click()
    await text(page, '县恒达食品有限公司').waitFor({ timeout: 15_000 })
    await text(page, '已生效 1 · 待签署 0').waitFor()
    await shot(page, '14-coverage-supervisor')
    expect(errors).toEqual([])
  })

  it('the office publishes a new version of a template', async () => {
    const base = server.baseUrl
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(page, base, '覃秀')
    await $(page, '.home__pledges .home__entry').click()
    await text(page, '承诺书模板').click()
    await text(page, '现行第 1 版', false).waitFor({ timeout: 15_000 })
    await shot(page, '15-templates')
    await $(page, '.nut-button', '修订并发布新版本').click()
    const editor = $(page, '.pledge-templates__editor')
    await editor.waitFor()
    await editor.locator('textarea').nth(2).fill('承诺人：{{signer}}（2027年版）')
    await editor.locator('input').nth(1).fill('结尾注明年度')
    await shot(page, '16-template-edit')
    await $(page, '.nut-button', '发布第 2 版').click()
    await text(page, '现行第 2 版').waitFor({ timeout: 15_000 })
    await text(page, '（2027年版）').waitFor()
    await shot(page, '17-template-published')
    expect(errors).toEqual([])
  })
})
