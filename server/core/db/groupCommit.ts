import fs from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'
import {
  CompiledQuery,
  DeleteQueryNode,
  InsertQueryNode,
  RawNode,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  UpdateQueryNode,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type OperationNode,
  type QueryCompiler,
  type QueryResult,
} from 'kysely'

/**
 * SQLite with group commit: with synchronous=FULL every COMMIT is an fsync, and better-sqlite3 runs it on
 * the event loop, so one fsync per write stalls every request. Here the write transactions of requests
 * that arrive within one turn of the event loop (or `windowMs`) share one outer transaction and one
 * COMMIT: each request's transaction is a SAVEPOINT inside it (a failing one rolls back alone), and its
 * `commit` resolves only once the shared COMMIT is durable, so no request answers before its data is on
 * disk. Reads outside a transaction run inside an open batch (they see its writes, as the next request
 * would); a write outside a transaction first commits the batch, then runs on its own.
 * Prepared statements are kept by their SQL (Kysely's SqliteDriver prepares every statement anew).
 */
export interface GroupCommitOptions {
  /** How long a batch stays open after its first write finished, for others to join; 0: one event-loop turn. */
  windowMs?: number
  /**
   * The WAL file, when the connection runs `synchronous = NORMAL` and its durability is made here instead:
   * after each COMMIT the WAL is fdatasync'ed on libuv's thread pool, and the members of the batch (and an
   * autocommit write) answer only once it is done. A COMMIT then no longer stalls the event loop for the
   * fsync (see `walSync`). Absent: SQLite syncs inside COMMIT (`synchronous = FULL`).
   */
  walFile?: string
}

/** The tables whose change alters what a signed-in request may do (the auth cache watches them). */
const ACCESS_TABLES = new Set(['users', 'memberships', 'departments'])
const STATEMENT_CACHE_SIZE = 500
const SAVEPOINT = 'group_write'

interface Waiter {
  resolve: () => void
  reject: (error: unknown) => void
}

interface Batch {
  waiters: Waiter[]
  scheduled: boolean
}

/** First come, first served: a scheduled COMMIT is not overtaken by the writes queued after it. */
class FifoMutex {
  #held = false
  #queue: (() => void)[] = []
  lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true
      return Promise.resolve()
    }
    return new Promise((resolve) => this.#queue.push(resolve))
  }
  unlock() {
    const next = this.#queue.shift()
    if (next) next()
    else this.#held = false
  }
}

/** One use of the single connection: a plain query, or one request's transaction. */
class Lease implements DatabaseConnection {
  inTransaction = false
  released = false
  constructor(private readonly driver: GroupCommitDriver) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = this.driver.execute<R>(this, query)
    // With `walFile`, an autocommit write answers once its own COMMIT is synced too.
    if (this.inTransaction || !this.driver.syncsWal || isRead(query)) return Promise.resolve(result)
    return this.driver.durable().then(() => result)
  }
  streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return this.driver.stream<R>(query)
  }
}

function tableOf(node: OperationNode | undefined): string | null {
  if (!node) return null
  if (node.kind === 'TableNode')
    return (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name
  if (node.kind === 'AliasNode') return tableOf((node as unknown as { node: OperationNode }).node)
  return null
}

/** Whether a write may change access: it names a watched table, or cannot be read (raw SQL). */
function touchesAccess(query: CompiledQuery): boolean {
  const node = query.query
  let tables: (string | null)[]
  if (InsertQueryNode.is(node)) tables = [tableOf(node.into)]
  else if (UpdateQueryNode.is(node)) {
    const from = node.table
    tables =
      from && 'froms' in from ? (from as { froms: OperationNode[] }).froms.map(tableOf) : [tableOf(from)]
  } else if (DeleteQueryNode.is(node)) tables = node.from.froms.map(tableOf)
  else return true
  return tables.some((t) => t === null || ACCESS_TABLES.has(t))
}

/** A SELECT, built or raw (the health route's `select 1`); anything else counts as a write. */
function isRead(query: CompiledQuery): boolean {
  return SelectQueryNode.is(query.query) || (RawNode.is(query.query) && /^\s*select\b/i.test(query.sql))
}

export class GroupCommitDriver implements Driver {
  readonly #mutex = new FifoMutex()
  readonly #statements = new Map<string, BetterSqlite3.Statement>()
  #batch: Batch | null = null
  /** Bumped by every write that may change access, in this process. */
  accessGeneration = 0
  /** COMMITs run so far (the tests see writes share them). */
  commits = 0
  /** Time the event loop spent inside those COMMITs, ns (bench/signin prints it). */
  commitNs = BigInt(0)

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Whether this driver makes COMMITs durable itself (`walFile`). */
  get syncsWal(): boolean {
    return this.options.walFile !== undefined
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock()
    return new Lease(this)
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease
    if (lease.released) return
    lease.released = true
    this.#mutex.unlock()
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#batch) {
      // IMMEDIATE: take the write lock now, so a read-then-write never meets another process's commit.
      this.#run('begin immediate')
      this.#batch = { waiters: [], scheduled: false }
    }
    this.#run(`savepoint ${SAVEPOINT}`)
    ;(connection as Lease).inTransaction = true
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease
    this.#run(`release ${SAVEPOINT}`)
    lease.inTransaction = false
    const batch = this.#batch as Batch
    const durable = new Promise<void>((resolve, reject) => batch.waiters.push({ resolve, reject }))
    this.#schedule(batch)
    // The connection is free for the next request while this one waits for the shared COMMIT.
    lease.released = true
    this.#mutex.unlock()
    await durable
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease
    // Its commit was handed to the batch, whose COMMIT failed: SQLite has undone it with the rest.
    if (lease.released || !lease.inTransaction) return
    lease.inTransaction = false
    try {
      this.#run(`rollback to ${SAVEPOINT}`)
      this.#run(`release ${SAVEPOINT}`)
    } catch (error) {
      if (this.sqlite.inTransaction) throw error
    }
    const batch = this.#batch
    if (!batch) return
    if (!this.sqlite.inTransaction) {
      // SQLite rolled the whole transaction back (a full disk, an I/O error): every member learns it.
      this.#batch = null
      for (const w of batch.waiters) w.reject(new Error('SQLite rolled back the group transaction'))
    } else if (batch.waiters.length === 0) {
      // Nobody else in it: close it now rather than hold the write lock until the next write.
      this.#batch = null
      this.#run('rollback')
    }
  }

  async destroy(): Promise<void> {
    await this.#mutex.lock()
    if (this.#batch) this.#commitBatch()
    await this.durable()
    this.#statements.clear()
    this.sqlite.close()
    this.#mutex.unlock()
  }

  execute<R>(lease: Lease, query: CompiledQuery): QueryResult<R> {
    if (!isRead(query)) {
      // A write of its own answers after its own COMMIT: the batch before it goes first.
      if (!lease.inTransaction && this.#batch) this.#commitBatch()
      if (touchesAccess(query)) this.accessGeneration++
    }
    const statement = this.#prepare(query.sql)
    const parameters = query.parameters as unknown[]
    if (statement.reader) return { rows: statement.all(parameters) as R[] }
    const { changes, lastInsertRowid } = statement.run(parameters)
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
  }

  async *stream<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query))
      throw new Error('Sqlite driver only supports streaming of select queries')
    // A fresh statement: a kept one could be asked for again while this iterator is open.
    for (const row of this.sqlite.prepare(query.sql).iterate(query.parameters as unknown[]))
      yield { rows: [row as R] }
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql)
    if (statement) return statement
    statement = this.sqlite.prepare(sql)
    if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
      const oldest = this.#statements.keys().next().value
      if (oldest !== undefined) this.#statements.delete(oldest)
    }
    this.#statements.set(sql, statement)
    return statement
  }

  #run(sql: string) {
    this.#prepare(sql).run()
  }

  #schedule(batch: Batch) {
    if (batch.scheduled) return
    batch.scheduled = true
    const flush = () => {
      void this.#mutex.lock().then(() => {
        try {
          if (this.#batch === batch) this.#commitBatch()
        } finally {
          this.#mutex.unlock()
        }
      })
    }
    const windowMs = this.options.windowMs ?? 0
    if (windowMs > 0) setTimeout(flush, windowMs)
    else setImmediate(flush)
  }

  /** The shared COMMIT (the caller holds the connection); then every member answers. */
  #commitBatch() {
    const batch = this.#batch
    if (!batch) return
    this.#batch = null
    const started = process.hrtime.bigint()
    try {
      this.#run('commit')
      this.commits++
      this.commitNs += process.hrtime.bigint() - started
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.prepare('rollback').run()
      for (const w of batch.waiters) w.reject(error)
      return
    }
    if (!this.options.walFile) {
      for (const w of batch.waiters) w.resolve()
      return
    }
    this.durable().then(
      () => batch.waiters.forEach((w) => w.resolve()),
      (error: unknown) => batch.waiters.forEach((w) => w.reject(error)),
    )
  }

  #syncing: Promise<void> | null = null
  #syncAgain: Promise<void> | null = null

  /**
   * Resolves once everything committed so far is on disk: with `walFile`, an fdatasync of the WAL begun
   * after this call (on the thread pool); syncs asked for while one runs share the next one.
   */
  durable(): Promise<void> {
    const walFile = this.options.walFile
    if (!walFile) return Promise.resolve()
    if (!this.#syncing) {
      const sync = walSync(walFile).finally(() => {
        this.#syncing = null
      })
      this.#syncing = sync
      return sync
    }
    // The running sync may have begun before this COMMIT's frames were written: the next one covers them.
    this.#syncAgain ??= this.#syncing
      .catch(() => undefined)
      .then(() => {
        this.#syncAgain = null
        return this.durable()
      })
    return this.#syncAgain
  }
}

/** fdatasync of the WAL file on the thread pool (an fd of its own: fsync is per file, not per descriptor). */
function walSync(walFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.open(walFile, 'r', (openError, fd) => {
      // No WAL file: nothing was written to it since it was last checkpointed and removed.
      if (openError) return openError.code === 'ENOENT' ? resolve() : reject(openError)
      fs.fdatasync(fd, (syncError) => fs.close(fd, () => (syncError ? reject(syncError) : resolve())))
    })
  })
}

export class GroupCommitDialect implements Dialect {
  constructor(readonly driver: GroupCommitDriver) {}
  createDriver(): Driver {
    return this.driver
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler()
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter()
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db)
  }
}
