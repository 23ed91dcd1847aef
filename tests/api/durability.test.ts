import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../server/core/db/database'
import { startApiProcess, type ApiProcess } from './support/apiProcess'
import { TEST_DB } from './support/testApp'

/** A guard against a hang on a busy machine, not a measurement. */
const TIMEOUT_MS = 120_000

/**
 * kill -9 of a real server on SQLite (group commit, synchronous=FULL, or NORMAL with the WAL synced by the
 * driver) in the middle of a burst of writes: every write that was answered is in the database file
 * afterwards. SQLite only (PostgreSQL's own
 * commits are its business).
 */
const describeSqlite = TEST_DB === 'sqlite' ? describe : describe.skip

describeSqlite('writes answered before a kill -9 [sqlite]', () => {
  let temp = ''
  let api: ApiProcess | undefined
  const file = () => path.join(temp, 'durable.db')

  beforeAll(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-kill-'))
  })
  afterAll(async () => {
    await api?.kill()
    fs.rmSync(temp, { recursive: true, force: true })
  })

  it.each(['full', 'wal-thread'])(
    'keeps every answered write (SQLITE_SYNC=%s)',
    async (sync) => {
      fs.rmSync(temp, { recursive: true, force: true })
      fs.mkdirSync(temp)
      api = await startApiProcess('api', {
        SQLITE_SYNC: sync,
        APP_MODE: 'test',
        SEED_DEMO: 'true',
        SQLITE_FILE: file(),
        UPLOAD_DIR: path.join(temp, 'uploads'),
        PLEDGE_CHECKPOINT_FILE: path.join(temp, 'pledge-checkpoints.log'),
        H5_DIST: '/nonexistent',
        LOG_LEVEL: 'warn',
        LOGIN_PER_ADDRESS_PER_MINUTE: '1000000',
      })
      const origin = api.origin
      const login = await fetch(`${origin}/api/v1/auth/dev`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid: 'demo-liaison-private' }),
      })
      const token = ((await login.json()) as { token: string }).token
      const reader = openDatabase({ sqliteFile: file(), groupCommit: false })
      const enterprise = await reader.db
        .selectFrom('enterprises')
        .select('id')
        .where('name', '=', '县恒达食品有限公司')
        .executeTakeFirstOrThrow()
      await reader.close()

      const answered: number[] = []
      let killed: Promise<void> | undefined
      const create = async (i: number) => {
        try {
          const res = await fetch(`${origin}/api/v1/enterprises/${enterprise.id}/invites`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'idempotency-key': `durable-${String(i).padStart(4, '0')}`,
            },
            body: JSON.stringify({ role: 'employee' }),
          })
          if (res.status !== 201) return
          answered.push(((await res.json()) as { id: number }).id)
          // Mid-burst: the rest are in flight, some of them inside an open batch.
          if (answered.length === 60) killed = api?.kill()
        } catch {
          // Cut off by the kill: not answered, so nothing is promised.
        }
      }
      await Promise.all(Array.from({ length: 200 }, (_, i) => create(i)))
      await (killed ?? api.kill())
      expect(answered.length).toBeGreaterThanOrEqual(60)

      const after = openDatabase({ sqliteFile: file(), groupCommit: false })
      try {
        const ids = new Set((await after.db.selectFrom('invites').select('id').execute()).map((r) => r.id))
        expect(answered.filter((id) => !ids.has(id))).toEqual([])
        // Each answered write's key and audit row were committed with it.
        const keys = await after.db
          .selectFrom('idempotency_keys')
          .select('state')
          .where('key', 'like', 'durable-%')
          .execute()
        expect(keys.filter((k) => k.state === 'done').length).toBeGreaterThanOrEqual(answered.length)
      } finally {
        await after.close()
      }
    },
    TIMEOUT_MS,
  )
})
