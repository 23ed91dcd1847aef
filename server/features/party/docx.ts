import JSZip from 'jszip'
import {
  ATTACHMENT_KIND_LABELS,
  MEETING_STATUS_LABELS,
  meetingRecordTitle,
  type TMeeting,
} from '../../../src/models/meeting'
import { MEETING_TYPE_LABELS } from '../../../src/models/meetingCompliance'
import { formatShanghaiMinute } from '../../../src/models/shanghaiTime'
import { meetingRevisionLines } from '../../../src/models/meetingRevision'

/**
 * A meeting record as a Word document (.docx, Office Open XML) in the usual 会议记录 layout: a title, then
 * one bordered table of 会议类型 / 时间 / 地点 / 主持人 / 记录人 / 应到 / 实到 / 出席 / 缺席及原因 / 列席 /
 * 议题 / 会议内容 / 决议, then the attachments and the signature lines. Written by hand (WordprocessingML
 * is a zip of a few XML parts), so it needs no document library; LibreOffice and Word open it.
 */

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
// A4 portrait, 2.54 cm margins (twentieths of a point).
const CONTENT_WIDTH = 11906 - 2 * 1440
const LABEL_WIDTH = 1900
const VALUE_WIDTH = CONTENT_WIDTH / 2 - LABEL_WIDTH

export function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot carry.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  )
}

interface RunStyle {
  bold?: boolean
  size?: number
}

function run(text: string, style: RunStyle = {}): string {
  const props = [
    style.bold ? '<w:b/><w:bCs/>' : '',
    style.size ? `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/>` : '',
  ].join('')
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`
}

/** One paragraph per line of the text (empty text: one empty paragraph). */
function paragraphs(text: string, options: { align?: 'center' | 'left' | 'right' } & RunStyle = {}): string {
  const lines = text.split(/\r?\n/)
  const pPr = options.align ? `<w:pPr><w:jc w:val="${options.align}"/></w:pPr>` : ''
  return lines.map((line) => `<w:p>${pPr}${line ? run(line, options) : ''}</w:p>`).join('')
}

function cell(content: string, width: number, options: { span?: number; shade?: boolean } = {}): string {
  const props = [
    `<w:tcW w:w="${width}" w:type="dxa"/>`,
    options.span && options.span > 1 ? `<w:gridSpan w:val="${options.span}"/>` : '',
    options.shade ? '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' : '',
    '<w:vAlign w:val="center"/>',
  ].join('')
  return `<w:tc><w:tcPr>${props}</w:tcPr>${content}</w:tc>`
}

const label = (text: string) =>
  cell(paragraphs(text, { bold: true, align: 'center' }), LABEL_WIDTH, { shade: true })
const value = (text: string) => cell(paragraphs(text), VALUE_WIDTH)
const wideValue = (text: string) => cell(paragraphs(text), CONTENT_WIDTH - LABEL_WIDTH, { span: 3 })

/** A row of two label/value pairs, or one label with a value across the rest of the table. */
function row(...cells: string[]): string {
  return `<w:tr><w:trPr><w:trHeight w:val="520"/></w:trPr>${cells.join('')}</w:tr>`
}

function table(rows: string[]): string {
  const border = (side: string) => `<w:${side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>`
  return [
    '<w:tbl>',
    `<w:tblPr><w:tblW w:w="${CONTENT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>`,
    ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join(''),
    '</w:tblBorders><w:tblCellMar><w:left w:w="100" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>',
    `<w:tblGrid>${[LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH].map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    ...rows,
    '</w:tbl>',
  ].join('')
}

/** 支部委员会会议记录, 党课记录, 主题党日活动记录 … */
export const recordTitle = (meeting: Pick<TMeeting, 'type'>): string => meetingRecordTitle(meeting.type)

export function meetingDocumentXml(meeting: TMeeting): string {
  const present = meeting.attendance.filter((a) => a.status === 'present')
  const absent = meeting.attendance.filter((a) => a.status === 'absent')
  const typeLabel = MEETING_TYPE_LABELS[meeting.type] + (meeting.groupName ? `（${meeting.groupName}）` : '')
  const rows = [
    row(label('会议类型'), value(typeLabel), label('记录状态'), value(MEETING_STATUS_LABELS[meeting.status])),
    row(
      label('会议时间'),
      value(formatShanghaiMinute(meeting.startsAt)),
      label('会议地点'),
      value(meeting.place),
    ),
    row(label('主持人'), value(meeting.host), label('记录人'), value(meeting.recorder)),
    row(
      label('应到人数'),
      value(String(meeting.expected)),
      label('实到人数'),
      value(String(meeting.present)),
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
    row(
      label('附件'),
      wideValue(
        meeting.attachments.map((f) => `${ATTACHMENT_KIND_LABELS[f.kind]}：${f.filename}`).join('\n') || '无',
      ),
    ),
  ]
  const corrections = meeting.history.length
    ? paragraphs(meeting.history.flatMap(meetingRevisionLines).join('\n'), { size: 20 })
    : ''
  const body = [
    paragraphs(meeting.branchName, { align: 'center', bold: true, size: 32 }),
    paragraphs(recordTitle(meeting), { align: 'center', bold: true, size: 36 }),
    paragraphs(meeting.enterpriseName, { align: 'center', size: 21 }),
    table(rows),
    paragraphs(''),
    paragraphs(`主持人（签字）：                    记录人（签字）：`),
    corrections,
    `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`,
  ].join('')
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W_NS}"><w:body>${body}</w:body></w:document>`
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`

// 宋体 小四 (12 pt) for the body, with the usual fallbacks where SimSun is not installed.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="40" w:after="40" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`

function coreXml(meeting: TMeeting, now: number): string {
  const when = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(`${meeting.branchName}${recordTitle(meeting)}`)}</dc:title><dc:creator>清廉企业</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created></cp:coreProperties>`
}

export async function meetingDocx(meeting: TMeeting, now: number): Promise<Buffer> {
  const zip = new JSZip()
  zip.file('[Content_Types].xml', CONTENT_TYPES)
  zip.file('_rels/.rels', ROOT_RELS)
  zip.file('docProps/core.xml', coreXml(meeting, now))
  zip.file('word/_rels/document.xml.rels', DOCUMENT_RELS)
  zip.file('word/styles.xml', STYLES)
  zip.file('word/document.xml', meetingDocumentXml(meeting))
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
