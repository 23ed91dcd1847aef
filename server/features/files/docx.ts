import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  type IDocumentDefaultsOptions,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableLayoutType,
  type TableRow,
  TextRun,
  WidthType,
} from 'docx'

/** A4 in twips. */
export const A4 = { width: 11906, height: 16838 }

/**
 * The one-section A4 document the Word exports share (the 三会一课 record, the 督查专报): the default run and
 * paragraph, the margins, and a 草稿 header while the record is a draft.
 */
export function a4Document(options: {
  title: string
  defaults: IDocumentDefaultsOptions
  margin: { top: number; right: number; bottom: number; left: number }
  /** The header's lines; none once the record is final. */
  draftHeader?: Paragraph[]
  /** Page numbers centred in the footer: `— 1 —` as 公文 number them, or `第 1 页 共 3 页` for a record. */
  pageNumbers: 'official' | 'record'
  children: (Paragraph | Table)[]
}): Document {
  const { title, defaults, margin, draftHeader, pageNumbers, children } = options
  return new Document({
    creator: '清廉企业',
    title,
    styles: { default: { document: defaults } },
    sections: [
      {
        properties: { page: { size: A4, margin } },
        headers: draftHeader ? { default: new Header({ children: draftHeader }) } : undefined,
        footers: { default: pageNumberFooter(pageNumbers) },
        children,
      },
    ],
  })
}

/** A footer with the page number centred, on every page: a record that runs onto a second page is filed in order. */
function pageNumberFooter(kind: 'official' | 'record'): Footer {
  const children =
    kind === 'official'
      ? [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28 })]
      : [
          new TextRun({
            children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
            size: 18,
          }),
        ]
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children })] })
}

/**
 * A heading's paragraph options: kept on the page of the paragraph after it (keepNext) and not split
 * itself (keepLines), so that no heading (更正记录, 一、…, 如何加入) is left alone at the foot of a page with
 * its text on the next. Spread into every heading's `Paragraph` of the documents the server writes.
 */
export const HEADING_KEEP = { keepNext: true, keepLines: true } as const

/** The light grey of a table's label, heading and total cells, spread into a `TableCell`'s options. */
export const SHADED = { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } }

/** A table of fixed column widths (dxa), every cell ruled with a thin black line, as a printed form has it. */
export function ruledTable(width: number, columnWidths: number[], rows: TableRow[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' }
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows,
  })
}
