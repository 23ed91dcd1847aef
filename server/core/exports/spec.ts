import { addTable, INFO_COLUMNS, streamingWorkbook, type TableOptions } from '../workbook'

/**
 * A workbook as plain data: what the API thread gathers and hands to an export worker, which lays it out
 * with the one table layout of core/workbook.ts. Cell values are strings, numbers, dates or empty.
 */
export type Cell = string | number | Date | null
export interface SheetSpec {
  name: string
  options: TableOptions
  rows: Cell[][]
}
export interface WorkbookSpec {
  /** The export's time: the workbook's creation date. */
  now: number
  sheets: SheetSpec[]
}

/** The sheet an export ends with: what it is about, one fact a row (项目 | 内容). */
export function infoSheet(name: string, title: string, facts: (string | number)[][]): SheetSpec {
  return {
    name,
    options: { title, columns: INFO_COLUMNS },
    rows: facts.map(([k, v]) => [String(k), String(v)]),
  }
}

/**
 * Lays out a workbook whose sheets arrive a part at a time (the worker's side), streamed: each row is
 * written out as it is added. The sheets' rows arrive in order, one sheet after the other.
 */
export class WorkbookBuilder {
  private readonly book: ReturnType<typeof streamingWorkbook>
  private readonly tables: ReturnType<typeof addTable>[]
  /** Sheets committed so far (the workbook commits the rest at the end). */
  private written = 0

  constructor(now: number, sheets: Omit<SheetSpec, 'rows'>[]) {
    this.book = streamingWorkbook(now)
    this.tables = sheets.map((s) => addTable(this.book.workbook, s.name, s.options))
  }

  add(sheet: number, rows: Cell[][]): void {
    // A sheet is finished when the next one starts: written out, its buffers let go.
    while (this.written < sheet) this.endTable()
    for (const row of rows) this.tables[sheet].add(row)
  }

  finish(): Promise<Buffer> {
    while (this.written < this.tables.length) this.endTable()
    return this.book.finish()
  }

  private endTable(): void {
    const table = this.tables[this.written++]
    table.end()
    table.sheet.commit()
  }
}
