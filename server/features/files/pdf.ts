/**
 * A structural check of a PDF, since its first bytes prove nothing (an HTML page after `%PDF-` passes a
 * sniff). The file must have the header, `startxref <offset>` and `%%EOF` in its last 1 KB, and the offset must
 * point at a cross-reference section that parses: a classic table (`xref`, subsections of 20-byte
 * entries whose in-use offsets point at `N G obj`) followed by a trailer naming /Root, or a
 * cross-reference stream object of /Type /XRef (PDF 1.5+). Enough to refuse what is not a PDF, without
 * a full parser.
 */
const latin1 = (bytes: Buffer, start: number, end = bytes.length) => bytes.toString('latin1', start, end)

/** How many xref entries are followed to their objects: enough to prove the table, cheap on big files. */
const ENTRIES_CHECKED = 64

export function isWellFormedPdf(bytes: Buffer): boolean {
  if (!/^%PDF-[12]\.\d/.test(latin1(bytes, 0, 8))) return false
  const tail = latin1(bytes, Math.max(0, bytes.length - 1024))
  // The last one counts (incremental updates append theirs); some writers leave bytes after %%EOF.
  const end = [...tail.matchAll(/startxref\s+(\d{1,12})\s+%%EOF/g)].at(-1)
  if (!end) return false
  const offset = Number(end[1])
  if (offset < 8 || offset >= bytes.length) return false
  const section = latin1(bytes, offset, Math.min(bytes.length, offset + 64))
  if (section.startsWith('xref')) return classicXrefParses(bytes, offset)
  const stream = /^(\d+)\s+(\d+)\s+obj\b/.exec(section)
  if (!stream) return false
  const dictionary = latin1(bytes, offset, Math.min(bytes.length, offset + 4096))
  return /\/Type\s*\/XRef\b/.test(dictionary) && /\/Root\s+\d+\s+\d+\s+R\b/.test(dictionary)
}

function classicXrefParses(bytes: Buffer, offset: number): boolean {
  const text = latin1(bytes, offset)
  const lines = /^xref\r?\n?([\s\S]*?)trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text)
  if (!lines) return false
  const [, table, trailer] = lines
  if (!/\/Root\s+\d+\s+\d+\s+R\b/.test(trailer)) return false
  const rows = table.split(/\r\n|\r|\n/).filter((row) => row.trim() !== '')
  let expected = 0
  let checked = 0
  let sawSubsection = false
  for (const row of rows) {
    const header = /^(\d+) (\d+)\s*$/.exec(row)
    if (header && expected === 0) {
      expected = Number(header[2])
      sawSubsection = true
      continue
    }
    const entry = /^(\d{10}) (\d{5}) ([nf])\s*$/.exec(row)
    if (!entry || expected === 0) return false
    expected -= 1
    if (entry[3] === 'n' && checked < ENTRIES_CHECKED) {
      checked += 1
      const at = Number(entry[1])
      if (
        at >= bytes.length ||
        !/^\d+\s+\d+\s+obj\b/.test(latin1(bytes, at, Math.min(bytes.length, at + 32)))
      )
        return false
    }
  }
  return sawSubsection && expected === 0 && checked > 0
}
