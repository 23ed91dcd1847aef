import type { DatabaseOptions } from '../db/database'
import type { Cell, SheetSpec } from './spec'

/**
 * Messages between the API thread and an export worker (structured-cloned; the file bytes transferred).
 * Either the API thread sends the workbook's rows (`begin`, `rows`…, `end`), or the worker gathers them
 * itself on its own database connection (`job`: a module's export function, by path and name).
 */
export type ExportTask =
  | { type: 'begin'; now: number; sheets: Omit<SheetSpec, 'rows'>[] }
  | { type: 'rows'; sheet: number; rows: Cell[][] }
  | { type: 'end' }
  | { type: 'job'; file: string; name: string; database: DatabaseOptions; args: unknown[] }
  // A document from data already gathered (a 督查专报's snapshot): a module's function answering the bytes.
  | { type: 'report'; file: string; name: string; args: unknown[] }

export type ExportReply =
  | { type: 'done'; content: ArrayBuffer; meta?: Record<string, unknown> }
  | { type: 'fail'; message: string; status?: number; code?: string }
