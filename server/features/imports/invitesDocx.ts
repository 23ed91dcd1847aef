import JSZip from 'jszip'
import { escapeXml as esc } from '../party/docx'
import { qrPng } from './qrPng'
import type { InviteSheet } from './workerProtocol'

/**
 * The liaison invites of an import as one printable Word document: one enterprise per A4 page with its
 * name, credit code, the invite code large, the QR of the join link, the expiry (北京时间) and how to
 * join. WordprocessingML written by hand (a zip of a few XML parts, the QR as an embedded PNG).
 */
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const WP_NS = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing'
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main'
const PIC_NS = 'http://schemas.openxmlformats.org/drawingml/2006/picture'
const QR_EMU = 2_160_000 // 6 cm

export const JOIN_STEPS = [
  '用微信“扫一扫”扫描上方二维码，打开“清廉企业”小程序（也可在小程序“我的 → 加入企业”中输入邀请码）。',
  '按提示微信登录，确认加入本企业，身份为“联络员”。',
  '等待县清廉企业建设领导小组办公室审核通过后，即可在小程序中管理本企业的成员和清廉建设工作。',
]

interface Style {
  size?: number
  bold?: boolean
  mono?: boolean
  color?: string
  spacing?: number
}

function run(text: string, s: Style = {}): string {
  const props = [
    s.mono ? '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:eastAsia="黑体"/>' : '',
    s.bold ? '<w:b/><w:bCs/>' : '',
    s.color ? `<w:color w:val="${s.color}"/>` : '',
    s.spacing ? `<w:spacing w:val="${s.spacing}"/>` : '',
    s.size ? `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>` : '',
  ].join('')
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`
}

function para(content: string, opts: { align?: 'center' | 'left'; before?: number; after?: number } = {}) {
  const pPr = `<w:pPr><w:spacing w:before="${opts.before ?? 60}" w:after="${opts.after ?? 60}"/>${opts.align ? `<w:jc w:val="${opts.align}"/>` : ''}</w:pPr>`
  return `<w:p>${pPr}${content}</w:p>`
}

function image(rel: string, id: number): string {
  return `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${QR_EMU}" cy="${QR_EMU}"/><wp:docPr id="${id}" name="邀请二维码 ${id}"/><a:graphic><a:graphicData uri="${PIC_NS}"><pic:pic><pic:nvPicPr><pic:cNvPr id="${id}" name="qr${id}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="${rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${QR_EMU}" cy="${QR_EMU}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
}

function page(item: InviteSheet, index: number, title: string): string {
  return [
    index > 0 ? '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' : '',
    para(run(title, { size: 24, color: '7F7F7F' }), { align: 'center', after: 120 }),
    para(run('联络员邀请函', { size: 44, bold: true }), { align: 'center', after: 360 }),
    para(run(item.name, { size: 36, bold: true }), { align: 'center' }),
    para(run(`统一社会信用代码：${item.creditCode}`, { size: 24 }), { align: 'center', after: 360 }),
    para(run('邀请码', { size: 24, color: '595959' }), { align: 'center', before: 120, after: 0 }),
    para(run(item.code, { size: 80, bold: true, mono: true, spacing: 60 }), { align: 'center', after: 120 }),
    para(image(`rIdQr${index}`, index + 1), { align: 'center' }),
    para(run(`有效期至：${item.expiresAt}（北京时间）`, { size: 24, bold: true }), {
      align: 'center',
      after: 360,
    }),
    para(run('如何加入', { size: 28, bold: true })),
    ...JOIN_STEPS.map((step, i) => para(run(`${i + 1}. ${step}`, { size: 24 }))),
    para(run('本邀请码仅供本企业联络员使用一次，请妥善保管，不要转发他人。', { size: 20, color: '7F7F7F' }), {
      before: 240,
    }),
  ].join('')
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="宋体" w:cs="Arial"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`

export async function buildInvitesDocx(items: InviteSheet[], title: string): Promise<Buffer> {
  const zip = new JSZip()
  const body =
    items.map((item, i) => page(item, i, title)).join('') +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}" xmlns:wp="${WP_NS}" xmlns:a="${A_NS}" xmlns:pic="${PIC_NS}"><w:body>${body}</w:body></w:document>`,
  )
  const rels = items.map((item, i) => {
    // PNG is compressed already: stored as it is.
    zip.file(`word/media/qr${i}.png`, qrPng(item.link).png, { compression: 'STORE' })
    return `<Relationship Id="rIdQr${i}" Type="${R_NS}/image" Target="media/qr${i}.png"/>`
  })
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="${R_NS}/styles" Target="styles.xml"/>${rels.join('')}</Relationships>`,
  )
  zip.file('word/styles.xml', STYLES)
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
  )
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R_NS}/officeDocument" Target="word/document.xml"/></Relationships>`,
  )
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
