import type { DatabaseOptions } from '../db/database'
import type { Cell, SheetSpec } from './spec'

/**
 * Messages between the API thread and an export worker (structured-cloned; the file bytes transferred).
 * Either the API thread sends the workbook's rows (`begin`, `rows`…, `end`), or the worker gathers them
 * itself on its own database connection (`job`: a module's export function, by path and name), or it
 * builds a document from plain data (`document`: a builder of documents.ts, by name).
 */
export type ExportTask =
  | { type: 'begin'; now: number; sheets: Omit<SheetSpec, 'rows'>[] }
  | { type: 'rows'; sheet: number; rows: Cell[][] }
  | { type: 'end' }
  | { type: 'job'; file: string; name: string; database: DatabaseOptions; args: unknown[] }
  | { type: 'document'; builder: string; data: unknown }

export type ExportReply =
  | { type: 'done'; content: ArrayBuffer; meta?: Record<string, unknown> }
  | { type: 'fail'; message: string; status?: number; code?: string }
