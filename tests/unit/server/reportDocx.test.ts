import JSZip from 'jszip'
import { docxTableRows as tableRows } from '../../api/support/docxTable'
import {
  PERIOD_COLUMNS,
  periodCells,
  reportDocx,
  TABLE_COLUMNS,
  tableCells,
} from '../../../server/features/supervision/reportDocx'
import { OLD_SAMPLE_REPORT, SAMPLE_REPORT } from './support/sampleReport'

const documentXml = async (content: Buffer) =>
  (await JSZip.loadAsync(content)).file('word/document.xml')!.async('string')
const tables = (xml: string) => [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => tableRows(m[0]))

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

  it('adds 本期工作情况表 after the status table, which says it is as of generation', async () => {
    const xml = await documentXml(await reportDocx(SAMPLE_REPORT))
    expect(xml).toContain('清廉企业建设进展情况表（截至2026年4月1日）')
    expect(xml).toContain('本期工作情况表（2026年1月1日至2026年3月31日）')
    const [status, period] = tables(xml)
    expect(status[0]).toEqual(TABLE_COLUMNS.map(([heading]) => heading))
    expect(period[0]).toEqual(PERIOD_COLUMNS.map(([heading]) => heading))
    const p = SAMPLE_REPORT.snapshot.period!
    expect(period.slice(1)).toEqual([...p.rows, p.total].map(periodCells))
    expect(period[4]).toEqual(['合计', '32', '2', '6', '4', '2', '6'])
    expect(PERIOD_COLUMNS.reduce((sum, [, w]) => sum + w, 0)).toBe(
      TABLE_COLUMNS.reduce((sum, [, w]) => sum + w, 0),
    )
  })

  it('still prints a report stored before the period counts were kept: its one table', async () => {
    const xml = await documentXml(await reportDocx(OLD_SAMPLE_REPORT))
    expect(tables(xml)).toHaveLength(1)
    expect(xml).not.toContain('本期工作情况表')
    expect(xml).toContain('督 查 专 报')
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

  it('leaves an emptied section out and numbers the rest in order', async () => {
    const sections = { ...SAMPLE_REPORT.sections, named: '  ', problems: '' }
    const xml = await documentXml(await reportDocx({ ...SAMPLE_REPORT, sections }))
    for (const heading of ['一、督查范围', '二、工作进展', '三、下一步工作']) expect(xml).toContain(heading)
    expect(xml).not.toMatch(/通报企业|发现的问题|四、|五、/)
  })

  it('prints as a county office sends it: names on one line, headings unbroken, captions with their tables', async () => {
    const xml = await documentXml(await reportDocx(SAMPLE_REPORT))
    // 宋体 五号 is 210 dxa a character; a cell pads 100 dxa. 县人力资源和社会保障局 (11) fits on one line.
    for (const columns of [TABLE_COLUMNS, PERIOD_COLUMNS]) {
      expect(Math.floor((columns[0][1] - 100) / 210)).toBeGreaterThanOrEqual(11)
      for (const [heading, width] of columns.slice(1))
        expect(Math.min(heading.length, 4) * 210 + 100).toBeLessThan(width)
    }
    // A long heading breaks between its words (逾期整改 / 企业), not where the cell ends.
    const [status] = tables(xml)
    expect(status[0]).toContain('逾期整改企业')
    expect(xml).toMatch(
      /<w:t[^>]*>逾期整改<\/w:t><\/w:r><w:r>(?:<w:rPr>[\s\S]*?<\/w:rPr>)?<w:br\/><w:t[^>]*>企业</,
    )
    // The heading row repeats on each page; each caption is kept on the page of its table.
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(2)
    for (const caption of ['清廉企业建设进展情况表（截至', '本期工作情况表（'])
      expect(xml).toMatch(new RegExp(`<w:keepNext/>(?:(?!</w:p>)[\\s\\S])*${caption}`))
    // Chinese text, Chinese glyphs and line breaking.
    const styles = await (
      await JSZip.loadAsync(await reportDocx(SAMPLE_REPORT))
    )
      .file('word/styles.xml')!
      .async('string')
    expect(styles).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/)
  })
})
