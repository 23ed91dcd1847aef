import JSZip from 'jszip'
import { docxTableRows as tableRows } from '../../api/support/docxTable'
import { reportDocx, TABLE_COLUMNS, tableCells } from '../../../server/features/supervision/reportDocx'
import { SAMPLE_REPORT } from './support/sampleReport'

describe('督查专报 .docx', () => {
  it('has the head, the 期号 line dated in 北京时间, the headings and a bordered table of the snapshot', async () => {
    const content = await reportDocx(SAMPLE_REPORT)
    const xml = await (await JSZip.loadAsync(content)).file('word/document.xml')!.async('string')
    expect(xml).toContain('督 查 专 报')
    expect(xml).toContain('〔2026〕第3期')
    expect(xml).toContain('2026年4月2日')
    expect(xml).not.toContain('2026年4月1日</w:t>')
    for (const heading of [
      '一、督查范围',
      '二、工作进展',
      '三、发现的问题',
      '四、通报企业',
      '五、下一步工作',
    ])
      expect(xml).toContain(heading)
    expect(xml).not.toContain('草稿（未定稿）')
    const rows = tableRows(xml)
    expect(rows[0]).toEqual(TABLE_COLUMNS.map(([heading]) => heading))
    expect(rows.slice(1)).toEqual(
      [...SAMPLE_REPORT.snapshot.rows, SAMPLE_REPORT.snapshot.total].map(tableCells),
    )
    expect(rows[3]).toEqual(['县工业信息化和商务局', '9', '0', '1', '5', '0', '3', '0', '—'])
    // Every border of the table drawn (single lines), so it prints as a ruled table.
    const borders = /<w:tblBorders>[\s\S]*?<\/w:tblBorders>/.exec(xml)![0]
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'])
      expect(borders).toMatch(new RegExp(`<w:${side} w:val="single"`))
  })

  it('says 草稿 on a draft', async () => {
    const content = await reportDocx({ ...SAMPLE_REPORT, status: 'draft', finalisedAt: null })
    const zip = await JSZip.loadAsync(content)
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/header\d*\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    )
    expect(headers.join('')).toContain('草稿（未定稿）')
  })
})
