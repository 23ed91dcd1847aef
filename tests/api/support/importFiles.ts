import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { creditCodeCheckChar } from '../../../src/models/creditCode'
import { IMPORT_COLUMNS } from '../../../src/models/enterpriseImport'
import { call } from './testApp'
import { multipart } from './files'

/** Workbooks for the import tests: the template's header and rows given as arrays of cell texts. */
export type Row = (string | number | null)[]

/** A valid 统一社会信用代码 per serial (distinct from the demo data's). */
export function creditCode(serial: number): string {
  const body = `91450100${String(serial).padStart(9, '0')}`
  return body + creditCodeCheckChar(body)
}

export function enterpriseRow(serial: number, overrides: Partial<Record<string, string>> = {}): Row {
  const base: Record<string, string> = {
    企业名称: `县第${serial}测试有限公司`,
    统一社会信用代码: creditCode(serial),
    所有制: '民营',
    党组织: '党支部',
    行业: '制造业',
    监管部门: '县委统战部',
    联络员姓名: `联络员${serial}`,
    联络员手机: `139${String(serial).padStart(8, '0')}`,
    ...overrides,
  }
  return IMPORT_COLUMNS.map((c) => base[c.header] ?? '')
}

export async function workbook(
  rows: Row[],
  header: string[] = IMPORT_COLUMNS.map((c) => c.header),
): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('企业名单')
  sheet.addRow(header)
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer())
}

export function upload(app: FastifyInstance, token: string, content: Buffer, filename = '企业名单.xlsx') {
  const body = multipart('file', filename, content)
  return call(app, token, {
    method: 'POST',
    url: '/api/v1/imports',
    payload: body.payload,
    headers: body.headers,
  })
}

/** Polls the import until its worker has finished. */
export async function waitReady(app: FastifyInstance, token: string, id: number, query = '') {
  const deadline = Date.now() + 120_000
  for (;;) {
    const res = await call(app, token, { method: 'GET', url: `/api/v1/imports/${id}${query}` })
    const body = res.json()
    if (res.statusCode !== 200) throw new Error(`import ${id}: ${res.body}`)
    if (body.state !== 'parsing') return body
    if (Date.now() > deadline) throw new Error(`import ${id} still parsing`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export const hasLibreOffice = (() => {
  try {
    execFileSync('libreoffice', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

/** LibreOffice converts `content` (named `name`) to `format`; the converted file's bytes. */
export function libreOfficeConvert(content: Buffer, name: string, format: string): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-lo-'))
  try {
    fs.writeFileSync(path.join(dir, name), content)
    execFileSync(
      'libreoffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        format,
        '--outdir',
        dir,
        path.join(dir, name),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    )
    const out = fs.readdirSync(dir).find((f) => f !== name && f !== 'profile')
    if (!out) throw new Error(`LibreOffice did not convert ${name} to ${format}`)
    return fs.readFileSync(path.join(dir, out))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** CSV text → rows of cells (quotes handled). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const endCell = () => {
    row.push(cell)
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') endCell()
    else if (ch === '\n') {
      endCell()
      rows.push(row)
      row = []
    } else if (ch !== '\r') cell += ch
  }
  if (cell || row.length) {
    endCell()
    rows.push(row)
  }
  return rows
}
