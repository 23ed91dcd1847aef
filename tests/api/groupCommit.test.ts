import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import { openDatabase, type DatabaseHandle } from '../../server/core/db/database'
import type { GroupCommitDriver } from '../../server/core/db/groupCommit'
import { TEST_DATABASE_URL, TEST_DB } from './support/testApp'
import crypto from 'node:crypto'
import pg from 'pg'

/**
 * Concurrent write transactions (batched into one COMMIT on SQLite, each its own on PostgreSQL): a failing
 * one rolls back alone, the others stay committed and are on disk once they have answered.
 */
describe(`concurrent write transactions, one failing [${TEST_DB}]`, () => {
  let handle: DatabaseHandle
  let temp = ''
  const schema = `gc_${process.pid}_${crypto.randomBytes(4).toString('hex')}`
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    await client.query(query).finally(() => client.end())
  }
  const open = () =>
    TEST_DB === 'postgres'
      ? openDatabase({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema })
      : openDatabase({ sqliteFile: path.join(temp, 'probe.db') })
  type Probe = { probe: { n: number; label: string } }
  const probeDb = (h: DatabaseHandle) => h.db as unknown as Kysely<Probe>

  beforeAll(async () => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-gc-'))
    if (TEST_DB === 'postgres') await admin(`create schema ${schema}`)
    handle = open()
    await sql`create table probe (n integer primary key, label text not null)`.execute(handle.db)
  })
  afterAll(async () => {
    await handle.close()
    if (TEST_DB === 'postgres') await admin(`drop schema ${schema} cascade`)
    fs.rmSync(temp, { recursive: true, force: true })
  })

  it('rolls back only the failing one; the others are committed and on disk when they answer', async () => {
    const db = probeDb(handle)
    await db.insertInto('probe').values({ n: 999, label: 'second' }).execute()
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, n) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('probe').values({ n, label: 'first' }).execute()
          // Yield between statements, as a request does, so the transactions interleave.
          await new Promise((resolve) => setImmediate(resolve))
          await trx.updateTable('probe').set({ label: 'second' }).where('n', '=', n).execute()
          if (n === 7) throw new Error('this write fails after writing')
          // Another fails on a statement of its own (a duplicate key).
          if (n === 11) await trx.insertInto('probe').values({ n: 999, label: 'dup' }).execute()
          return n
        }),
      ),
    )
    const failed = results.flatMap((r, n) => (r.status === 'rejected' ? [n] : []))
    expect(failed).toEqual([7, 11])
    // What answered is durable: a second connection to the same database sees it.
    const other = open()
    try {
      const rows = await probeDb(other).selectFrom('probe').selectAll().orderBy('n').execute()
      const expected = [...Array.from({ length: 20 }, (_, n) => n).filter((n) => n !== 7 && n !== 11), 999]
      expect(rows.map((r) => r.n)).toEqual(expected)
      expect(new Set(rows.map((r) => r.label))).toEqual(new Set(['second']))
    } finally {
      await other.close()
    }
  })

  if (TEST_DB === 'sqlite')
    it('shares COMMITs between the transactions of one burst', async () => {
      const driver = handle.groupCommit as GroupCommitDriver
      const commitsBefore = driver.commits
      const db = probeDb(handle)
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          db.transaction().execute((trx) =>
            trx
              .insertInto('probe')
              .values({ n: 100 + i, label: 'b' })
              .execute(),
          ),
        ),
      )
      expect(driver.commits - commitsBefore).toBeLessThan(10)
    })

  if (TEST_DB === 'sqlite')
    it("keeps the savepoints' journal in memory, and a write of many pages still rolls back alone", async () => {
      const db = probeDb(handle)
      // The sub-journal of each request's SAVEPOINT: a temporary file per batch otherwise (kernel time).
      expect(await sql<{ temp_store: number }>`pragma temp_store`.execute(db)).toMatchObject({
        rows: [{ temp_store: 2 }],
      })
      const big = 'x'.repeat(3000)
      const results = await Promise.allSettled(
        [0, 1].map((k) =>
          db.transaction().execute(async (trx) => {
            // ~300 KiB of rows: far past the 64 KiB a sub-journal holds in memory by default.
            for (let i = 0; i < 100; i++)
              await trx
                .insertInto('probe')
                .values({ n: 1000 + k * 100 + i, label: big })
                .execute()
            await trx
              .updateTable('probe')
              .set({ label: `edited ${k}` })
              .where('n', '<', 20)
              .execute()
            if (k === 0) throw new Error('this write fails after writing many pages')
          }),
        ),
      )
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled'])
      const kept = await db.selectFrom('probe').select('n').where('n', '>=', 1000).execute()
      expect(kept.map((r) => r.n)).toEqual(Array.from({ length: 100 }, (_, i) => 1100 + i))
      const labels = await db.selectFrom('probe').select('label').where('n', '<', 20).execute()
      expect(new Set(labels.map((r) => r.label))).toEqual(new Set(['edited 1']))
    })

  if (TEST_DB === 'sqlite')
    it("with SQLITE_SYNC=wal-thread, answers a write only once the WAL is fdatasync'ed after its COMMIT", async () => {
      const own = openDatabase({ sqliteFile: path.join(temp, 'wal-thread.db'), sqliteSync: 'wal-thread' })
      const held: (() => void)[] = []
      const synced: string[] = []
      const fdatasync = jest.spyOn(fs, 'fdatasync').mockImplementation(((
        fd: number,
        callback: (error: NodeJS.ErrnoException | null) => void,
      ) => {
        synced.push(fs.readlinkSync(`/proc/self/fd/${fd}`))
        held.push(() => callback(null))
      }) as typeof fs.fdatasync)
      try {
        const db = probeDb(own)
        expect(await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).toMatchObject({
          rows: [{ synchronous: 1 }],
        })
        const settle = () => new Promise((resolve) => setTimeout(resolve, 20))
        // A write of its own (autocommit: the table) and a batch of transactions.
        const created = sql`create table probe (n integer primary key, label text not null)`.execute(db)
        let answered = false
        await settle()
        void created.then(() => (answered = true))
        await settle()
        expect(answered).toBe(false)
        held.shift()?.()
        await created
        const writes = Array.from({ length: 5 }, (_, n) =>
          db.transaction().execute((trx) => trx.insertInto('probe').values({ n, label: 'a' }).execute()),
        )
        let done = 0
        for (const w of writes) void w.then(() => done++)
        await settle()
        // Committed (another connection sees the rows) but not answered before the sync ends.
        const other = openDatabase({ sqliteFile: path.join(temp, 'wal-thread.db'), groupCommit: false })
        expect(await probeDb(other).selectFrom('probe').select('n').execute()).toHaveLength(5)
        await other.close()
        expect(done).toBe(0)
        while (held.length > 0) held.shift()?.()
        await Promise.all(writes)
        expect(done).toBe(5)
        expect(new Set(synced)).toEqual(new Set([path.join(fs.realpathSync(temp), 'wal-thread.db-wal')]))
      } finally {
        fdatasync.mockRestore()
        await own.close()
      }
    })
})
