import { isWellFormedPdf } from '../../../server/features/files/pdf'
import { minimalPdf } from '../../api/support/files'

const pdf = (text: string) => Buffer.from(text, 'latin1')

/** A PDF 1.5 whose cross-reference is a stream object (what most current writers produce). */
function xrefStreamPdf(dictionary = '/Type/XRef/Size 3/Root 1 0 R/W[1 2 1]/Length 0'): Buffer {
  const head = '%PDF-1.5\n1 0 obj\n<</Type/Catalog/Pages 3 0 R>>\nendobj\n'
  return pdf(
    `${head}2 0 obj\n<<${dictionary}>>\nstream\n\nendstream\nendobj\nstartxref\n${head.length}\n%%EOF\n`,
  )
}

describe('the PDF structure check', () => {
  it('takes a classic cross-reference table and a cross-reference stream, with bytes after %%EOF', () => {
    expect(isWellFormedPdf(minimalPdf())).toBe(true)
    expect(isWellFormedPdf(xrefStreamPdf())).toBe(true)
    expect(isWellFormedPdf(Buffer.concat([minimalPdf(), Buffer.from('\0\0\r\n')]))).toBe(true)
  })

  it('refuses what only starts like a PDF', () => {
    const good = minimalPdf().toString('latin1')
    for (const bad of [
      '%PDF-1.4\n<html><script>alert(1)</script></html>',
      '%PDF-1.4\n<html></html>\nstartxref\n9\n%%EOF\n',
      good.replace('/Root 1 0 R', '/Info 1 0 R'), // a trailer without the document's root
      good.replace('0 4\n', '0 5\n'), // the subsection says more entries than it has
      good.replace(/^%PDF-1\.4/, '%PDF-x.y'),
      good.replace(/startxref\n\d+/, 'startxref\n999999'),
    ])
      expect(isWellFormedPdf(pdf(bad))).toBe(false)
    expect(isWellFormedPdf(xrefStreamPdf('/Type/ObjStm/Root 1 0 R'))).toBe(false)
  })
})
