import crypto from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isoAt } from '../../core/clock'
import { requireAuth } from '../../core/auth'
import { AppError, found, notFound } from '../../core/errors'
import { XLSX_CONTENT_TYPE } from '../../core/http'
import { transferable } from '../../core/transfer'
import { performWrite } from '../../core/writes'
import { ERROR_MESSAGES } from '../../../src/models/errors'
import type { TImport, TImportCounts, TImportRowsQuery } from '../../../src/models/enterpriseImport'
import { INVITES_PER_DOCUMENT, ZImportRowsQuery } from '../../../src/models/enterpriseImport'
import { formatShanghaiMinute } from '../../../src/models/shanghaiTime'
import { joinLinkUrl } from '../../../src/models/joinLink'
import { importsRepository, type StoredCommit } from './repository'
import { readWorkbookUpload } from './upload'
import { runInWorker, type WorkerRun } from './runner'
import type { WorkerReply } from './workerProtocol'

/** A parse the process still runs: kept so closing the app stops its thread and waits for its writes. */
const running = new Set<{ run: WorkerRun; writes: Promise<unknown> }>()

export async function stopRunningImports() {
  await Promise.all(
    [...running].map(async (job) => {
      await job.run.terminate()
      await job.writes.catch(() => undefined)
    }),
  )
}

export async function templateWorkbook(app: FastifyInstance, office: string): Promise<Buffer> {
  const departments = await importsRepository.departmentsByName(app.db)
  return app.exporter.document('importTemplate', {
    departmentNames: departments.map(([name]) => name),
    office,
    now: app.clock(),
  })
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Upload → 202 {id}: the workbook goes to a worker thread; the answer waits only until the worker has
 * read it and found the template's header (a bad file answers 4xx and leaves nothing behind). Then the
 * worker checks the rows; its replies are written in order (progress, rows in batches, the result
 * workbook), so any API process can answer `GET /imports/:id`.
 */
export async function startImport(request: FastifyRequest, reply: FastifyReply): Promise<{ id: number }> {
  const app = request.server
  const auth = requireAuth(request)
  const { content, filename } = await readWorkbookUpload(request, app.uploadMaxBytes)
  const sha256 = crypto.createHash('sha256').update(content).digest('hex')
  const [departments, existing] = await Promise.all([
    importsRepository.departmentsByName(app.db),
    importsRepository.existing(app.db),
  ])

  let started!: (total: number) => void
  let refused!: (error: AppError) => void
  const header = new Promise<number>((resolve, reject) => {
    started = resolve
    refused = reject
  })
  let importId: number | null = null
  let headerRead = false
  let resolveId!: (id: number | null) => void
  const idKnown = new Promise<number | null>((resolve) => (resolveId = resolve))
  let writes: Promise<unknown> = Promise.resolve()
  const now = () => isoAt(app.clock())
  const failed = (id: number) =>
    importsRepository.finish(
      app.db,
      id,
      { state: 'failed', errorMessage: ERROR_MESSAGES.IMPORT_FAILED },
      now(),
    )

  const handle = async (message: WorkerReply) => {
    if (message.type === 'started') {
      headerRead = true
      return started(message.total)
    }
    // Before the header was read, a failure is the upload's answer; after, the import's state.
    if (message.type === 'fail' && !headerRead)
      return refused(
        new AppError(
          message.status === 500 ? 400 : message.status,
          message.code === 'INTERNAL' ? 'IMPORT_FILE_INVALID' : message.code,
          message.code === 'INTERNAL' ? undefined : message.message,
        ),
      )
    const id = await idKnown
    if (id === null) return
    if (message.type === 'progress') await importsRepository.progress(app.db, id, message.processed, now())
    else if (message.type === 'rows') {
      await importsRepository.insertRows(app.db, id, message.rows)
      await yieldToLoop()
    } else if (message.type === 'done') {
      const stored = await app.fileStore.put(
        Buffer.from(message.content),
        { ext: 'xlsx', mime: XLSX_CONTENT_TYPE },
        app.clock(),
      )
      await importsRepository.finish(
        app.db,
        id,
        { state: 'ready', counts: message.counts, resultKey: stored.storageKey },
        now(),
      )
    } else if (message.type === 'fail') {
      request.log.error({ importId: id, message: message.message }, 'import worker failed')
      await failed(id)
    }
  }
  const bytes = transferable(content)
  const run = runInWorker(
    { kind: 'preview', content: bytes, departments, existing: [...existing.entries()] },
    [bytes],
    (message) => {
      writes = writes
        .then(() => handle(message))
        .catch((error) => request.log.error({ err: error }, 'import write failed'))
    },
  )
  const job = { run, writes: Promise.resolve() as Promise<unknown> }
  running.add(job)
  const cleanup = run.finished
    .catch(async (error) => {
      refused(new AppError(400, 'IMPORT_FILE_INVALID'))
      request.log.error({ err: error }, 'import worker died')
      const id = await idKnown
      if (id !== null) await failed(id)
    })
    .then(() => writes)
    .finally(() => running.delete(job))
  job.writes = cleanup

  let total: number
  try {
    total = await header
  } catch (error) {
    resolveId(null)
    await run.terminate()
    throw error
  }
  let created = false
  try {
    const result = await performWrite(request, reply, {
      action: 'import.upload',
      status: 202,
      fingerprint: { sha256 },
      run: async (trx) => {
        const row = await importsRepository.insert(
          trx,
          { createdBy: auth.user.id, filename, sha256, total },
          now(),
        )
        created = true
        importId = row.id
        return {
          result: { id: row.id },
          entityType: 'enterprise_import',
          entityId: row.id,
          detail: { filename, sha256, total },
        }
      },
    })
    resolveId(created ? importId : null)
    if (!created) await run.terminate()
    return result
  } catch (error) {
    resolveId(null)
    await run.terminate()
    throw error
  }
}

export async function loadImport(app: FastifyInstance, id: number) {
  const row = await importsRepository.find(app.db, id)
  if (!row) throw notFound()
  return row
}

/** A check that has reported nothing for this long died with its process (a restart, a crash). */
export const STALE_PARSE_MS = 5 * 60_000

export async function importView(
  app: FastifyInstance,
  id: number,
  query: TImportRowsQuery,
): Promise<TImport> {
  let row = await loadImport(app, id)
  if (row.state === 'parsing' && app.clock() - Date.parse(row.updated_at) > STALE_PARSE_MS) {
    const failed = { state: 'failed' as const, errorMessage: ERROR_MESSAGES.IMPORT_FAILED }
    await importsRepository.finish(app.db, id, failed, isoAt(app.clock()))
    row = await loadImport(app, id)
  }
  const paging = ZImportRowsQuery.parse(query)
  const page =
    row.state === 'parsing' ? { rows: [], total: 0 } : await importsRepository.pageRows(app.db, id, paging)
  const commit = row.commit_result ? (JSON.parse(row.commit_result) as StoredCommit) : null
  return {
    id: row.id,
    filename: row.filename,
    state: row.state as TImport['state'],
    processed: row.processed,
    total: row.total,
    counts: row.counts ? (JSON.parse(row.counts) as TImportCounts) : null,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    committedAt: row.committed_at,
    commitResult: commit
      ? {
          created: commit.created,
          updated: commit.updated,
          unchanged: commit.unchanged,
          invites: commit.invites,
        }
      : null,
    rows: page.rows,
    rowsTotal: page.total,
  }
}

export async function resultWorkbook(
  app: FastifyInstance,
  id: number,
): Promise<{ content: Buffer; filename: string }> {
  const row = await loadImport(app, id)
  if (row.state === 'failed') throw new AppError(409, 'IMPORT_FAILED')
  if (!row.result_key) throw new AppError(409, 'IMPORT_NOT_READY')
  const content = await found(app.fileStore.read(row.result_key))
  return { content, filename: row.filename.replace(/\.xlsx$/i, '') }
}

/**
 * The printable liaison invites of the enterprises this import created, built in a worker thread: part
 * `part` of them (INVITES_PER_DOCUMENT enterprises per document; a county's usual import is one part).
 */
export async function invitesDocument(
  app: FastifyInstance,
  id: number,
  webBase: string,
  part: number,
  /** The county's office, named on each invite (`测试县清廉企业建设工作领导小组办公室`). */
  office: string,
): Promise<Buffer> {
  const row = await loadImport(app, id)
  if (row.state !== 'committed' || !row.commit_result) throw new AppError(409, 'IMPORT_NOT_COMMITTED')
  const commit = JSON.parse(row.commit_result) as StoredCommit
  const pairs = commit.createdInvites.slice((part - 1) * INVITES_PER_DOCUMENT, part * INVITES_PER_DOCUMENT)
  if (part > 1 && pairs.length === 0) throw notFound()
  const invites = await importsRepository.invitesOf(app.db, pairs)
  const items = invites.map((i) => ({
    name: i.name,
    creditCode: i.creditCode,
    liaisonName: i.liaisonName,
    code: i.code,
    link: joinLinkUrl(webBase, { kind: 'invite', code: i.code }),
    expiresAt: formatShanghaiMinute(i.expiresAt),
  }))
  // In line with the other exports, in an export worker (core/exports).
  return app.exporter.document('invites', { office, items })
}
