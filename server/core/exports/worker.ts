import { parentPort } from 'node:worker_threads'
import { openDatabase } from '../db/database'
import { AppError } from '../errors'
import { transferable } from '../transfer'
import type { ExportReply, ExportTask } from './protocol'
import { loadBuilder } from './documents'
import { WorkbookBuilder, type WorkbookSpec } from './spec'

/**
 * One file at a time per thread: a workbook's queries (a `job`) or its rows from the API thread, the
 * layout, the zip; or a document from its data (`document`).
 */
const port = parentPort!
let builder: WorkbookBuilder | null = null

function done(content: Buffer, meta?: Record<string, unknown>) {
  const bytes = transferable(content)
  port.postMessage({ type: 'done', content: bytes, meta } satisfies ExportReply, [bytes])
}

function fail(error: unknown) {
  const reply: ExportReply =
    error instanceof AppError
      ? { type: 'fail', message: error.message, status: error.statusCode, code: error.code }
      : { type: 'fail', message: String((error as Error)?.stack ?? error) }
  port.postMessage(reply)
}

async function runJob(task: Extract<ExportTask, { type: 'job' }>) {
  const database = openDatabase(task.database)
  try {
    const build = require(task.file)[task.name] as (...args: unknown[]) => Promise<{ spec: WorkbookSpec }>
    const { spec, ...meta } = await build(database.db, ...task.args)
    const book = new WorkbookBuilder(spec.now, spec.sheets)
    spec.sheets.forEach((s, i) => book.add(i, s.rows))
    done(await book.finish(), meta)
  } finally {
    await database.close()
  }
}

port.on('message', (task: ExportTask) => {
  try {
    if (task.type === 'job') void runJob(task).catch(fail)
    else if (task.type === 'document')
      void loadBuilder(task.builder)(task.data).then((content) => done(content), fail)
    else if (task.type === 'begin') builder = new WorkbookBuilder(task.now, task.sheets)
    else if (task.type === 'rows') builder!.add(task.sheet, task.rows)
    else {
      // The thread may serve the next export: it keeps nothing of this one.
      const finishing = builder!.finish()
      builder = null
      void finishing.then((content) => done(content), fail)
    }
  } catch (error) {
    fail(error)
  }
})
