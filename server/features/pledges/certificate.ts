import qrcode from 'qrcode-generator'
import { PLEDGE_SIDE_LABELS, PLEDGE_STATUS_LABELS, type TPledge } from '../../../src/models/pledge'
import { formatVerifyCode } from '../../../src/models/pledgeVerification'
import { formatShanghaiTime } from '../../../src/models/shanghaiTime'
import { dealingBasisLine } from '../../../src/models/dealings'
import { chineseDateTime } from '../../../src/models/shanghaiTime'

/**
 * The certificate as one self-contained SVG image (A4 proportions): the exact text, both handwritten
 * signatures (embedded PNG), signers and 北京时间, the text and signature hashes, the verify code and a QR
 * of the public verify page. SVG keeps the text as text (sharp at any size, searchable) with no font or
 * PDF library on the server.
 */
const W = 794
const MARGIN = 56
const LINE = 24
const CHARS_PER_LINE = 38
const NO_LINE_START = '，。、；：！？）》」”’'

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Wraps by character count (CJK text has no spaces); wide characters count 1, ASCII ½. */
function wrap(text: string, width = CHARS_PER_LINE): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    let used = 0
    for (const ch of paragraph) {
      const w = ch.charCodeAt(0) < 0x80 ? 0.5 : 1
      // Closing punctuation never starts a line: it may stick out by one character instead.
      if (used + w > width && !NO_LINE_START.includes(ch)) {
        lines.push(line)
        line = ''
        used = 0
      }
      line += ch
      used += w
    }
    lines.push(line)
  }
  return lines
}

export function pledgeCertificateSvg(pledge: TPledge, origin: string): string {
  const verifyUrl = `${origin.replace(/\/$/, '')}/#/packages/pledges/pages/verify/index?code=${pledge.code}`
  const parts: string[] = []
  let y = MARGIN + 20
  const text = (
    x: number,
    s: string,
    opts: { size?: number; weight?: string; anchor?: string; fill?: string } = {},
  ) =>
    parts.push(
      `<text x="${x}" y="${y}" font-size="${opts.size ?? 16}" font-weight="${opts.weight ?? 'normal'}" text-anchor="${opts.anchor ?? 'start'}" fill="${opts.fill ?? '#1f2329'}">${escape(s)}</text>`,
    )

  const [title, ...body] = pledge.text.split('\n')
  text(W / 2, title, { size: 28, weight: 'bold', anchor: 'middle', fill: '#b8232b' })
  y += 22
  text(W / 2, `${PLEDGE_STATUS_LABELS[pledge.status]} · 模板第 ${pledge.templateVersion} 版`, {
    size: 13,
    anchor: 'middle',
    fill: '#6b7078',
  })
  // 政商 pledges from migration 0029: the 政商交往清单 versions in force when it was started.
  if (pledge.dealings.length > 0) {
    y += 20
    text(W / 2, dealingBasisLine(pledge.dealings), { size: 13, anchor: 'middle', fill: '#6b7078' })
  }
  y += 36
  for (const line of wrap(body.join('\n').replace(/^\n+/, ''))) {
    text(MARGIN, line)
    y += LINE
  }
  y += 16
  const sigWidth = (W - MARGIN * 2 - 24) / 2
  pledge.signatures.forEach((s, i) => {
    const x = MARGIN + i * (sigWidth + 24)
    parts.push(
      `<rect x="${x}" y="${y}" width="${sigWidth}" height="190" rx="8" fill="#fafafa" stroke="#e5e6eb"/>`,
      `<text x="${x + 12}" y="${y + 24}" font-size="14" fill="#6b7078">${escape(
        pledge.kind === 'government_business' ? PLEDGE_SIDE_LABELS[s.side] : '签署人',
      )}：${escape(s.organisationName)}</text>`,
    )
    if (s.image)
      parts.push(
        `<image x="${x + 12}" y="${y + 34}" width="${sigWidth - 24}" height="90" preserveAspectRatio="xMidYMid meet" href="${s.image}"/>`,
      )
    parts.push(
      `<text x="${x + 12}" y="${y + 144}" font-size="15">${escape(s.signerName)}  ${escape(chineseDateTime(formatShanghaiTime(s.signedAt)))}</text>`,
      `<text x="${x + 12}" y="${y + 168}" font-size="10" fill="#6b7078" font-family="monospace">签名 SHA-256 ${s.signatureSha256.slice(0, 32)}</text>`,
      `<text x="${x + 12}" y="${y + 182}" font-size="10" fill="#6b7078" font-family="monospace">${s.signatureSha256.slice(32)}  链 #${s.chainSeq}</text>`,
    )
  })
  y += 220
  const qr = qrcode(0, 'M')
  qr.addData(verifyUrl)
  qr.make()
  const cells = qr.getModuleCount()
  const cell = Math.floor(120 / cells) || 1
  const rects: string[] = []
  for (let r = 0; r < cells; r++)
    for (let c = 0; c < cells; c++)
      if (qr.isDark(r, c)) rects.push(`M${c * cell},${r * cell}h${cell}v${cell}h-${cell}z`)
  const qrX = W - MARGIN - cells * cell
  parts.push(
    `<g transform="translate(${qrX},${y})"><rect x="-6" y="-6" width="${cells * cell + 12}" height="${cells * cell + 12}" fill="#fff"/><path d="${rects.join('')}" fill="#000"/></g>`,
  )
  y += 18
  text(MARGIN, `核验码：${formatVerifyCode(pledge.code)}`, { size: 20, weight: 'bold' })
  y += 26
  text(MARGIN, '正文 SHA-256：', { size: 12, fill: '#6b7078' })
  y += 18
  text(MARGIN, pledge.textSha256, { size: 11, fill: '#6b7078' })
  y += 24
  text(MARGIN, '扫描右侧二维码或在「清廉企业」核验页输入核验码，', { size: 13, fill: '#6b7078' })
  y += 20
  text(MARGIN, '可核对本承诺的记录与哈希链是否完整。签署时间均为北京时间。', { size: 13, fill: '#6b7078' })
  y = Math.max(y, y - 62 + cells * cell) + 40
  const height = y
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<rect x="16" y="16" width="${W - 32}" height="${height - 32}" fill="none" stroke="#b8232b" stroke-width="2"/>`,
    ...parts,
    '</svg>',
  ].join('\n')
}
