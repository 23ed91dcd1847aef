import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { TINY_PDF } from '../api/support/files'
import {
  confirmModal,
  demoLogin,
  launchBrowser,
  newPhonePage,
  SCREENSHOTS,
  settledScreenshot,
  startServer,
  visible,
  visibleText,
  type RunningServer,
} from './support/harness'

const $ = visible
const text = visibleText

/**
 * Input that respects people, in the real H5 build: the title bar with back on sub-pages (home when a
 * page is opened from a link), the counter and over-limit message of a long note that grows without
 * covering what follows, the leave warning on unsaved text, a PDF as evidence, and a phone-sized photo
 * compressed in the browser before upload (its sizes written to artifacts/e2e/photo-compression.json).
 */
jest.setTimeout(600_000)

const LIAISON = '陈静'
const CAMPAIGN = '2026年度清廉企业建设自查'
const MB = 1024 * 1024

/** A 4032×3024 phone-like photo drawn and encoded as JPEG by Chromium itself (no image tools here). */
async function phonePhotoJpeg(page: Page, noise: number): Promise<Buffer> {
  const base64 = await page.evaluate(async (noise) => {
    const canvas = document.createElement('canvas')
    canvas.width = 4032
    canvas.height = 3024
    const ctx = canvas.getContext('2d')!
    const sky = ctx.createLinearGradient(0, 0, 0, canvas.height)
    sky.addColorStop(0, '#8fb6d8')
    sky.addColorStop(1, '#d9cbb0')
    ctx.fillStyle = sky
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    // a sheet of paper with lines of text and a red seal, as evidence photos are
    ctx.fillStyle = '#f7f5ef'
    ctx.fillRect(700, 300, 2600, 2400)
    ctx.fillStyle = '#333'
    ctx.font = '64px sans-serif'
    for (let y = 480; y < 2500; y += 110)
      ctx.fillText('关于进一步加强廉洁风险防控的实施办法（试行）第一条', 820, y)
    ctx.strokeStyle = '#c8282f'
    ctx.lineWidth = 24
    ctx.beginPath()
    ctx.arc(2800, 2300, 220, 0, Math.PI * 2)
    ctx.stroke()
    // sensor noise: what makes a real photo big
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height)
    let seed = 7
    for (let i = 0; i < image.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      const n = (seed % (2 * noise + 1)) - noise
      image.data[i] += n
      image.data[i + 1] += n
      image.data[i + 2] += n
    }
    ctx.putImageData(image, 0, 0)
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.92))
    const bytes = new Uint8Array(await blob.arrayBuffer())
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return btoa(binary)
  }, noise)
  return Buffer.from(base64, 'base64')
}

const PDF = TINY_PDF

describe('input that respects people (H5)', () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  let dir: string
  const errors: string[] = []
  const shot = (name: string) => settledScreenshot(page, `input-${name}`)

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-input-'))
    server = await startServer()
    browser = await launchBrowser()
    page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  const backButton = () => page.locator('#taro-navigation-bar .taro-navigation-bar-back')
  const homeButton = () => page.locator('#taro-navigation-bar .taro-navigation-bar-home')
  const title = () => page.locator('#taro-navigation-bar .taro-navigation-bar-title')

  it('shows the page title on every page, and back on a sub-page', async () => {
    const base = server.baseUrl
    // The login page: its title, and neither back nor 首页 (there is nothing behind it yet).
    await page.goto(`${base}/#/pages/login/index`)
    await text(page, '选择演示身份登录').waitFor({ timeout: 30_000 })
    await page.waitForTimeout(300)
    expect(await homeButton().isVisible()).toBe(false)
    expect(await backButton().isVisible()).toBe(false)
    await shot('00-login-title-bar')
    await demoLogin(page, base, LIAISON)
    await expect(title().textContent()).resolves.toBe('首页')
    expect(await backButton().isVisible()).toBe(false)
    await shot('01-home-title-bar')

    await text(page, '自查自评', true).click()
    await text(page, CAMPAIGN).waitFor({ timeout: 15_000 })
    await expect(title().textContent()).resolves.toBe('自查自评')
    expect(await backButton().isVisible()).toBe(true)
    await shot('02-sub-page-back')
    await backButton().click()
    await text(page, `你好，${LIAISON}`).waitFor({ timeout: 15_000 })
    expect(await title().textContent()).toBe('首页')
  })

  it('a long note grows, counts against the schema’s 500 and says by how much it is over', async () => {
    await text(page, '自查自评', true).click()
    await text(page, CAMPAIGN).click()
    await text(page, '开始作答').click()
    const note = $(page, '.item-editor__note textarea')
    await note.waitFor({ timeout: 15_000 })
    await text(page, '0/500').waitFor()
    const pasted = '本企业已建立廉洁风险防控制度，'.repeat(36) // 540 characters
    await note.fill(pasted)
    await text(page, '540/500').waitFor()
    await text(page, '最多 500 字，已超出 40 字，请删减').waitFor()
    expect(await note.inputValue()).toBe(pasted) // nothing cut

    // The field pushes what follows down: nothing below it is drawn over by its text.
    const field = await $(page, '.item-editor__note').boundingBox()
    const textarea = await note.boundingBox()
    const foot = await $(page, '.text-field__foot').boundingBox()
    const evidence = await $(page, '.item-evidence').boundingBox()
    expect(textarea!.height).toBeGreaterThan(300)
    expect(field!.y + field!.height).toBeLessThanOrEqual(foot!.y + 1)
    expect(foot!.y + foot!.height).toBeLessThanOrEqual(evidence!.y)
    await $(page, '.text-field__foot').scrollIntoViewIfNeeded()
    await shot('03-note-over-limit')
  })

  it('asks before leaving with the unsaved note: 取消 stays, 确定 leaves', async () => {
    // The note cannot be saved (no answer chosen, and too long): leaving would lose it.
    await backButton().click()
    await text(page, '内容尚未保存，确定离开？').waitFor({ timeout: 10_000 })
    await shot('04-leave-warning')
    await confirmModal(page, '取消')
    await page.waitForTimeout(400)
    expect(await title().textContent()).toBe('自查作答')
    expect(await $(page, '.item-editor__note textarea').inputValue()).toHaveLength(540)

    await backButton().click()
    await confirmModal(page, '确定')
    await text(page, '各部分进度').waitFor({ timeout: 15_000 })
    expect(await title().textContent()).toBe('自查详情')
  })

  it('a page opened from a link offers 首页 instead of back', async () => {
    const base = server.baseUrl
    // as a shared link opens it: a fresh load of the sub-page, nothing under it
    await page.goto(`${base}/#/packages/events/pages/list/index`)
    await page.reload()
    await page.waitForFunction(
      () =>
        document.querySelector('#taro-navigation-bar .taro-navigation-bar-title')?.textContent ===
        '清廉文化活动',
      undefined,
      { timeout: 15_000 },
    )
    expect(await homeButton().isVisible()).toBe(true)
    expect(await backButton().isVisible()).toBe(false)
    await shot('05-opened-from-link-home')
    await homeButton().click()
    await text(page, `你好，${LIAISON}`).waitFor({ timeout: 15_000 })
  })

  it('takes a PDF as evidence and a phone photo compressed in the browser', async () => {
    await text(page, '自查自评', true).click()
    await text(page, CAMPAIGN).click()
    await text(page, '开始作答').click()
    await $(page, '.item-evidence').waitFor({ timeout: 15_000 })
    await $(page, '.answer-option--yes').click()
    await text(page, '✓ 已保存').waitFor({ timeout: 15_000 })

    // 文件（PDF）: the browser's file dialog offers PDFs; the file shows as a chip that opens.
    const pdf = path.join(dir, '廉洁风险防控制度.pdf')
    fs.writeFileSync(pdf, PDF)
    const [pdfChooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      $(page, '.item-evidence .evidence-grid__add--pdf').click(),
    ])
    expect(await pdfChooser.element().getAttribute('accept')).toBe('.pdf,application/pdf')
    await pdfChooser.setFiles(pdf)
    await $(page, '.item-evidence .evidence-grid__file', '廉洁风险防控制度.pdf').waitFor({ timeout: 15_000 })

    // 拍照/相册 with 4032×3024 photos of 4–8 MB: what reaches the server is about 1–2 MB.
    const measured: Record<string, unknown>[] = []
    for (const [noise, name] of [
      [14, 'IMG_20261124_093012.jpg'],
      [40, 'IMG_20261124_093455.jpg'],
    ] as const) {
      const photo = path.join(dir, name)
      const original = await phonePhotoJpeg(page, noise)
      fs.writeFileSync(photo, original)
      const uploaded = page.waitForResponse(
        (r) => r.url().includes('/evidence?itemCode=') && r.request().method() === 'POST',
      )
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        $(page, '.item-evidence .evidence-grid__add--photo').click(),
      ])
      await chooser.setFiles(photo)
      const stored = (await (await uploaded).json()) as { size: number; mime: string; filename: string }
      measured.push({
        photo: `4032×3024 JPEG drawn in Chromium (paper, text, seal, sensor noise ±${noise}), quality 0.92`,
        originalBytes: original.length,
        storedBytes: stored.size,
        storedMime: stored.mime,
        storedName: stored.filename,
      })
      expect(original.length).toBeGreaterThan(4 * MB)
      expect(original.length).toBeLessThan(8 * MB)
      expect(stored.mime).toBe('image/jpeg')
      expect(stored.size).toBeGreaterThan(0.7 * MB)
      expect(stored.size).toBeLessThan(2 * MB)
    }
    await $(page, '.item-evidence .evidence-grid__image').waitFor({ timeout: 15_000 })
    await $(page, '.item-evidence').scrollIntoViewIfNeeded()
    await shot('06-pdf-chip-and-photos')
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    fs.writeFileSync(path.join(SCREENSHOTS, 'photo-compression.json'), JSON.stringify(measured, null, 1))
    console.log(`photo compression: ${JSON.stringify(measured)}`)
    expect(errors).toEqual([])
  })
})
