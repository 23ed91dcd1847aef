import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Whether a command runs on this machine (tests that need it say so when it does not). */
function runs(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 30_000 })
    return true
  } catch {
    return false
  }
}

/** Whether LibreOffice is on this machine. */
export const hasLibreOffice = (): boolean => runs('libreoffice', ['--version'])

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

/** Whether poppler's tools (pdftotext, pdfimages, pdftoppm) are on this machine. */
export const hasPoppler = (): boolean => runs('pdftotext', ['-v'])

/** Runs a poppler tool on a PDF in a scratch directory; its standard output, or the files it wrote there. */
function withPdf<T>(pdf: Buffer, run: (input: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-'))
  try {
    const input = path.join(dir, 'in.pdf')
    fs.writeFileSync(input, pdf)
    return run(input, dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The text of a PDF in reading order (pdftotext), pages separated by form feeds. */
export function pdfText(pdf: Buffer): string {
  return withPdf(pdf, (input) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', input, '-'], { timeout: 60_000 }).toString('utf8'),
  )
}

/** The images a PDF draws (pdfimages -list), without their soft masks: one entry per picture. */
export function pdfImages(pdf: Buffer): { page: number; width: number; height: number }[] {
  const list = withPdf(pdf, (input) =>
    execFileSync('pdfimages', ['-list', input], { timeout: 60_000 }).toString('utf8'),
  )
  // Two header lines, then: page num type width height color comp bpc enc interp object ID …
  return list
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length > 5 && cols[2] === 'image')
    .map((cols) => ({ page: Number(cols[0]), width: Number(cols[3]), height: Number(cols[4]) }))
}

/** The first page of a PDF as a JPEG (pdftoppm), e.g. a photographed sheet for an upload. */
export function pdfPageJpeg(pdf: Buffer, dpi = 40): Buffer {
  return withPdf(pdf, (input, dir) => {
    execFileSync(
      'pdftoppm',
      ['-jpeg', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', input, path.join(dir, 'page')],
      {
        timeout: 60_000,
      },
    )
    return fs.readFileSync(path.join(dir, 'page.jpg'))
  })
}
