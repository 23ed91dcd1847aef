import fs from 'node:fs'
import { execFileSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import { docxTableRows as tableRows } from '../api/support/docxTable'
import type { Browser } from 'playwright-core'
import type { TSupervisionFigures } from '../../src/models/supervisionOverview'
import { convertWithLibreOffice, hasLibreOffice } from '../api/support/libreoffice'
import {
  confirmModal,
  demoLogin,
  launchBrowser,
  newPhonePage,
  settledScreenshot,
  SCREENSHOTS,
  startServer,
  visible as $,
  visibleText as text,
  type RunningServer,
} from './support/harness'

/**
 * 督查专报 in the H5 app: 覃秀 (领导小组办公室) opens 督查专报 from 监管总览, generates a draft, edits its
 * 下一步工作, finalises it and downloads the .docx; its table (unzipped) is the overview's figures per
 * department and 合计, and LibreOffice turns it into a PDF that reads as a 督查专报.
 */
jest.setTimeout(300_000)

const figureCells = (name: string, f: TSupervisionFigures) => [
  name,
  String(f.total),
  ...(['not_started', 'draft', 'submitted', 'returned', 'accepted'] as const).map((k) =>
    String(f.completion[k]),
  ),
  String(f.rectifications.overdue.enterprises),
  f.scores[0].average === null ? '—' : f.scores[0].average.toFixed(1),
]

describe('督查专报 in the H5 app', () => {
  let server: RunningServer
  let browser: Browser
  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('the office generates a report, finalises it, and downloads a .docx whose table is the overview', async () => {
    const errors: string[] = []
    const page = await newPhonePage(browser)
    page.on('pageerror', (e) => errors.push(String(e)))
    await demoLogin(page, server.baseUrl, '覃秀')
    await text(page, '监管总览', true).click()
    await $(page, '.supervision__reports').click()
    await text(page, '生成督查专报').waitFor({ timeout: 15_000 })
    await text(page, '还没有督查专报').waitFor({ timeout: 15_000 })
    await settledScreenshot(page, 'reports-01-list')
    await $(page, '.reports__generate').click()

    await text(page, '五、下一步工作').waitFor({ timeout: 30_000 })
    await $(page, '.report-table').waitFor()
    await settledScreenshot(page, 'reports-02-draft')
    const next = $(page, '.report__text--nextSteps textarea')
    await next.fill(
      '（一）对逾期未完成整改的企业下发整改通知，督促限期整改到位。\n（二）下季度开展专项督查。',
    )
    await $(page, '.report__save').click()
    await text(page, '已保存').waitFor({ timeout: 15_000 })
    await $(page, '.report__finalise').click()
    await confirmModal(page, '确定')
    await text(page, '已定稿', true).waitFor({ timeout: 15_000 })
    await text(page, '（二）下季度开展专项督查。').waitFor()
    await settledScreenshot(page, 'reports-03-final')

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      $(page, '.report__download').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.docx$/)
    const file = path.join(os.tmpdir(), `report-${process.pid}.docx`)
    await download.saveAs(file)
    const content = fs.readFileSync(file)
    fs.rmSync(file, { force: true })

    // The office's figures now (nothing changed since): one row per department with enterprises, 合计.
    const auth = await fetch(`${server.baseUrl}/api/v1/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'demo-office' }),
    })
    const { token } = (await auth.json()) as { token: string }
    const figures = async (query = '') =>
      (await (
        await fetch(`${server.baseUrl}/api/v1/supervision/figures${query}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as TSupervisionFigures
    const all = await figures()
    const expected = [
      ...(await Promise.all(
        all.departments
          .filter((d) => d.enterprises > 0)
          .map(async (d) => figureCells(d.name, await figures(`?departmentId=${d.id}`))),
      )),
      figureCells('合计', all),
    ]
    const xml = await (await JSZip.loadAsync(content)).file('word/document.xml')!.async('string')
    expect(tableRows(xml).slice(1)).toEqual(expected)
    expect(xml).toContain('（二）下季度开展专项督查。')

    if (hasLibreOffice()) {
      const pdf = convertWithLibreOffice(content, 'docx', 'pdf')
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
      const pdfFile = path.join(SCREENSHOTS, 'reports-04-docx.pdf')
      fs.mkdirSync(SCREENSHOTS, { recursive: true })
      fs.writeFileSync(pdfFile, pdf)
      // Without the layout's spaces and line breaks (a long department name wraps in its cell).
      const printed = execFileSync('pdftotext', [pdfFile, '-']).toString().replace(/\s+/g, '')
      expect(printed).toContain('督查专报')
      for (const row of expected) expect(printed).toContain(row[0])
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        pdfFile,
        pdfFile.replace(/\.pdf$/, ''),
      ])
    } else {
      console.warn('LibreOffice is not installed: the .docx was not converted')
    }
    expect(errors).toEqual([])
  })
})
