import {
  AlignmentType,
  BorderStyle,
  type Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx'
import {
  REPORT_SECTION_HEADINGS,
  REPORT_SECTIONS,
  type TReport,
  type TReportPeriodRow,
  type TReportRow,
} from '../../../src/models/supervisionReport'
import { A4, HEADING_KEEP, SHADED, a4Document, ruledTable } from '../files/docx'
import { chineseDay, shanghaiDate } from '../../../src/models/shanghaiTime'

/**
 * A 督查专报 as a Word document a county office prints as it is: the red 督查专报 head with its 期号 line
 * (issuer, 第 N 期, the date in 北京时间) over a red rule, the title, the five headed sections with the
 * progress table (bordered, one row per department and 合计) under 二、工作进展, and the issuer and date at
 * the end. Built from the report's stored snapshot only, so the document never changes with later data.
 */

// A4 portrait; margins near the 公文 layout (top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm), in dxa.
const PAGE = { ...A4, top: 2098, bottom: 1984, left: 1588, right: 1474 }
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right
const RED = 'C00000'
const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' }
const HEITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' }
const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' }

const NUMERALS = '一二三四五六七八九十'

/** `2026年12月3日` for an instant, as its 北京时间 day. */
export const chineseDate = (iso: string): string => chineseDay(shanghaiDate(Date.parse(iso)))

// Table text: 宋体 五号 (10.5 pt = 210 dxa a character), 50 dxa padding each side of a cell.
const TABLE_SIZE = 21
const CHAR = 210
const PAD = 50
/** A heading longer than this wraps after it, at a word boundary (逾期整改 / 企业), never mid-word. */
const HEADING_LINE = 4

/**
 * Columns sized to their headings (a count needs less than its heading), the rest to 部门, so that a
 * county department's name (县人力资源和社会保障局, 11 characters) stays on one line.
 */
function columns(headings: string[]): [string, number][] {
  const counts = headings
    .slice(1)
    .map((h): [string, number] => [h, Math.max(2, Math.min(h.length, HEADING_LINE)) * CHAR + 2 * PAD + 20])
  return [[headings[0], CONTENT_WIDTH - counts.reduce((sum, [, w]) => sum + w, 0)], ...counts]
}

/** The table's columns: heading and width (dxa); the values of a row in the same order. */
export const TABLE_COLUMNS = columns([
  '部门',
  '企业数',
  '未开始',
  '草稿',
  '已提交',
  '退回',
  '已通过',
  '逾期整改企业',
  '平均分',
])

/** 本期工作情况表: what happened in the period, per department and 合计. */
export const PERIOD_COLUMNS = columns([
  '部门',
  '提交自查',
  '退回自查',
  '下发整改',
  '整改销号',
  '新增逾期整改',
  '催办',
])

export function periodCells(row: TReportPeriodRow): string[] {
  return [
    row.name,
    ...[row.submitted, row.returned, row.issued, row.closed, row.becameOverdue, row.urged].map(String),
  ]
}

export function tableCells(row: TReportRow): string[] {
  return [
    row.name,
    ...[row.enterprises, row.notStarted, row.draft, row.submitted, row.returned, row.accepted].map(String),
    String(row.overdueEnterprises),
    row.average === null ? '—' : row.average.toFixed(1),
  ]
}

const run = (
  text: string,
  style: { bold?: boolean; size?: number; color?: string; font?: typeof SONG } = {},
) => new TextRun({ text, ...style })

/** One indented paragraph per line; `keepNext` holds them on the page of what follows (the signature). */
function paragraphs(text: string, keepNext = false): Paragraph[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => new Paragraph({ keepNext, indent: { firstLine: 640 }, children: [run(line.trim())] }))
}

/** A heading wraps after HEADING_LINE characters, by a line break, so Word never splits it mid-word. */
const headingRuns = (text: string) =>
  text.length > HEADING_LINE
    ? [
        run(text.slice(0, HEADING_LINE), { size: TABLE_SIZE, bold: true, font: SONG }),
        new TextRun({ text: text.slice(HEADING_LINE), break: 1, size: TABLE_SIZE, bold: true, font: SONG }),
      ]
    : [run(text, { size: TABLE_SIZE, bold: true, font: SONG })]

function cell(text: string, width: number, kind: 'heading' | 'total' | 'name' | 'count') {
  const shaded = kind === 'heading' || kind === 'total'
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: PAD, right: PAD, top: 40, bottom: 40 },
    ...(shaded ? SHADED : {}),
    children: [
      new Paragraph({
        alignment: kind === 'name' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        // The heading row stays on the page of the first rows (Word and LibreOffice keep it with them).
        ...(kind === 'heading' ? HEADING_KEEP : {}),
        children:
          kind === 'heading'
            ? headingRuns(text)
            : [run(text, { size: TABLE_SIZE, bold: kind === 'total', font: SONG })],
      }),
    ],
  })
}

function borderedTable(columns: [string, number][], rows: string[][], total: string[]): Table {
  // The heading row repeats on every page; 合计 is shaded and bold like it, but printed once.
  const line = (cells: string[], kind: 'heading' | 'total' | 'row') =>
    new TableRow({
      tableHeader: kind === 'heading',
      cantSplit: true,
      height: { value: 440, rule: 'atLeast' },
      children: cells.map((c, i) =>
        cell(
          c,
          columns[i][1],
          kind === 'row' ? (i === 0 ? 'name' : 'count') : kind === 'total' ? 'total' : 'heading',
        ),
      ),
    })
  return ruledTable(
    CONTENT_WIDTH,
    columns.map(([, width]) => width),
    [
      line(
        columns.map(([heading]) => heading),
        'heading',
      ),
      ...rows.map((r) => line(r, 'row')),
      line(total, 'total'),
    ],
  )
}

const note = (text: string) =>
  new Paragraph({
    spacing: { before: 60, after: 120, line: 300, lineRule: LineRuleType.AUTO },
    children: [run(text, { size: 21 })],
  })

/** The status table as of generation, then (when the snapshot has them) the period's counts. */
function progressTables(report: TReport): (Paragraph | Table)[] {
  const { snapshot } = report
  // Kept with its table: a caption never ends a page. The head already names the issuer.
  const caption = (text: string) =>
    centred(text, { bold: true, size: 24, font: HEITI }, { before: 120, after: 60 }, true)
  const status = [
    caption(`清廉企业建设进展情况表（截至${chineseDate(snapshot.generatedAt)}）`),
    borderedTable(TABLE_COLUMNS, snapshot.rows.map(tableCells), tableCells(snapshot.total)),
    note(
      `注：数据截至${chineseDate(snapshot.generatedAt)}；一家企业由多个部门监管时在各部门分别计入，合计按企业计一次；平均分为已评分企业的自查总分平均。`,
    ),
  ]
  const p = snapshot.period
  if (!p) return status
  return [
    ...status,
    caption(`本期工作情况表（${chineseDay(p.start)}至${chineseDay(p.end)}）`),
    borderedTable(PERIOD_COLUMNS, p.rows.map(periodCells), periodCells(p.total)),
    note(
      '注：提交、退回自查按份次计，整改按项计，催办按次计；新增逾期整改为期限在本期内届满而未按期提交核验的整改。',
    ),
  ]
}

/** A centred line; `heading`: kept on the page of what follows it (HEADING_KEEP). */
const centred = (text: string, style: Parameters<typeof run>[1], spacing = {}, heading = false) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing,
    ...(heading ? HEADING_KEEP : {}),
    children: [run(text, style)],
  })

export function reportDocument(report: TReport): Document {
  const { snapshot } = report
  const dated = report.finalisedAt ?? snapshot.generatedAt
  const year = Number(shanghaiDate(Date.parse(dated)).slice(0, 4))
  const draft = report.status === 'draft'
  const head = [
    centred('督 查 专 报', { bold: true, size: 72, color: RED, font: SONG }, { before: 0, after: 240 }),
    centred(`〔${year}〕第${report.number}期`, { size: 32 }),
    // 期号 line: issuer left, date right, over the red rule.
    new Paragraph({
      tabStops: [{ type: 'right', position: CONTENT_WIDTH }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
      spacing: { before: 120, after: 360 },
      children: [run(snapshot.issuer, { size: 28 }), run(`\t${chineseDate(dated)}`, { size: 28 })],
    }),
    centred(report.title, { bold: true, size: 40, font: SONG }, { after: 120 }, true),
    // 督查期间 and 自查批次 on lines of their own: one centred line would wrap mid-name.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [
        run(`（督查期间：${chineseDay(report.periodStart)}至${chineseDay(report.periodEnd)}`, { size: 28 }),
        ...(snapshot.campaign
          ? [
              run('；', { size: 28 }),
              new TextRun({ text: `自查批次：${snapshot.campaign.name}`, break: 1, size: 28 }),
            ]
          : []),
        run('）', { size: 28 }),
      ],
    }),
  ]
  // A section left empty is left out (工作进展 keeps its tables), and the rest numbered 一、二、… in order.
  const shown = REPORT_SECTIONS.filter((key) => key === 'progress' || report.sections[key].trim() !== '')
  const body = shown.flatMap((key, i) => [
    new Paragraph({
      ...HEADING_KEEP,
      spacing: { before: 160 },
      indent: { firstLine: 640 },
      children: [
        run(`${NUMERALS[i]}、${REPORT_SECTION_HEADINGS[key].replace(/^.+?、/, '')}`, { font: HEITI }),
      ],
    }),
    ...paragraphs(report.sections[key], key === shown[shown.length - 1]),
    ...(key === 'progress' ? progressTables(report) : []),
  ])
  const signature = [
    new Paragraph({
      keepNext: true,
      spacing: { before: 480 },
      alignment: AlignmentType.RIGHT,
      children: [run(snapshot.issuer)],
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(chineseDate(dated))] }),
  ]
  return a4Document({
    title: report.title,
    // 仿宋 三号 (16 pt) body, fixed 28 pt lines as 公文 are set.
    defaults: {
      // zh-CN: Word and LibreOffice pick Chinese glyphs, punctuation and line breaking (not Japanese).
      run: { font: FANGSONG, size: 32, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
      paragraph: { spacing: { line: 560, lineRule: LineRuleType.EXACT } },
    },
    margin: { top: PAGE.top, right: PAGE.right, bottom: PAGE.bottom, left: PAGE.left },
    draftHeader: draft ? [centred('草稿（未定稿）', { bold: true, color: RED, size: 24 })] : undefined,
    pageNumbers: 'official',
    children: [...head, ...body, ...signature],
  })
}

export function reportDocx(report: TReport): Promise<Buffer> {
  return Packer.toBuffer(reportDocument(report))
}
