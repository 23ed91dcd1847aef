/** The text of each cell of each row of the first table of a .docx's word/document.xml. */
export function docxTableRows(xml: string): string[][] {
  const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0]
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([tr]) =>
    [...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([tc]) =>
      [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    ),
  )
}
