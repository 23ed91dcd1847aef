import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Whether LibreOffice is on this machine (tests that convert with it say so when it is not). */
export function hasLibreOffice(): boolean {
  try {
    execFileSync('libreoffice', ['--version'], { stdio: 'ignore', timeout: 30_000 })
    return true
  } catch {
    return false
  }
}

/**
 * Converts a document with LibreOffice headless (its own profile, so parallel runs do not collide) and
 * returns the converted bytes: `csv` (UTF-8, comma, first sheet), `pdf` or `png` (first page).
 */
export function convertWithLibreOffice(content: Buffer, ext: string, to: 'csv' | 'pdf' | 'png'): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'))
  try {
    const input = path.join(dir, `in.${ext}`)
    fs.writeFileSync(input, content)
    const filter = to === 'csv' ? 'csv:Text - txt - csv (StarCalc):44,34,76' : to
    execFileSync(
      'libreoffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        filter,
        '--outdir',
        dir,
        input,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    )
    return fs.readFileSync(path.join(dir, `in.${to}`))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** A CSV text split into rows of cells (quotes as LibreOffice writes them). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
