import path from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import type { DatabaseOptions, Db, DbOrTrx } from '../db/database'
import { AppError } from '../errors'
import type { TErrorCode } from '../../../src/models/errors'
import type { ExportReply, ExportTask } from './protocol'
import { ExportQueue } from './queue'
import type { WorkbookSpec } from './spec'

/** Rows per message to the worker: each clone is short, and the API answers others between them. */
const ROWS_PER_MESSAGE = 500

/**
 * A workbook export: a function of the database (and cloneable arguments) that gathers the rows and says
 * how they are laid out, exported by name from `file` so that a worker thread can load and run it.
 */
export interface ExportJob<A extends unknown[], M extends object> {
  file: string
  name: string
  build: (db: DbOrTrx, ...args: A) => Promise<{ spec: WorkbookSpec } & M>
}

export function exportJob<A extends unknown[], M extends object>(
  file: string,
  name: string,
  build: ExportJob<A, M>['build'],
): ExportJob<A, M> {
  return { file, name, build }
}

/** A document builder exported by name from `file`, answering the file's bytes (see Exporter.document). */
export interface DocumentJob<A extends unknown[]> {
  file: string
  name: string
  build: (...args: A) => Promise<Buffer>
}

/**
 * Runs the server's workbook exports in line (ExportQueue) and off the API's event loop. With a database
 * a worker can open (a SQLite file, PostgreSQL) the whole export runs in the worker on its own connection:
 * at 20,000 enterprises the queries and the per-row work take seconds of JavaScript too. With an
 * in-memory SQLite database (tests) only this thread sees the data: the rows are gathered here and the
 * layout alone runs in the worker.
 */
export class Exporter {
  /** A worker kept from the last export: loading the server's modules in a new thread takes seconds. */
  private spare: Worker | null = null
  private closed = false

  constructor(
    private readonly db: Db,
    /** How a worker opens the same database; null when it cannot. */
    private readonly database: DatabaseOptions | null,
    readonly queue = new ExportQueue(1, 4),
  ) {}

  run<A extends unknown[], M extends object>(
    job: ExportJob<A, M>,
    ...args: A
  ): Promise<{ content: Buffer } & M> {
    return this.queue.run(async () => {
      if (this.database) {
        const database = this.database
        const { content, meta } = await this.inWorker(async (post) =>
          post({ type: 'job', file: job.file, name: job.name, database, args }),
        )
        return { ...(meta as M), content }
      }
      const { spec, ...meta } = await job.build(this.db, ...args)
      return { ...(meta as unknown as M), content: await this.render(spec) }
    })
  }

  /**
   * A document laid out in a worker from data already gathered (cloneable arguments), e.g. a 督查专报 from
   * its stored snapshot: in line with the workbooks, and off the event loop.
   */
  document<A extends unknown[]>(job: DocumentJob<A>, ...args: A): Promise<Buffer> {
    return this.queue.run(async () => {
      const { content } = await this.inWorker(async (post) =>
        post({ type: 'report', file: job.file, name: job.name, args }),
      )
      return content
    })
  }

  /**
   * Lays out a workbook in a worker thread from rows gathered here, a few hundred per message with a turn
   * of the event loop between, so that handing over 20,000 rows does not hold up other requests either.
   */
  private async render(spec: WorkbookSpec): Promise<Buffer> {
    const { content } = await this.inWorker(async (post) => {
      post({
        type: 'begin',
        now: spec.now,
        sheets: spec.sheets.map(({ name, options }) => ({ name, options })),
      })
      for (const [sheet, { rows }] of spec.sheets.entries())
        for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) {
          post({ type: 'rows', sheet, rows: rows.slice(i, i + ROWS_PER_MESSAGE) })
          await nextTurn()
        }
      post({ type: 'end' })
    })
    return content
  }

  /** One workbook in a worker thread: the task messages in, the file (or the failure) out. */
  private async inWorker(
    send: (post: (task: ExportTask) => void) => Promise<void>,
  ): Promise<{ content: Buffer; meta: Record<string, unknown> }> {
    // execArgv empty: the entry registers tsx itself, the same under tsx, `npm start` and jest.
    const worker = this.spare ?? new Worker(path.join(__dirname, 'worker.cjs'), { execArgv: [] })
    this.spare = null
    worker.ref()
    let onMessage!: (reply: ExportReply) => void
    let onError!: (error: unknown) => void
    const result = new Promise<{ content: Buffer; meta: Record<string, unknown> }>((resolve, reject) => {
      onMessage = (reply) => {
        if (reply.type === 'done') resolve({ content: Buffer.from(reply.content), meta: reply.meta ?? {} })
        else if (reply.status && reply.code)
          reject(new AppError(reply.status, reply.code as TErrorCode, reply.message))
        else reject(new Error(`export worker: ${reply.message}`))
      }
      onError = reject
    })
    const onExit = (code: number) => onError(new Error(`export worker exited (${code}) without an answer`))
    worker.once('message', onMessage).once('error', onError).once('exit', onExit)
    // Settled on every path (a failed hand-over terminates the worker, whose exit then rejects it).
    result.catch(() => undefined)
    let healthy = false
    try {
      await send((task) => worker.postMessage(task))
      const answer = await result
      healthy = true
      return answer
    } catch (error) {
      // An AppError is the job's own answer (a refusal): the worker is fine.
      healthy = error instanceof AppError
      throw error
    } finally {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit)
      if (healthy && !this.closed && !this.spare) {
        // Kept for the next export without keeping the process alive.
        worker.unref()
        this.spare = worker
      } else await worker.terminate()
    }
  }

  async close(): Promise<void> {
    this.closed = true
    const spare = this.spare
    this.spare = null
    await spare?.terminate()
  }
}
