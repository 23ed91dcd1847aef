import {
  Document,
  Header,
  type IDocumentDefaultsOptions,
  type ISectionOptions,
  type Paragraph,
  type Table,
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
