import {
  BorderStyle,
  Document,
  Header,
  type IDocumentDefaultsOptions,
  type ISectionOptions,
  type Paragraph,
  ShadingType,
  Table,
  TableLayoutType,
  type TableRow,
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
  footers?: ISectionOptions['footers']
  children: (Paragraph | Table)[]
}): Document {
  const { title, defaults, margin, draftHeader, footers, children } = options
  return new Document({
    creator: '清廉企业',
    title,
    styles: { default: { document: defaults } },
    sections: [
      {
        properties: { page: { size: A4, margin } },
        headers: draftHeader ? { default: new Header({ children: draftHeader }) } : undefined,
        footers,
        children,
      },
    ],
  })
}

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
