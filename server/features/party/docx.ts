import {
  AlignmentType,
  type Document,
  ImageRun,
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
import { A4, HEADING_KEEP, SHADED, a4Document, ruledTable } from '../files/docx'
import { chineseDateTime } from '../../../src/models/shanghaiTime'
import type { DbOrTrx } from '../../core/db/database'
import type { FileStore } from '../files/store'
import { filesRepository } from '../files/repository'
import { fitWithin, imageInfo, type ImageInfo } from '../files/imageSize'
import { ATTACHMENT_KIND_LABELS, meetingRecordTitle, type TMeeting } from '../../../src/models/meeting'
import { MEETING_TYPE_LABELS } from '../../../src/models/meetingCompliance'
import { formatShanghaiMinute } from '../../../src/models/shanghaiTime'
import { meetingRevisionLines } from '../../../src/models/meetingRevision'

/**
 * A meeting record as a Word document (.docx) in the usual 会议记录 layout: the branch and the title, one
 * bordered table of 会议类型 / 时间 / 地点 / 主持人 / 记录人 / 应到 / 实到 / 缺席 / 出席 / 缺席人员及原因 / 列席 / 议题 /
 * 会议内容 / 决议 / 附件, the signature lines, then the photos attached to the meeting embedded at the page's
 * width, and the 更正 history. A draft says 草稿 at the top of every page; a submitted record says nothing
 * about its status. Written with the `docx` library; Word and LibreOffice open it.
 */

// A4 portrait, 2.54 cm margins, in twentieths of a point (dxa).
const PAGE = { ...A4, margin: 1440 }
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin
const LABEL_WIDTH = 1900
const VALUE_WIDTH = CONTENT_WIDTH / 2 - LABEL_WIDTH
// The same content box in pixels at 96 to the inch (1440 dxa): a photo is at most this wide and this tall.
const PHOTO_MAX = {
  width: Math.floor((CONTENT_WIDTH / 1440) * 96),
  height: Math.floor(((PAGE.height - 2 * PAGE.margin) / 1440) * 96 * 0.8),
}

/** 支部委员会会议记录, 党课记录, 主题党日活动记录 … */
export const recordTitle = (meeting: Pick<TMeeting, 'type'>): string => meetingRecordTitle(meeting.type)

/** `2026年12月2日 05:30（北京时间）`: how the record prints a time. */
const printedTime = (iso: string) => `${chineseDateTime(formatShanghaiMinute(iso))}（北京时间）`

/**
 * The 更正 section, one entry per correction: its heading line and what changed (before → after), if the
 * history carries it. The document prints exactly these strings.
 */
export function correctionLines(history: TMeeting['history']): { heading: string; details: string[] }[] {
  return history.map((h) => {
    // A changed 会议时间 (kept as `2026-06-10 09:00`, 北京时间) is printed as the record dates its meeting.
    const [heading, ...details] = meetingRevisionLines(h, printedTime, chineseDateTime)
    return { heading, details }
  })
}

/** An attachment's bytes when it is a PNG or JPEG image (the photos and photographed 签到表 go into the document). */
export interface AttachedImage {
  info: ImageInfo
  data: Buffer
}

/** The PNG and JPEG attachments of a meeting, read from the file store, by file id (a missing one is left out). */
export async function meetingImages(
  db: DbOrTrx,
  store: FileStore,
  meetingId: number,
): Promise<Map<number, AttachedImage>> {
  const rows = await filesRepository.listOf(db, { meetingId })
  const images = new Map<number, AttachedImage>()
  for (const row of rows) {
    if (row.mime !== 'image/png' && row.mime !== 'image/jpeg') continue
    const data = await store.read(row.storage_key)
    const info = data && imageInfo(data)
    if (data && info) images.set(row.id, { info, data })
  }
  return images
}

const text = (value: string, style: { bold?: boolean; size?: number; color?: string } = {}) =>
  new TextRun({ text: value, ...style })

/**
 * One paragraph per line of the text (empty text: one empty paragraph); `heading`: each kept on the page
 * of what follows it (HEADING_KEEP).
 */
function lines(
  value: string,
  options: {
    bold?: boolean
    size?: number
    color?: string
    align?: 'center' | 'left'
    heading?: boolean
  } = {},
): Paragraph[] {
  const { align, heading, ...style } = options
  return value.split(/\r?\n/).map(
    (line) =>
      new Paragraph({
        alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        ...(heading ? HEADING_KEEP : {}),
        children: line ? [text(line, style)] : [],
      }),
  )
}

function cell(children: Paragraph[], width: number, options: { span?: number; shade?: boolean } = {}) {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.span,
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 100, right: 100, top: 40, bottom: 40 },
    ...(options.shade ? SHADED : {}),
  })
}

const label = (value: string) =>
  cell(lines(value, { bold: true, align: 'center' }), LABEL_WIDTH, { shade: true })
const value = (v: string) => cell(lines(v), VALUE_WIDTH)
const wideValue = (v: string) => cell(lines(v), CONTENT_WIDTH - LABEL_WIDTH, { span: 3 })
const row = (...cells: TableCell[]) =>
  new TableRow({ children: cells, height: { value: 520, rule: 'atLeast' } })

function recordTable(meeting: TMeeting, images: Map<number, AttachedImage>): Table {
  const present = meeting.attendance.filter((a) => a.status === 'present')
  const absent = meeting.attendance.filter((a) => a.status === 'absent')
  const typeLabel = MEETING_TYPE_LABELS[meeting.type] + (meeting.groupName ? `（${meeting.groupName}）` : '')
  // What is not drawn in 附图 (PDFs, WebP photos, a file missing from the store) is listed by name.
  const documents = meeting.attachments.filter((f) => !images.has(f.id))
  const photoCount = meeting.attachments.length - documents.length
  const attachments = [
    ...(photoCount ? [`图片 ${photoCount} 张（见附图）`] : []),
    ...documents.map((f) => `${ATTACHMENT_KIND_LABELS[f.kind]}：${f.filename}`),
  ]
  return ruledTable(
    CONTENT_WIDTH,
    [LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH],
    [
      row(
        label('会议类型'),
        value(typeLabel),
        // 北京时间 under its label, as the workbooks' headers say it: the value fits its cell on one line.
        label('会议时间\n（北京时间）'),
        value(chineseDateTime(formatShanghaiMinute(meeting.startsAt))),
      ),
      row(label('会议地点'), wideValue(meeting.place)),
      row(label('主持人'), value(meeting.host), label('记录人'), value(meeting.recorder)),
      row(
        label('应到人数'),
        value(`${meeting.expected} 人`),
        label('实到人数'),
        value(`${meeting.present} 人（缺席 ${absent.length} 人）`),
      ),
      row(label('出席人员'), wideValue(present.map((a) => a.name).join('、') || '无')),
      row(
        label('缺席人员及原因'),
        wideValue(absent.map((a) => `${a.name}（${a.reason ?? '未填写原因'}）`).join('；') || '无'),
      ),
      row(label('列席人员'), wideValue(meeting.nonMemberAttendees || '无')),
      row(label('议题'), wideValue(meeting.topic)),
      row(label('会议内容'), wideValue(meeting.minutes)),
      row(label('决议事项'), wideValue(meeting.decisions || '无')),
      row(label('附件'), wideValue(attachments.join('\n') || '无')),
    ],
  )
}

/** 附图: each image attachment at the page's width (aspect ratio kept), with its kind and file name under it. */
function figures(meeting: TMeeting, images: Map<number, AttachedImage>): Paragraph[] {
  const shown = meeting.attachments.filter((f) => images.has(f.id))
  if (shown.length === 0) return []
  return [
    new Paragraph({
      pageBreakBefore: true,
      ...HEADING_KEEP,
      children: [text('附图', { bold: true, size: 28 })],
    }),
    ...shown.flatMap((f, i) => {
      const image = images.get(f.id)!
      const size = fitWithin(image.info, PHOTO_MAX.width, PHOTO_MAX.height)
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          spacing: { before: 240, line: 240, lineRule: LineRuleType.AUTO },
          children: [
            new ImageRun({
              type: image.info.type,
              data: image.data,
              transformation: size,
              altText: { name: f.filename, description: ATTACHMENT_KIND_LABELS[f.kind], title: f.filename },
            }),
          ],
        }),
        ...lines(`图${i + 1}  ${ATTACHMENT_KIND_LABELS[f.kind]}：${f.filename}`, {
          size: 20,
          align: 'center',
        }),
      ]
    }),
  ]
}

function corrections(meeting: TMeeting): Paragraph[] {
  const entries = correctionLines(meeting.history)
  if (entries.length === 0) return []
  return [
    // The section's heading and each correction's line stay with the text under them (a long record
    // otherwise leaves 更正记录 alone at the foot of a page).
    new Paragraph({
      spacing: { before: 240 },
      ...HEADING_KEEP,
      children: [text('更正记录', { bold: true, size: 24 })],
    }),
    ...entries.flatMap((e) => [
      ...lines(e.heading, { size: 20, heading: e.details.length > 0 }),
      ...e.details.map(
        (d) => new Paragraph({ indent: { left: 480 }, keepLines: true, children: [text(d, { size: 20 })] }),
      ),
    ]),
  ]
}

export function meetingDocument(meeting: TMeeting, images: Map<number, AttachedImage>): Document {
  const draft = meeting.status === 'draft'
  const body = [
    ...(draft
      ? lines('草稿（未提交，仅供核对）', { bold: true, size: 32, color: 'C00000', align: 'center' })
      : []),
    // The branch, the title and the enterprise head the table: kept on its first page.
    ...lines(meeting.branchName, { bold: true, size: 32, align: 'center', heading: true }),
    ...lines(recordTitle(meeting), { bold: true, size: 36, align: 'center', heading: true }),
    ...lines(meeting.enterpriseName, { size: 21, align: 'center', heading: true }),
    recordTable(meeting, images),
    new Paragraph({}),
    new Paragraph({ children: [text('主持人（签字）：                    记录人（签字）：')] }),
    ...corrections(meeting),
    ...figures(meeting, images),
  ]
  return a4Document({
    title: `${meeting.branchName}${recordTitle(meeting)}`,
    // 宋体 小四 (12 pt) for the body, Times New Roman for Latin text.
    defaults: {
      run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' }, size: 24 },
      // 1.5 lines, as a proportion (auto): an exact height would clip the pictures.
      paragraph: { spacing: { before: 40, after: 40, line: 360, lineRule: LineRuleType.AUTO } },
    },
    margin: { top: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin },
    draftHeader: draft ? lines('草稿', { bold: true, color: 'C00000', align: 'center' }) : undefined,
    pageNumbers: 'record',
    children: body,
  })
}

export function meetingDocx(meeting: TMeeting, images: Map<number, AttachedImage>): Promise<Buffer> {
  return Packer.toBuffer(meetingDocument(meeting, images))
}

/** The record as an export worker builds it (core/exports/documents.ts): the images' bytes arrive as Uint8Arrays. */
export function meetingRecord(data: {
  meeting: TMeeting
  images: [number, { info: ImageInfo; data: Uint8Array }][]
}): Promise<Buffer> {
  const images = new Map(
    data.images.map(([id, image]) => [
      id,
      {
        info: image.info,
        data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
      },
    ]),
  )
  return meetingDocx(data.meeting, images)
}
