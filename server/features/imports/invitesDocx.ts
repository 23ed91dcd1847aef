import {
  AlignmentType,
  Document,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx'
import { chineseDateTime } from '../../../src/models/shanghaiTime'
import { HEADING_KEEP } from '../files/docx'
import { qrPng } from './qrPng'
import type { InviteSheet } from './workerProtocol'

/**
 * The liaison invites of an import as one printable Word document: one enterprise per A4 page with its
 * name, credit code, the liaison the import registered (whom the office hands the page to), the invite
 * code large, the QR of the join link, the expiry (北京时间) and how to join. Written with the `docx` library (the QR as an embedded PNG, 6 cm square).
 */
const QR_PX = Math.round((6 / 2.54) * 96)

/** How to join, naming the county's office that approves the liaison. */
export function joinSteps(office: string): string[] {
  return [
    '用微信“扫一扫”扫描上方二维码，打开“清廉企业”小程序（也可在小程序“我的 → 加入企业”中输入邀请码）。',
    '按提示微信登录，确认加入本企业，身份为“联络员”。',
    `等待${office}审核通过后，即可在小程序中管理本企业的成员和清廉建设工作。`,
  ]
}

type Style = Pick<IRunOptions, 'size' | 'bold' | 'color' | 'characterSpacing' | 'font'>

function para(
  content: TextRun | ImageRun | string,
  style: Style = {},
  opts: { center?: boolean; before?: number; after?: number; heading?: boolean } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    ...(opts.heading ? HEADING_KEEP : {}),
    spacing: { before: opts.before ?? 60, after: opts.after ?? 60 },
    children: [typeof content === 'string' ? new TextRun({ text: content, ...style }) : content],
  })
}

function page(item: InviteSheet, index: number, office: string): Paragraph[] {
  const mono = { ascii: 'Consolas', hAnsi: 'Consolas', eastAsia: '黑体' }
  return [
    ...(index > 0 ? [new Paragraph({ children: [new PageBreak()] })] : []),
    para(office, { size: 24, color: '7F7F7F' }, { center: true, after: 120 }),
    para('联络员邀请函', { size: 44, bold: true }, { center: true, after: 360, heading: true }),
    para(item.name, { size: 36, bold: true }, { center: true }),
    para(
      `统一社会信用代码：${item.creditCode}`,
      { size: 24 },
      { center: true, after: item.liaisonName ? 60 : 360 },
    ),
    ...(item.liaisonName
      ? [para(`联络员：${item.liaisonName}`, { size: 24 }, { center: true, after: 360 })]
      : []),
    para('邀请码', { size: 24, color: '595959' }, { center: true, before: 120, after: 0, heading: true }),
    para(item.code, { size: 80, bold: true, font: mono, characterSpacing: 60 }, { center: true, after: 120 }),
    para(
      new ImageRun({
        type: 'png',
        data: qrPng(item.link).png,
        transformation: { width: QR_PX, height: QR_PX },
        altText: { name: `邀请二维码 ${index + 1}`, description: item.link, title: item.name },
      }),
      {},
      { center: true },
    ),
    para(
      `有效期至：${chineseDateTime(item.expiresAt)}（北京时间）`,
      { size: 24, bold: true },
      { center: true, after: 360 },
    ),
    para('如何加入', { size: 28, bold: true }, { heading: true }),
    ...joinSteps(office).map((step, i) => para(`${i + 1}. ${step}`, { size: 24 })),
    para(
      '本邀请码仅供本企业联络员使用一次，请妥善保管，不要转发他人。',
      { size: 20, color: '7F7F7F' },
      { before: 240 },
    ),
  ]
}

/** `office`: the county's office as set up (`测试县清廉企业建设工作领导小组办公室`), atop each page. */
export function buildInvitesDocx(items: InviteSheet[], office: string): Promise<Buffer> {
  const document = new Document({
    creator: '清廉企业',
    title: `${office} 联络员邀请函`,
    styles: {
      default: {
        document: { run: { font: { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '宋体' }, size: 24 } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, right: 1134, bottom: 1134, left: 1134, header: 567, footer: 567 },
          },
        },
        children: items.flatMap((item, i) => page(item, i, office)),
      },
    ],
  })
  return Packer.toBuffer(document)
}

/** The invites as an export worker builds them (core/exports/documents.ts). */
export function invites(data: { items: InviteSheet[]; office: string }): Promise<Buffer> {
  return buildInvitesDocx(data.items, data.office)
}
