import path from 'node:path'

/**
 * Every document (.docx, or an .xlsx that is not a table export) an export worker builds from plain data:
 * the builder's name, the module that exports a function of that name, `(data) => Promise<Buffer>`.
 * A new document is its builder file and one line here. Type-only imports: the API thread never loads
 * the builders (docx, ExcelJS); the worker requires the one it needs.
 */
type Builder<F> = { file: string } & { readonly _type?: F }
const builder = <F extends (data: never) => Promise<Buffer>>(file: string): Builder<F> => ({
  file: path.join(__dirname, '../..', file),
})

export const DOCUMENTS = {
  meetingRecord: builder<typeof import('../../features/party/docx').meetingRecord>('features/party/docx'),
  importTemplate:
    builder<typeof import('../../features/imports/workbook').importTemplate>('features/imports/workbook'),
  invites: builder<typeof import('../../features/imports/invitesDocx').invites>(
    'features/imports/invitesDocx',
  ),
  reportDocx: builder<typeof import('../../features/supervision/reportDocx').reportDocx>(
    'features/supervision/reportDocx',
  ),
}

export type DocumentName = keyof typeof DOCUMENTS
/** The plain data a builder takes (structured-cloned to the worker: Buffers arrive as Uint8Arrays). */
export type DocumentData<K extends DocumentName> =
  (typeof DOCUMENTS)[K] extends Builder<infer F> ? (F extends (data: infer D) => unknown ? D : never) : never

/** The worker's side: the builder function of a name. */
export function loadBuilder(name: string): (data: unknown) => Promise<Buffer> {
  const entry = (DOCUMENTS as Record<string, { file: string }>)[name]
  if (!entry) throw new Error(`unknown document builder ${name}`)
  return require(entry.file)[name] as (data: unknown) => Promise<Buffer>
}
